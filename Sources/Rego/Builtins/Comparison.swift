extension Builtins {
    /// The `comparison` family (see BuiltinTable).
    static let comparison: [Builtin] = []
}
