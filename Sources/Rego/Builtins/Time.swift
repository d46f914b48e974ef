extension Builtins {
    /// The `time` family (see BuiltinTable).
    static let time: [Builtin] = []
}
