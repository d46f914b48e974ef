/// The parts of a URL that SigV4 signs, read as Go's `net/url.Parse` reads them (OPA signs what Go
/// parsed), with Go's error texts for URLs it rejects.
struct GoURL: Equatable {
    var scheme = ""
    /// `host` or `host:port` (`[v6]:port` for IPv6), without user information.
    var host = ""
    /// The decoded path.
    var path = ""
    /// The path as written, when that differs from Go's default encoding of `path`.
    var rawPath = ""
    /// The query after `?`, as written.
    var rawQuery = ""
    /// The text after `scheme:` when it does not start with `/` (`mailto:someone`).
    var opaque = ""

    static func parse(_ text: String) throws(BuiltinError) -> GoURL {
        func failure(_ reason: String) -> BuiltinError {
            .builtin("parse \(GoText.quoted(text)): \(reason)")
        }
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw failure("net/url: invalid control character in URL")
        }
        var url = GoURL()
        // The fragment is not part of what is signed.
        var rest = bytes.firstIndex(of: UInt8(ascii: "#")).map { Array(bytes[..<$0]) } ?? bytes
        if rest == Array("*".utf8) {
            url.path = "*"
            return url
        }

        // Scheme: a letter, then letters, digits, '+', '-' or '.', ending with ':'.
        schemeScan: for (i, c) in rest.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { break schemeScan }
            case UInt8(ascii: ":"):
                if i == 0 { throw failure("missing protocol scheme") }
                url.scheme = String(decoding: rest[..<i], as: UTF8.self).lowercased()
                rest = Array(rest[(i + 1)...])
                break schemeScan
            default:
                break schemeScan
            }
        }

        if let q = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = String(decoding: rest[(q + 1)...], as: UTF8.self)
            rest = Array(rest[..<q])
        }

        let slash = UInt8(ascii: "/")
        if rest.first != slash {
            if !url.scheme.isEmpty {
                url.opaque = String(decoding: rest, as: UTF8.self)
                return url
            }
            let segment = rest.prefix { $0 != slash }
            if segment.contains(UInt8(ascii: ":")) {
                throw failure("first path segment in URL cannot contain colon")
            }
        }

        if rest.starts(with: [slash, slash]) && (!url.scheme.isEmpty || !rest.starts(with: [slash, slash, slash])) {
            let authorityEnd = rest[2...].firstIndex(of: slash) ?? rest.endIndex
            let authority = rest[2..<authorityEnd]
            rest = Array(rest[authorityEnd...])
            url.host = try parseHost(authority, failure: failure)
        }

        guard let decoded = unescape(rest) else {
            throw failure("invalid URL escape \(GoText.quoted(firstBadEscape(rest)))")
        }
        url.path = decoded
        let raw = String(decoding: rest, as: UTF8.self)
        url.rawPath = escape(decoded) == raw ? "" : raw
        return url
    }

    /// Go's `URL.EscapedPath`: the path as written when that is a valid encoding of it, else the
    /// default encoding.
    var escapedPath: String {
        if !rawPath.isEmpty, GoURL.isValidEncoding(rawPath), GoURL.unescape(Array(rawPath.utf8)) == path {
            return rawPath
        }
        if path == "*" { return "*" }
        return GoURL.escape(path)
    }

    /// The host of an authority (`user:pass@host:port`), with Go's check that a port is digits.
    private static func parseHost(
        _ authority: ArraySlice<UInt8>, failure: (String) -> BuiltinError
    ) throws(BuiltinError) -> String {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        let host = at.map { authority[($0 + 1)...] } ?? authority
        var portStart: ArraySlice<UInt8>.Index?
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else {
                throw failure("missing ']' in host")
            }
            let after = host[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else {
                    throw failure("invalid port \(GoText.quoted(String(decoding: after, as: UTF8.self))) after host")
                }
                portStart = after.startIndex
            }
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            portStart = colon
        }
        if let p = portStart {
            let port = host[(p + 1)...]
            if !port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                throw failure("invalid port \(GoText.quoted(String(decoding: host[p...], as: UTF8.self))) after host")
            }
        }
        guard let decoded = unescape(host) else {
            throw failure("invalid URL escape \(GoText.quoted(firstBadEscape(host)))")
        }
        return decoded
    }

    /// Percent-decoding; nil for a `%` not followed by two hex digits.
    static func unescape<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%") {
                guard i + 2 < b.count, let hi = hexValue(b[i + 1]), let lo = hexValue(b[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func firstBadEscape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let b = Array(bytes)
        for i in b.indices where b[i] == UInt8(ascii: "%") {
            if i + 2 >= b.count || hexValue(b[i + 1]) == nil || hexValue(b[i + 2]) == nil {
                return String(decoding: b[i..<min(i + 3, b.count)], as: UTF8.self)
            }
        }
        return ""
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Whether Go escapes a byte in a path: everything but unreserved characters and the
    /// sub-delimiters Go leaves alone in paths (`$&+,/:;=@`).
    private static func shouldEscape(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
            return false
        default:
            return true
        }
    }

    static func escape(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in path.utf8 {
            if shouldEscape(c) {
                out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `validEncoded` for paths: only characters a path may hold unescaped, and escapes.
    private static func isValidEncoding(_ s: String) -> Bool {
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "%"):
                continue
            default:
                if shouldEscape(c) { return false }
            }
        }
        return true
    }
}
