extension Builtins {
    /// The `aggregates` family (see BuiltinTable).
    static let aggregates: [Builtin] = []
}
