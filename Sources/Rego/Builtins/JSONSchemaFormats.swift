/// gojsonschema's `format` checkers. Unknown formats pass, as the specification asks.
enum JSONSchemaFormats {
    static func check(_ format: String, _ s: String) -> Bool {
        switch format {
        case "date": return parses(s, ["2006-01-02"])
        case "time": return parses(s, ["15:04:05Z07:00", "15:04:05"])
        case "date-time":
            return parses(s, ["15:04:05", "15:04:05Z07:00", "2006-01-02", "2006-01-02T15:04:05Z07:00",
                              "2006-01-02T15:04:05.999999999Z07:00"])
        case "hostname": return isHostname(s)
        case "email", "idn-email": return isEmail(s)
        case "ipv4": return IPAddress(s) != nil && s.contains(".")
        case "ipv6": return IPAddress(s) != nil && s.contains(":")
        case "uri", "iri":
            guard let url = try? GoURL.parse(s) else { return false }
            return !url.scheme.isEmpty && !s.contains("\\")
        case "uri-reference", "iri-reference":
            return (try? GoURL.parse(s)) != nil && !s.contains("\\")
        case "uri-template":
            guard let url = try? GoURL.parse(s), !s.contains("\\") else { return false }
            return hasBalancedBraces(url.path)
        case "uuid": return isUUID(s)
        case "regex": return s.isEmpty || SchemaPattern.compile(s) != nil
        case "json-pointer": return isJSONPointer(Array(s.utf8)[...])
        case "relative-json-pointer": return isRelativeJSONPointer(s)
        default: return true
        }
    }

    private static let layouts: [String: TimeLayout] = {
        var table: [String: TimeLayout] = [:]
        for layout in ["2006-01-02", "15:04:05", "15:04:05Z07:00", "2006-01-02T15:04:05Z07:00",
                       "2006-01-02T15:04:05.999999999Z07:00"] {
            table[layout] = TimeLayout(layout)
        }
        return table
    }()

    /// Go's `time.Parse` with any of the layouts.
    private static func parses(_ s: String, _ names: [String]) -> Bool {
        for name in names {
            guard let layout = layouts[name] else { continue }
            if (try? layout.parse(s)) != nil { return true }
        }
        return false
    }

    /// Labels of letters, digits and inner hyphens, at most 63 characters each, under 256 in all.
    private static func isHostname(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count < 256 else { return false }
        for label in s.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.count <= 63 else { return false }
            func alphanumeric(_ c: UInt8) -> Bool {
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            }
            guard alphanumeric(bytes.first!), alphanumeric(bytes.last!) else { return false }
            guard bytes.allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }

    /// Go's `net/mail.ParseAddress`, for the forms schemas meet: `local@domain`, optionally as
    /// `Name <local@domain>`, with a dot-atom or quoted local part and a dot-atom or literal domain.
    private static func isEmail(_ s: String) -> Bool {
        var text = Substring(s).trimmingBlanks()
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            text = text[text.index(after: open)..<text.index(before: text.endIndex)]
        }
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let localValid: Bool
        if local.hasPrefix("\"") && local.hasSuffix("\"") && local.count >= 2 {
            localValid = !local.dropFirst().dropLast().contains { $0 == "\"" || $0 == "\n" }
        } else {
            localValid = isDotAtom(local)
        }
        let domainValid = (domain.hasPrefix("[") && domain.hasSuffix("]")) || isDotAtom(domain)
        return localValid && domainValid
    }

    private static func isDotAtom(_ s: Substring) -> Bool {
        guard !s.isEmpty else { return false }
        let atext = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        for part in s.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { return false }
            for u in part.unicodeScalars {
                let ok = (u.value >= 0x30 && u.value <= 0x39) || (u.value >= 0x41 && u.value <= 0x5A)
                    || (u.value >= 0x61 && u.value <= 0x7A) || atext.contains(u) || u.value >= 0x80
                if !ok { return false }
            }
        }
        return true
    }

    /// `^([^{]*({[^}]*})?)*$`: braces paired, not nested.
    private static func hasBalancedBraces(_ s: String) -> Bool {
        var open = false
        for c in s {
            if c == "{" {
                if open { return false }
                open = true
            } else if c == "}" {
                if !open { return false }
                open = false
            }
        }
        return !open
    }

    /// `8-4-4-4-12` hexadecimal digits, in either case.
    private static func isUUID(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 36 else { return false }
        for (i, c) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                if c != UInt8(ascii: "-") { return false }
            } else if YAMLParser.hexValue(c) == nil {
                return false
            }
        }
        return true
    }

    /// `^(?:/(?:[^~/]|~0|~1)*)*$`
    private static func isJSONPointer(_ s: ArraySlice<UInt8>) -> Bool {
        guard !s.isEmpty else { return true }
        guard s.first == UInt8(ascii: "/") else { return false }
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == UInt8(ascii: "~") {
                guard i + 1 < s.endIndex, s[i + 1] == UInt8(ascii: "0") || s[i + 1] == UInt8(ascii: "1") else {
                    return false
                }
                i += 2
            } else {
                i += 1
            }
        }
        return true
    }

    /// `^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$`
    private static func isRelativeJSONPointer(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        guard i > 0, !(bytes[0] == 0x30 && i > 1) else { return false }
        let rest = bytes[i...]
        if rest.elementsEqual([UInt8(ascii: "#")]) { return true }
        return isJSONPointer(rest)
    }
}

private extension Substring {
    func trimmingBlanks() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
