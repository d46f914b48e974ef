/// Operand accessors shared by every builtin family. Positions are 1-based, as in OPA's messages.
extension Array where Element == Value {
    @inlinable func string(_ position: Int) throws(BuiltinError) -> String {
        let v = self[position - 1]
        guard case .string(let s) = v else { throw .operand(position, mustBe: "string", got: v) }
        return s
    }

    @inlinable func number(_ position: Int) throws(BuiltinError) -> Number {
        let v = self[position - 1]
        guard case .number(let n) = v else { throw .operand(position, mustBe: "number", got: v) }
        return n
    }

    /// An integral number (`bits.*`, `numbers.range`): OPA says "must be integer number but got
    /// floating-point number" for non-integral ones.
    @inlinable func integer(_ position: Int) throws(BuiltinError) -> Int {
        let n = try number(position)
        guard let i = n.intValue else {
            throw BuiltinError(.type, "operand \(position) must be integer number but got floating-point number")
        }
        return i
    }

    @inlinable func bool(_ position: Int) throws(BuiltinError) -> Bool {
        let v = self[position - 1]
        guard case .bool(let b) = v else { throw .operand(position, mustBe: "boolean", got: v) }
        return b
    }

    @inlinable func array(_ position: Int) throws(BuiltinError) -> [Value] {
        let v = self[position - 1]
        guard case .array(let a) = v else { throw .operand(position, mustBe: "array", got: v) }
        return a
    }

    @inlinable func object(_ position: Int) throws(BuiltinError) -> RegoObject {
        let v = self[position - 1]
        guard case .object(let o) = v else { throw .operand(position, mustBe: "object", got: v) }
        return o
    }

    @inlinable func set(_ position: Int) throws(BuiltinError) -> RegoSet {
        let v = self[position - 1]
        guard case .set(let s) = v else { throw .operand(position, mustBe: "set", got: v) }
        return s
    }

    /// The elements of an array or set operand (OPA: "must be one of {array, set}").
    @inlinable func arrayOrSet(_ position: Int) throws(BuiltinError) -> [Value] {
        switch self[position - 1] {
        case .array(let a): return a
        case .set(let s): return s.sorted
        case let v: throw .operand(position, mustBe: "one of {array, set}", got: v)
        }
    }
}
