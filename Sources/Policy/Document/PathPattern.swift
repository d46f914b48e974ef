import Rego

/// A binary path or unix socket path, exact or a `/`-delimited glob for
/// `glob.match(path, ["/"], subject)`.
///
/// Paths must be absolute: the supervisor compares them with `/proc/<pid>/exe` and socket
/// addresses, which are always absolute, so a relative path could never match and would only
/// hide a mistake.
struct PathPattern: Equatable {
    let path: String
    let isGlob: Bool

    /// Characters that make gobwas/glob read a path as a pattern rather than as literal text.
    static let globCharacters: Set<Character> = ["*", "?", "[", "{"]

    static func isGlob(_ text: String) -> Bool { text.contains { globCharacters.contains($0) } }

    /// A binary's `path`.
    static func binary(_ written: String) throws(PatternError) -> PathPattern {
        guard !written.isEmpty else { throw PatternError("expected an absolute path, found an empty string") }
        guard written.hasPrefix("/") else {
            throw PatternError("expected an absolute path, found the relative path \(PatternError.quote(written))")
        }
        return try PathPattern(checking: written)
    }

    /// One of a unix socket policy's `paths`: absolute, or `@name` for an abstract socket.
    static func socket(_ written: String) throws(PatternError) -> PathPattern {
        let expected = "an absolute path or \"@name\" for an abstract socket"
        guard !written.isEmpty else { throw PatternError("expected \(expected), found an empty string") }
        if written == "@" { throw PatternError("expected a name after \"@\" for an abstract socket, found \"@\"") }
        guard written.hasPrefix("/") || written.hasPrefix("@") else {
            throw PatternError("expected \(expected), found the relative path \(PatternError.quote(written))")
        }
        return try PathPattern(checking: written)
    }

    private init(checking written: String) throws(PatternError) {
        if written.unicodeScalars.contains("\u{0}") {
            throw PatternError("expected a path without NUL characters, found \(PatternError.quote(written))")
        }
        let isGlob = PathPattern.isGlob(written)
        if isGlob, let problem = PatternValidation.globError(written, delimiters: ["/"]) {
            throw PatternError("invalid glob \(PatternError.quote(written)): \(problem)")
        }
        path = written
        self.isGlob = isGlob
    }
}
