/// The regular expressions of `pattern` and `patternProperties`. OPA compiles them with Go's RE2
/// `regexp`; here they go through Swift's `Regex`, which reads the common RE2 syntax the same way.
/// This is the one place to change to use the engine's Go-syntax regex (the `regex` builtin
/// family's compiler) once both live in the same tree.
final class SchemaPattern: @unchecked Sendable {
    // `@unchecked`: `Regex` is not declared `Sendable`, but a compiled regex is never mutated here
    // and matching does not change it, so sharing one across threads is safe.
    let source: String
    private let regex: Regex<AnyRegexOutput>

    private init(_ source: String, _ regex: Regex<AnyRegexOutput>) {
        self.source = source
        self.regex = regex
    }

    /// nil when the pattern does not compile.
    static func compile(_ source: String) -> SchemaPattern? {
        guard let regex = try? Regex(source) else { return nil }
        return SchemaPattern(source, regex)
    }

    /// Go's `MatchString`: a match anywhere in the text.
    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
