extension Builtins {
    /// The `strings` family (see BuiltinTable).
    static let strings: [Builtin] = []
}
