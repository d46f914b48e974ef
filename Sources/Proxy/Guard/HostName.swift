/// What a host string handed to the resolver turns out to be, decided before any lookup runs.
enum HostName: Equatable {
    /// An address literal (`10.0.0.1`, `::1`, `[::1]`): it resolves to itself.
    case literal(IPAddress)
    /// A syntactically valid DNS name that needs a lookup.
    case name
    /// Neither: refused without asking the system resolver.
    case invalid

    /// RFC 1035 limits (253 bytes, labels of 1-63) over letters, digits, `-` and `_` (the last
    /// appears in real DNS names and getaddrinfo accepts it), with at most one trailing dot.
    ///
    /// A last label that is all digits or `0x…` hex is refused: no TLD looks like that, and
    /// getaddrinfo would hand such text to `inet_aton`, which reads `127.1` and `0x7f000001` as
    /// `127.0.0.1`. Those are not names, and `IPAddress` deliberately does not parse them.
    static func classify(_ host: String) -> HostName {
        if let address = IPAddress(host) { return .literal(address) }
        var utf8 = Substring(host).utf8
        if utf8.first == UInt8(ascii: "[") {
            // Brackets hold IPv6 only (RFC 3986 IP-literal); `[1.2.3.4]` is not a spelling of anything.
            guard utf8.count > 2, utf8.last == UInt8(ascii: "]") else { return .invalid }
            let inner = Substring(utf8.dropFirst().dropLast())
            guard let address = IPAddress(inner), address.family == .v6 else { return .invalid }
            return .literal(address)
        }
        if utf8.last == UInt8(ascii: ".") { utf8 = utf8.dropLast() }
        guard (1...253).contains(utf8.count) else { return .invalid }
        var labelLength = 0
        var labelIsNumeric = true
        var labelStart = utf8.startIndex
        for index in utf8.indices {
            let c = utf8[index]
            if c == UInt8(ascii: ".") {
                guard labelLength > 0 else { return .invalid }
                labelLength = 0
                labelIsNumeric = true
                labelStart = utf8.index(after: index)
                continue
            }
            guard isNameByte(c) else { return .invalid }
            labelLength += 1
            guard labelLength <= 63 else { return .invalid }
            if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { labelIsNumeric = false }
        }
        guard labelLength > 0 else { return .invalid }
        if labelIsNumeric || isHexNumber(utf8[labelStart...]) { return .invalid }
        return .name
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// `0x` or `0X` followed by hex digits only (also none): the WHATWG URL parser's IPv4 number.
    private static func isHexNumber(_ label: Substring.UTF8View.SubSequence) -> Bool {
        guard label.count >= 2, label.first == UInt8(ascii: "0") else { return false }
        let x = label[label.index(after: label.startIndex)]
        guard x == UInt8(ascii: "x") || x == UInt8(ascii: "X") else { return false }
        return label.dropFirst(2).allSatisfy { IPAddressText.hexDigit($0) != nil }
    }
}
