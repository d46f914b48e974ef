import NIOCore

/// Reads the method, request target and Host header from the first bytes of a plain-HTTP
/// connection without consuming them; the bytes go upstream unchanged once policy allows the host.
///
/// Strict where leniency would let two parsers disagree about the host (RFC 9112 §2.2, §3, §5):
/// lines end in CRLF (a bare CR or LF is malformed), obs-fold and whitespace before a header's
/// colon are malformed, and so is a second Host header. Only the first `maximumHeaderBytes` are
/// ever looked at, so a caller buffers at most that much.
public enum HTTPHostSniff {
    /// The longest request head (request line, headers, blank line) waited for.
    public static let maximumHeaderBytes = 32 * 1024
    /// Longer than any registered method (`UPDATEREDIRECTREF` has 17 bytes): a longer first token
    /// is some other protocol.
    static let maximumMethodLength = 32

    public static func parse(_ bytes: [UInt8]) -> HostSniffResult {
        bytes.withUnsafeBytes { parse($0) }
    }

    /// Looks at the readable bytes; the reader index does not move.
    public static func parse(_ buffer: ByteBuffer) -> HostSniffResult {
        buffer.withUnsafeReadableBytes { parse($0) }
    }

    public static func parse(_ input: UnsafeRawBufferPointer) -> HostSniffResult {
        let b = UnsafeRawBufferPointer(rebasing: input[..<min(input.count, maximumHeaderBytes)])
        let incomplete: HostSniffResult =
            input.count >= maximumHeaderBytes
            ? .malformed("header too large (over \(maximumHeaderBytes) bytes)") : .needMore

        // Method: a token, then one space. Anything else this early is another protocol.
        guard !b.isEmpty else { return .needMore }
        var i = 0
        while i < b.count && i <= maximumMethodLength && isTokenByte(b[i]) { i += 1 }
        guard i > 0, i <= maximumMethodLength else { return .notHTTP }
        guard i < b.count else { return incomplete }
        guard b[i] == space else { return .notHTTP }
        let method = ascii(b, 0..<i)

        // Target: visible ASCII up to the next space.
        let targetStart = i + 1
        var j = targetStart
        while j < b.count && b[j] != space {
            guard b[j] > space && b[j] < 0x7F else {
                return .malformed("request target contains byte 0x\(SniffedName.hex(b[j]))")
            }
            j += 1
        }
        guard j < b.count else { return incomplete }
        guard j > targetStart else { return .malformed("empty request target") }
        let target = ascii(b, targetStart..<j)

        // Version: "HTTP/1.x" and CRLF, matched as far as the bytes go.
        var k = j + 1
        for (offset, expected) in versionPrefix.enumerated() {
            guard k + offset < b.count else { return incomplete }
            guard b[k + offset] == expected else { return .malformed("request line does not end in HTTP/1.x") }
        }
        k += versionPrefix.count
        guard k < b.count else { return incomplete }
        guard isDigit(b[k]) else { return .malformed("request line does not end in HTTP/1.x") }
        k += 1
        switch lineEnd(b, at: k) {
        case .incomplete: return incomplete
        case .malformed(let reason): return .malformed("request line \(reason)")
        case .crlf: k += 2
        }

        // Header lines until the empty one.
        var host: (name: String?, port: Int?)?
        while true {
            guard let newline = b[k...].firstIndex(of: lf) else { return incomplete }
            guard newline > k, b[newline - 1] == cr else { return .malformed("header line ends in a bare LF") }
            let line = k..<(newline - 1)
            k = newline + 1
            if line.isEmpty { break }
            switch header(b, line) {
            case .malformed(let reason):
                return .malformed(reason)
            case .other:
                continue
            case .host(let name, let port):
                guard host == nil else { return .malformed("duplicate Host header") }
                host = (name, port)
            }
        }
        return .request(method: method, target: target, host: host?.name, port: host?.port)
    }

    private enum Header {
        case other
        case host(String?, Int?)
        case malformed(String)
    }

