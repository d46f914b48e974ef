extension Builtins {
    /// The `numbers` family (see BuiltinTable).
    static let numbers: [Builtin] = []
}
