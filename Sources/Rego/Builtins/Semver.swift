extension Builtins {
    /// The `semver` family (see BuiltinTable): OPA's internal/semver rules.
    static let semver: [Builtin] = [
        Builtin("semver.is_valid", arity: 1) { args, _ throws(BuiltinError) in
            guard case .string(let s) = args[0] else { return .false }
            return .bool(SemanticVersion(s) != nil)
        },
        Builtin("semver.compare", arity: 2) { args, _ throws(BuiltinError) in
            let a = try args.string(1)
            let b = try args.string(2)
            guard let va = SemanticVersion(a) else {
                throw .builtin("operand 1: string \(GoText.quoted(a)) is not a valid SemVer")
            }
            guard let vb = SemanticVersion(b) else {
                throw .builtin("operand 2: string \(GoText.quoted(b)) is not a valid SemVer")
            }
            return .int(va.compare(vb))
        },
    ]
}

/// A semantic version as OPA parses it: an optional leading "v", MAJOR.MINOR.PATCH as 64-bit
/// integers (Go's ParseInt: optional sign, leading zeros allowed), then optional `-prerelease`
/// and `+metadata` made of dot-separated `[0-9A-Za-z-]+` identifiers.
struct SemanticVersion {
    let major: Int64
    let minor: Int64
    let patch: Int64
    let preRelease: Substring

    init?(_ text: String) {
        var version = Substring(text)
        if version.hasPrefix("v") { version = version.dropFirst() }
        if let plus = version.firstIndex(of: "+") {
            let metadata = version[version.index(after: plus)...]
            version = version[..<plus]
            if !metadata.isEmpty && !SemanticVersion.isIdentifierList(metadata) { return nil }
        }
        var pre: Substring = ""
        if let dash = version.firstIndex(of: "-") {
            pre = version[version.index(after: dash)...]
            version = version[..<dash]
            if !pre.isEmpty && !SemanticVersion.isIdentifierList(pre) { return nil }
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let major = SemanticVersion.parseInt(parts[0]),
            let minor = SemanticVersion.parseInt(parts[1]),
            let patch = SemanticVersion.parseInt(parts[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = pre
    }

    /// Go's `strconv.ParseInt(s, 10, 64)`.
    private static func parseInt(_ s: Substring) -> Int64? {
        var digits = s
        var negative = false
        if let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var value: Int64 = 0
        for c in digits.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(c - 48)) : m.addingReportingOverflow(Int64(c - 48))
            if o1 || o2 { return nil }
            value = a
        }
        return value
    }

    /// `^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$`
    private static func isIdentifierList(_ s: Substring) -> Bool {
        s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "-")
            }
        }
    }

    /// -1, 0 or 1 by SemVer precedence (metadata ignored).
    func compare(_ other: SemanticVersion) -> Int {
        for (a, b) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where a != b {
            return a < b ? -1 : 1
        }
        if preRelease == other.preRelease { return 0 }
        if preRelease.isEmpty { return 1 }
        if other.preRelease.isEmpty { return -1 }
        var left = preRelease.split(separator: ".", omittingEmptySubsequences: false)[...]
        var right = other.preRelease.split(separator: ".", omittingEmptySubsequences: false)[...]
        while let a = left.first, let b = right.first {
            let aNumeric = SemanticVersion.isNumeric(a)
            let bNumeric = SemanticVersion.isNumeric(b)
            if aNumeric != bNumeric { return aNumeric ? -1 : 1 }
            if aNumeric {
                let x = SemanticVersion.clampedInt(a)
                let y = SemanticVersion.clampedInt(b)
                if x != y { return x < y ? -1 : 1 }
            } else if a != b {
                // Go compares strings bytewise.
                return Value.compareBytes(String(a), String(b)) < 0 ? -1 : 1
            }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        if !left.isEmpty { return 1 }
        if !right.isEmpty { return -1 }
        return 0
    }

    private static func isNumeric(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Go's `strconv.Atoi` saturates out-of-range values.
    private static func clampedInt(_ s: Substring) -> Int {
        var value = 0
        for c in s.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - 48))
            if o1 || o2 { return Int.max }
            value = a
        }
        return value
    }
}
