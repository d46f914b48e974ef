import Foundation

/// Why a host, path or address pattern is not valid: a sentence saying what was expected and
/// what was found, which the parser files under the value's key path as `invalidValue`.
struct PatternError: Error, Equatable {
    let message: String

    init(_ message: String) { self.message = message }

    /// A value quoted for a message, shortened so one line stays readable.
    static func quote(_ text: String) -> String {
        let limit = 80
        var shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        shown = shown.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(shown)\""
    }
}
