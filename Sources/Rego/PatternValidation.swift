/// Checks for patterns that other modules write into `data` and the rules later hand to
/// `glob.match` and `net.cidr_contains`.
///
/// Each check runs the very parser the builtin uses, so a pattern that passes here can never make
/// the builtin fail at decision time (where an error would only turn the rule undefined). The
/// messages are the builtins' own.
public enum PatternValidation {
    /// Nil when `glob.match(pattern, delimiters, _)` accepts `pattern`; otherwise the builtin's
    /// error (gobwas/glob wording, such as "unexpected end of input").
    public static func globError(_ pattern: String, delimiters: [Unicode.Scalar]) -> String? {
        switch GlobMatcher.compile(pattern, delimiters: delimiters) {
        case .success: return nil
        case .failure(let error): return error.message
        }
    }

    /// Nil when `cidr` is a network `net.cidr_contains` accepts as its first operand; otherwise
    /// the builtin's error ("invalid CIDR address: …").
    public static func cidrError(_ cidr: String) -> String? {
        do {
            _ = try NetCIDR.network(.string(cidr))
            return nil
        } catch {
            return error.message
        }
    }

    /// Nil when `text` is an address or network `net.cidr_contains` accepts as its second operand;
    /// otherwise the builtin's error.
    public static func addressError(_ text: String) -> String? {
        do {
            _ = try NetCIDR.contains(.string("::/0"), .string(text))
            return nil
        } catch {
            return error.message
        }
    }
}
