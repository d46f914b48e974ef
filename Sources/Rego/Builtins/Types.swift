extension Builtins {
    /// The `types` family (see BuiltinTable).
    static let types: [Builtin] = []
}
