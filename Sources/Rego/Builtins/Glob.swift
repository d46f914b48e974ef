extension Builtins {
    /// The `glob` family (see BuiltinTable).
    static let glob: [Builtin] = []
}
