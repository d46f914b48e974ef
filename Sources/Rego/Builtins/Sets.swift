extension Builtins {
    /// The `sets` family: `intersection` and `union` of a set of sets (the binary `&`, `|` and set
    /// `-` live in the arithmetic family, as they share OPA's operators).
    static let sets: [Builtin] = [
        Builtin("intersection", arity: 1) { args, _ throws(BuiltinError) in
            var result: RegoSet?
            for member in try args.set(1) {
                guard case .set(let s) = member else { throw .operand(1, mustBe: "set", got: member) }
                result = result.map { $0.intersection(s) } ?? s
            }
            return .set(result ?? RegoSet())
        },
        Builtin("union", arity: 1) { args, _ throws(BuiltinError) in
            var members: [Value] = []
            for member in try args.set(1) {
                guard case .set(let s) = member else { throw .operand(1, mustBe: "set", got: member) }
                members.append(contentsOf: s)
            }
            return .set(RegoSet(members))
        },
    ]
}
