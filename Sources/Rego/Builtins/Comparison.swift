extension Builtins {
    /// The `comparison` family: `==`, `!=`, `<`, `>`, `<=`, `>=` over any two values in OPA's total
    /// order (`null < boolean < number < string < array < object < set`). They never fail: values of
    /// different kinds compare by kind, so `1 < "a"` is true, as in OPA.
    static let comparison: [Builtin] = [
        Builtin("equal", arity: 2) { args, _ in .bool(args[0] == args[1]) },
        Builtin("neq", arity: 2) { args, _ in .bool(args[0] != args[1]) },
        Builtin("lt", arity: 2) { args, _ in .bool(Value.compare(args[0], args[1]) < 0) },
        Builtin("gt", arity: 2) { args, _ in .bool(Value.compare(args[0], args[1]) > 0) },
        Builtin("lte", arity: 2) { args, _ in .bool(Value.compare(args[0], args[1]) <= 0) },
        Builtin("gte", arity: 2) { args, _ in .bool(Value.compare(args[0], args[1]) >= 0) },
    ]
}
