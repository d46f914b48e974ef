/// The authority of a `CONNECT host:port` request: a name or an address, and a port.
struct ConnectTarget: Sendable, Hashable, CustomStringConvertible {
    var host: String
    var port: Int

    /// Parses `example.com:443`, `10.0.0.1:5432`, `[2001:db8::1]:443`; nil for anything else
    /// (no port, port out of range, empty host, a path or userinfo).
    init?(authority: String) {
        var text = Substring(authority)
        let hostPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            text = text[text.index(after: close)...]
            guard text.hasPrefix(":") else { return nil }
            text = text.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            text = text[text.index(after: colon)...]
            if hostPart.contains(":") { return nil }
        }
        guard !hostPart.isEmpty, hostPart.allSatisfy({ !"/@?# \t".contains($0) }),
            !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let port = Int(text), (1...65535).contains(port)
        else { return nil }
        var host = hostPart.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        self.host = host
        self.port = port
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
