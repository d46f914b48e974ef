extension Builtins {
    /// The `net` family (see BuiltinTable).
    static let net: [Builtin] = []
}
