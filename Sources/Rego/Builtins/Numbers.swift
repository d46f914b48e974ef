extension Builtins {
    /// The `numbers` family: `numbers.range`, `numbers.range_step` (inclusive, counting down when
    /// the end is below the start) and `rand.intn`.
    static let numbers: [Builtin] = [
        Builtin("numbers.range", arity: 2) { args, _ throws(BuiltinError) in
            .array(try NumberRange.values(from: args.bigInteger(1), to: args.bigInteger(2), step: 1))
        },
        Builtin("numbers.range_step", arity: 3) { args, _ throws(BuiltinError) in
            let (start, end) = (try args.bigInteger(1), try args.bigInteger(2))
            let step = try args.bigInteger(3)
            guard step > 0 else { throw .builtin("numbers.range_step: step must be a positive integer") }
            return .array(try NumberRange.values(from: start, to: end, step: step))
        },
        Builtin("rand.intn", arity: 2, nondeterministic: true) { args, context throws(BuiltinError) in
            let key = try args.string(1)
            var n = try args.integer(2)
            if n == 0 { return .int(0) }
            if n < 0 { n = n == Int.min ? Int.max : -n }
            return .int(Int(NumberRange.randomBits(key, n, salt: context.nowNanos) % UInt64(n)))
        },
    ]
}

extension Array where Element == Value {
    /// An integral operand of any size, as OPA's `BigIntOperand` reads it (integral doubles beyond
    /// `Int` are clamped to it: no range can be that long anyway). Note OPA's wording for a
    /// non-number here: "must be integer".
    func bigInteger(_ position: Int) throws(BuiltinError) -> Int {
        let v = self[position - 1]
        guard case .number(let n) = v else { throw .operand(position, mustBe: "integer", got: v) }
        if let i = n.intValue { return i }
        guard n.isInteger else {
            throw .operand(position, "must be integer number but got floating-point number")
        }
        return n.doubleValue < 0 ? Int.min : Int.max
    }
}

enum NumberRange {
    /// Longest range produced; beyond it OPA would run out of memory or time anyway, and a hostile
    /// policy must not take the process down.
    static let maxCount = 10_000_000

    static func values(from start: Int, to end: Int, step: Int) throws(BuiltinError) -> [Value] {
        let span = start <= end ? end.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(end)
        let steps = span.overflow ? Int.max : span.partialValue / step
        guard steps < maxCount else { throw .builtin("range of more than \(maxCount) numbers is too large") }
        let count = steps + 1
        var values: [Value] = []
        values.reserveCapacity(count)
        var i = start
        for _ in 0..<count {
            values.append(.int(i))
            i = start <= end ? i &+ step : i &- step
        }
        return values
    }

    /// Random bits that stay the same for one key within one evaluation (OPA caches `rand.intn`
    /// per query): a hash of the key, the bound and the evaluation's clock, seeded per process.
    static func randomBits(_ key: String, _ n: Int, salt: Int) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(key)
        hasher.combine(n)
        hasher.combine(salt)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
