extension Builtins {
    /// The `regex` family (see BuiltinTable).
    static let regex: [Builtin] = []
}
