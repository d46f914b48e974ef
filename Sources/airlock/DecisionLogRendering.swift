import Proxy

/// One decision for people: the first line says who went where and why; hints and an error
/// follow on indented lines.
///
/// ```
/// 2026-12-04T21:15:02.123Z DENY  pid 4711 /usr/bin/python3.11 → evil.example:443 no policy: …
///   hint: …
/// ```
/// Text from the log (paths, host names, reasons: much of it chosen by the agent) is shown with
/// control characters escaped (`\n`, `\t`, `\u{1b}`), so a record can neither break its line nor
/// send escape sequences to the terminal.
struct DecisionLogRendering {
    var color: Bool

    func render(_ record: DecisionRecord, into out: inout String) {
        out += record.time
        out += " "
        let (word, code) = Self.verdict(record)
        if color { out += "\u{1B}[\(code)m" }
        out += word
        if color { out += "\u{1B}[0m" }
        out += String(repeating: " ", count: 6 - word.count)
        out += "pid "
        out += record.pid.map(String.init) ?? "?"
        out += " "
        Self.appendSafe(record.exe ?? "?", to: &out)
        out += " → "
        Self.appendDestination(record, to: &out)
        if let policy = record.policy {
            out += " policy "
            Self.appendSafe(policy, to: &out)
            out += ": "
        } else {
            out += " no policy: "
        }
        Self.appendSafe(record.reason, to: &out)
        out += "\n"
        if let error = record.error {
            out += "  error: "
            Self.appendSafe(error, to: &out)
            out += "\n"
        }
        for hint in record.hints {
            out += "  hint: "
            Self.appendSafe(hint, to: &out)
            out += "\n"
        }
    }

    /// The word and its SGR colour: green allow, red deny, yellow audit (a would-be denial).
    static func verdict(_ record: DecisionRecord) -> (String, Int) {
        if record.audit { return ("AUDIT", 33) }
        return record.decision == .allow ? ("ALLOW", 32) : ("DENY", 31)
    }

    /// `host:port`, `[ip]:port`; `udp …` and `dns …` for those kinds; `unix PATH` for sockets;
    /// the HTTP method and path after an HTTP request's address.
    static func appendDestination(_ record: DecisionRecord, to out: inout String) {
        switch record.kind {
        case .udpSend: out += "udp "
        case .dnsQuery: out += "dns "
        case .unixConnect: out += "unix "
        case .tcpConnect, .httpRequest: break
        }
        if let path = record.unixPath {
            appendSafe(path, to: &out)
        } else if let name = record.host ?? record.ip {
            if record.host == nil && name.contains(":") {
                out += "["
                appendSafe(name, to: &out)
                out += "]"
            } else {
                appendSafe(name, to: &out)
            }
            if let port = record.port, record.kind != .dnsQuery { out += ":\(port)" }
        } else if let port = record.port {
            out += "?:\(port)"
        } else {
            out += "?"
        }
        if let method = record.httpMethod {
            out += " "
            appendSafe(method, to: &out)
            if let path = record.httpPath {
                out += " "
                appendSafe(path, to: &out)
            }
        }
    }

    /// Appends `text` with C0 and C1 controls, DEL and U+2028/2029 escaped.
    static func appendSafe(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
