extension Builtins {
    /// The `casts` family (see BuiltinTable).
    static let casts: [Builtin] = []
}
