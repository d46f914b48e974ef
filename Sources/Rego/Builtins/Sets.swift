extension Builtins {
    /// The `sets` family (see BuiltinTable).
    static let sets: [Builtin] = []
}
