extension Builtins {
    /// The `arithmetic` family: the infix operators `+ - * / %` (`plus`, `minus`, `mul`, `div`,
    /// `rem`), the rounding functions, `abs`, and the set operators `&` (`and`) and `|` (`or`).
    /// `minus` is also set difference when both operands are sets.
    static let arithmetic: [Builtin] = [
        Builtin("plus", arity: 2) { args, _ throws(BuiltinError) in
            .number(try args.number(1) + args.number(2))
        },
        Builtin("minus", arity: 2) { args, context throws(BuiltinError) in
            try Arithmetic.minus(args, context)
        },
        Builtin("mul", arity: 2) { args, _ throws(BuiltinError) in
            .number(try args.number(1) * args.number(2))
        },
        Builtin("div", arity: 2) { args, _ throws(BuiltinError) in
            let (x, y) = (try args.number(1), try args.number(2))
            guard let quotient = x.divided(by: y) else { throw .builtin("divide by zero") }
            return .number(quotient)
        },
        Builtin("rem", arity: 2) { args, _ throws(BuiltinError) in
            .number(try Arithmetic.remainder(args.number(1), args.number(2)))
        },
        Builtin("abs", arity: 1) { args, _ throws(BuiltinError) in
            let x = try args.number(1)
            return .number(x < .zero ? -x : x)
        },
        Builtin("round", arity: 1) { args, _ throws(BuiltinError) in
            // Half away from zero, as OPA's big.Float rounding.
            .number(Arithmetic.rounded(try args.number(1), .toNearestOrAwayFromZero))
        },
        Builtin("ceil", arity: 1) { args, _ throws(BuiltinError) in
            .number(Arithmetic.rounded(try args.number(1), .up))
        },
        Builtin("floor", arity: 1) { args, _ throws(BuiltinError) in
            .number(Arithmetic.rounded(try args.number(1), .down))
        },
        Builtin("and", arity: 2) { args, _ throws(BuiltinError) in
            .set(try args.set(1).intersection(args.set(2)))
        },
        Builtin("or", arity: 2) { args, _ throws(BuiltinError) in
            .set(try args.set(1).union(args.set(2)))
        },
    ]
}

/// Number helpers behind the arithmetic builtins.
enum Arithmetic {
    /// `x - y` for numbers, `x - y` as set difference for sets, with OPA's operand errors for
    /// anything else (including its quirk of asking for a number when a set meets a non-set).
    static func minus(_ args: [Value], _: BuiltinContext) throws(BuiltinError) -> Value? {
        switch (args[0], args[1]) {
        case (.number(let x), .number(let y)): return .number(x - y)
        case (.set(let x), .set(let y)): return .set(x.subtracting(y))
        case (.number, _), (.set, _):
            if case .number = args[1] { throw .operand(2, mustBe: "set", got: args[1]) }
            throw .operand(2, mustBe: "number", got: args[1])
        default:
            throw .operand(1, mustBe: "one of {number, set}", got: args[0])
        }
    }

    /// Integer remainder with the sign of the dividend (Go's `big.Int.Rem`). Only integers have a
    /// remainder; a non-integer operand is reported before a zero divisor, as OPA does.
    static func remainder(_ x: Number, _ y: Number) throws(BuiltinError) -> Number {
        guard x.isInteger, y.isInteger else { throw .builtin("modulo on floating-point number") }
        if let a = x.intValue, let b = y.intValue {
            guard b != 0 else { throw .builtin("modulo by zero") }
            // Int.min % -1 traps in Swift; mathematically it is 0.
            return b == -1 ? .zero : Number(a % b)
        }
        // Integral but beyond Int: exact in doubles, since truncatingRemainder is exact.
        guard y.doubleValue != 0 else { throw .builtin("modulo by zero") }
        return Number(x.doubleValue.truncatingRemainder(dividingBy: y.doubleValue))
    }

    /// Rounds to an integer; integers are returned unchanged.
    static func rounded(_ x: Number, _ rule: FloatingPointRoundingRule) -> Number {
        if x.intValue != nil { return x }
        return Number(x.doubleValue.rounded(rule))
    }
}
