extension Builtins {
    /// The `types` family: kind tests (`is_string(x)` is true or false, never undefined) and
    /// `type_name`.
    static let types: [Builtin] = [
        Builtin("is_number", arity: 1) { args, _ in isKind(args[0], .number(.zero)) },
        Builtin("is_string", arity: 1) { args, _ in isKind(args[0], .string("")) },
        Builtin("is_boolean", arity: 1) { args, _ in isKind(args[0], .false) },
        Builtin("is_array", arity: 1) { args, _ in isKind(args[0], .emptyArray) },
        Builtin("is_set", arity: 1) { args, _ in isKind(args[0], .emptySet) },
        Builtin("is_object", arity: 1) { args, _ in isKind(args[0], .emptyObject) },
        Builtin("is_null", arity: 1) { args, _ in isKind(args[0], .null) },
        Builtin("type_name", arity: 1) { args, _ in .string(args[0].typeName) },
    ]

    /// Whether `value` is of the same kind as `sample`.
    @inline(__always)
    private static func isKind(_ value: Value, _ sample: Value) -> Value {
        .bool(value.kindRank == sample.kindRank)
    }
}
