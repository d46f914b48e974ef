extension Builtins {
    /// The `bits` family: bitwise operations on integers, in two's complement of arbitrary width as
    /// Go's `big.Int` does (so `bits.negate(42)` is -43). Results beyond 64 bits become doubles,
    /// the widest number Airlock keeps, and lose precision there.
    static let bits: [Builtin] = [
        Builtin("bits.and", arity: 2) { args, _ throws(BuiltinError) in
            .int(try args.bitsOperand(1) & args.bitsOperand(2))
        },
        Builtin("bits.or", arity: 2) { args, _ throws(BuiltinError) in
            .int(try args.bitsOperand(1) | args.bitsOperand(2))
        },
        Builtin("bits.xor", arity: 2) { args, _ throws(BuiltinError) in
            .int(try args.bitsOperand(1) ^ args.bitsOperand(2))
        },
        Builtin("bits.negate", arity: 1) { args, _ throws(BuiltinError) in
            .int(~(try args.bitsOperand(1)))
        },
        Builtin("bits.lsh", arity: 2) { args, _ throws(BuiltinError) in
            let (x, shift) = (try args.bitsOperand(1), try args.shiftOperand(2))
            if x == 0 { return .int(0) }
            // Exact while the result fits; otherwise x·2^shift as a double (Go's big.Int grows).
            if shift < Int.bitWidth - 1, x.magnitude <= UInt(Int.max) >> shift {
                return .int(x << shift)
            }
            return .double(Double(x) * Double(sign: .plus, exponent: Swift.min(shift, 2000), significand: 1))
        },
        Builtin("bits.rsh", arity: 2) { args, _ throws(BuiltinError) in
            let (x, shift) = (try args.bitsOperand(1), try args.shiftOperand(2))
            // Arithmetic shift: negative numbers round towards minus infinity, as big.Int.Rsh.
            return .int(shift >= Int.bitWidth ? (x < 0 ? -1 : 0) : x >> shift)
        },
    ]
}

extension Array where Element == Value {
    /// An integer operand of a `bits.*` builtin, with OPA's `BigIntOperand` wording.
    fileprivate func bitsOperand(_ position: Int) throws(BuiltinError) -> Int {
        let v = self[position - 1]
        guard case .number(let n) = v else { throw .operand(position, mustBe: "integer", got: v) }
        guard let i = n.intValue else {
            // Integral values beyond 64 bits are integers to OPA; Airlock cannot hold them exactly.
            if n.isInteger { throw .builtin("integer operand beyond 64 bits is not supported") }
            throw .operand(position, "must be integer number but got floating-point number")
        }
        return i
    }

    /// A shift count: a non-negative integer.
    fileprivate func shiftOperand(_ position: Int) throws(BuiltinError) -> Int {
        let i = try bitsOperand(position)
        guard i >= 0 else { throw .operand(position, "must be an unsigned integer number but got a negative integer") }
        return i
    }
}
