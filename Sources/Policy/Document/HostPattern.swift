import Rego

/// An endpoint's `host`, validated and normalised: an exact DNS name, an IP literal, or a DNS
/// glob for `glob.match(host, ["."], name)`.
///
/// In a glob `*` is a whole label and matches exactly one label; `**` may only be the first label
/// and matches one or more leading labels (`**.corp.example` matches `a.b.corp.example`, not
/// `corp.example`). Anything else that `glob.match` would read as syntax (`?`, `[`, `{`, a `*`
/// inside a label) is refused, because no DNS name contains it and an operator who writes
/// `a*b.com` surely did not mean what gobwas/glob would make of it.
struct HostPattern: Equatable {
    /// Lower case, without a trailing dot; IPv6 literals in canonical (RFC 5952) form.
    let host: String
    let isGlob: Bool

    static let maxNameLength = 253
    static let maxLabelLength = 63

    init(_ written: String) throws(PatternError) {
        let quoted = PatternError.quote(written)
        guard !written.isEmpty else {
            throw PatternError("expected a host name, IP address or DNS pattern, found an empty string")
        }
        if written.contains(":") || (written.hasPrefix("[") && written.hasSuffix("]")) {
            (host, isGlob) = (try HostPattern.ipv6(written), false)
            return
        }
        if written.contains("/") {
            throw PatternError(
                "expected a host name or IP address, found the network \(quoted); list networks under allowed_ips")
        }
        // One trailing dot is the fully-qualified spelling of the same name.
        var name = written.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        var isGlob = false
        for (index, label) in labels.enumerated() {
            if label.isEmpty { throw PatternError("expected dot-separated labels, found an empty label in \(quoted)") }
            if label == "**" {
                guard index == 0 else {
                    throw PatternError(
                        "expected \"**\" only as the first label (as in **.example.com), found \(quoted)")
                }
                isGlob = true
                continue
            }
            if label == "*" {
                isGlob = true
                continue
            }
            try HostPattern.check(label: label, in: quoted)
        }
        if isGlob && labels.allSatisfy({ $0 == "*" || $0 == "**" }) {
            throw PatternError(
                "expected a pattern with at least one label that is not a wildcard (as in *.example.com), found \(quoted)"
            )
        }
        if let last = labels.last, last.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // An all-numeric last label is an IPv4 address or a mistake: no top-level domain is numeric.
            guard !isGlob, let address = IPAddress(name) else {
                throw PatternError("expected an IPv4 address, found \(quoted)")
            }
            (host, self.isGlob) = (address.description, false)
            return
        }
        guard name.utf8.count <= HostPattern.maxNameLength else {
            throw PatternError(
                "expected a host name of at most \(HostPattern.maxNameLength) characters, found \(name.utf8.count)")
        }
        if isGlob, let problem = PatternValidation.globError(name, delimiters: ["."]) {
            throw PatternError("invalid host pattern \(quoted): \(problem)")
        }
        (host, self.isGlob) = (name, isGlob)
    }

    /// A literal label: letters, digits, `-` (not at either end) and `_` (seen in real service names).
    private static func check(label: Substring, in quoted: String) throws(PatternError) {
        if label.contains("*") {
            throw PatternError(
                "expected \"*\" as a whole label (as in *.example.com), found \(PatternError.quote(String(label))) in \(quoted)"
            )
        }
        for scalar in label.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": continue
            case _ where scalar.value > 0x7F:
                throw PatternError(
                    "expected an ASCII host name (write internationalised names as xn--… punycode), found \(quoted)")
            default:
                throw PatternError(
                    "expected letters, digits, \"-\" and \"_\" in a host name, found \(PatternError.quote(String(scalar))) in \(quoted)"
                )
            }
        }
        if label.hasPrefix("-") || label.hasSuffix("-") {
            throw PatternError(
                "expected a label that neither starts nor ends with \"-\", found \(PatternError.quote(String(label))) in \(quoted)"
            )
        }
        if label.utf8.count > maxLabelLength {
            throw PatternError(
                "expected labels of at most \(maxLabelLength) characters, found one of \(label.utf8.count) in \(quoted)"
            )
        }
    }

    private static func ipv6(_ written: String) throws(PatternError) -> String {
        let quoted = PatternError.quote(written)
        if written.hasPrefix("[") && written.hasSuffix("]") {
            throw PatternError("expected an IPv6 address without brackets, found \(quoted)")
        }
        if let address = IPAddress(written) { return address.description }
        if written.split(separator: ":", omittingEmptySubsequences: false).count == 2 {
            throw PatternError("expected a host without a port (ports go under port or ports), found \(quoted)")
        }
        throw PatternError("expected an IPv6 address, found \(quoted)")
    }
}