    /// One header line without its CRLF: `name ":" OWS value OWS`.
    private static func header(_ b: UnsafeRawBufferPointer, _ line: Range<Int>) -> Header {
        let first = b[line.lowerBound]
        if first == space || first == tab { return .malformed("obsolete line folding in the header") }
        var colon = line.lowerBound
        while colon < line.upperBound && isTokenByte(b[colon]) { colon += 1 }
        guard colon < line.upperBound else { return .malformed("header line without a colon") }
        guard b[colon] == UInt8(ascii: ":") else {
            if b[colon] == space || b[colon] == tab { return .malformed("whitespace before a header's colon") }
            return .malformed("header name contains byte 0x\(SniffedName.hex(b[colon]))")
        }
        guard colon > line.lowerBound else { return .malformed("header line without a name") }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && (b[valueStart] == space || b[valueStart] == tab) { valueStart += 1 }
        while valueEnd > valueStart && (b[valueEnd - 1] == space || b[valueEnd - 1] == tab) { valueEnd -= 1 }
        for index in valueStart..<valueEnd {
            let c = b[index]
            // Field values are visible bytes, obs-text, spaces and tabs; a CR here is a bare CR.
            guard c >= space || c == tab, c != 0x7F else {
                return .malformed("header value contains byte 0x\(SniffedName.hex(c))")
            }
        }
        guard isHost(b, line.lowerBound..<colon) else { return .other }
        return hostValue(UnsafeRawBufferPointer(rebasing: b[valueStart..<valueEnd]))
    }

    /// `host [":" port]` (RFC 9110 §7.2), the host a name, an IPv4 literal or a bracketed IPv6
    /// literal. Empty means the target has no authority (RFC 9112 §3.2): no host.
    private static func hostValue(_ value: UnsafeRawBufferPointer) -> Header {
        if value.isEmpty { return .host(nil, nil) }
        var name: String
        var rest: Slice<UnsafeRawBufferPointer>
        if value[0] == UInt8(ascii: "[") {
            guard let close = value.firstIndex(of: UInt8(ascii: "]")),
                let address = IPAddress(ascii(value, 1..<close)), address.family == .v6
            else { return .malformed("Host has an invalid IPv6 literal") }
            name = address.description
            rest = value[(close + 1)...]
        } else {
            let colon = value.firstIndex(of: UInt8(ascii: ":")) ?? value.count
            switch SniffedName.validate(UnsafeRawBufferPointer(rebasing: value[..<colon])) {
            case .name(let valid): name = valid
            case .invalid(let problem): return .malformed("Host \(problem)")
            }
            rest = value[colon...]
        }
        guard let colon = rest.first else { return .host(name, nil) }
        guard colon == UInt8(ascii: ":") else { return .malformed("Host has bytes after the IPv6 literal") }
        let digits = rest.dropFirst()
        if digits.isEmpty { return .host(name, nil) }  // "host:" is allowed and means the default
        guard digits.count <= 5, digits.allSatisfy(isDigit) else { return .malformed("Host has an invalid port") }
        let port = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard (1...65535).contains(port) else { return .malformed("Host port \(port) out of range") }
        return .host(name, port)
    }

    private enum LineEnd {
        case crlf, incomplete
        case malformed(String)
    }

    private static func lineEnd(_ b: UnsafeRawBufferPointer, at index: Int) -> LineEnd {
        guard index < b.count else { return .incomplete }
        if b[index] == lf { return .malformed("ends in a bare LF") }
        guard b[index] == cr else { return .malformed("does not end in HTTP/1.x") }
        guard index + 1 < b.count else { return .incomplete }
        return b[index + 1] == lf ? .crlf : .malformed("has a bare CR")
    }

    private static func isHost(_ b: UnsafeRawBufferPointer, _ name: Range<Int>) -> Bool {
        guard name.count == 4 else { return false }
        return zip(b[name], "host".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// RFC 9110 §5.6.2 tchar.
    private static func isTokenByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(c)
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Bytes already checked to be ASCII.
    private static func ascii(_ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let versionPrefix = Array("HTTP/1.".utf8)
}
