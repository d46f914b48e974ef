extension Builtins {
    /// The `bits` family (see BuiltinTable).
    static let bits: [Builtin] = []
}
