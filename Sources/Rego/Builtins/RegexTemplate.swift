/// `regex.template_match` patterns: literal text with embedded regexes between one-byte
/// delimiters, e.g. `urn:foo:{.*}` (OPA's fork of gorilla/mux's template compiler).
enum RegexTemplate {
    static func compile(_ template: String, start: UInt8, end: UInt8) -> Result<CompiledRegex, BuiltinError> {
        let bytes = Array(template.utf8)
        // Top-level delimiter pairs, as byte offsets [open, close+1].
        var bounds: [Int] = []
        var level = 0
        var open = 0
        for (i, b) in bytes.enumerated() {
            if b == start {
                level += 1
                if level == 1 { open = i }
            } else if b == end {
                level -= 1
                if level == 0 {
                    bounds.append(open)
                    bounds.append(i + 1)
                } else if level < 0 {
                    return .failure(unbalanced(template))
                }
            }
        }
        if level != 0 { return .failure(unbalanced(template)) }

        var pattern = "^"
        var consumed = 0
        for k in stride(from: 0, to: bounds.count, by: 2) {
            let raw = String(decoding: bytes[consumed..<bounds[k]], as: UTF8.self)
            consumed = bounds[k + 1]
            let inner = String(decoding: bytes[(bounds[k] + 1)..<(consumed - 1)], as: UTF8.self)
            pattern += quoteMeta(raw) + "(" + inner + ")"
            // Each embedded expression must compile on its own, as OPA checks.
            if case .failure(let error) = CompiledRegex.compile("^" + inner + "$") { return .failure(error) }
        }
        pattern += quoteMeta(String(decoding: bytes[consumed...], as: UTF8.self)) + "$"
        return CompiledRegex.compile(pattern)
    }

    private static func unbalanced(_ template: String) -> BuiltinError {
        .builtin("unbalanced braces in \(GoText.quoted(template))")
    }

    /// Go's `regexp.QuoteMeta`.
    static func quoteMeta(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if #"\.+*?()|[]{}^$"#.utf8.contains(b) { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
