extension Builtins {
    /// The `semver` family (see BuiltinTable).
    static let semver: [Builtin] = []
}
