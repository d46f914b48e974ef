extension Builtins {
    /// The `arrays` family (see BuiltinTable).
    static let arrays: [Builtin] = []
}
