extension Builtins {
    /// The `arithmetic` family (see BuiltinTable).
    static let arithmetic: [Builtin] = []
}
