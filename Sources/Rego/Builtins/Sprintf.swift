extension Builtins {
    /// The `sprintf` family (see BuiltinTable).
    static let sprintf: [Builtin] = []
}
