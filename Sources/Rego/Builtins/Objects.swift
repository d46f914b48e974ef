extension Builtins {
    /// The `objects` family (see BuiltinTable).
    static let objects: [Builtin] = []
}
