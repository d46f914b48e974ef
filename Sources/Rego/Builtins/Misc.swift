extension Builtins {
    /// The `misc` family (see BuiltinTable).
    static let misc: [Builtin] = []
}
