extension Builtins {
    /// The `encoding` family (see BuiltinTable).
    static let encoding: [Builtin] = []
}
