extension Builtins {
    /// The `units` family (see BuiltinTable).
    static let units: [Builtin] = []
}
