extension Builtins {
    /// The `crypto` family (see BuiltinTable).
    static let crypto: [Builtin] = []
}
