/// An IPv4 or IPv6 address, parsed and printed as Go's `net` package does (which is what OPA's
/// `net.*` builtins use).
///
/// Addresses are kept as 128 bits, with IPv4 addresses in their IPv4-mapped IPv6 form
/// (`::ffff:a.b.c.d`): an IPv4 address and its mapped form are the same address, so
/// `::ffff:127.0.0.1` is in `127.0.0.0/8`. Text forms follow Go: dotted decimal for IPv4 (also
/// for mapped addresses), RFC 5952 for IPv6 (lowercase, `::` for the longest run of two or more
/// zero groups). Zones (`fe80::1%eth0`), leading zeros in IPv4 octets and other ambiguous
/// spellings are rejected, as Go's parser does.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address as a 128-bit number (network byte order: the first byte is most significant).
    public let bits: UInt128

    /// `::ffff:0:0/96`, where IPv4 addresses live.
    static let ipv4MappedPrefix: UInt128 = 0xFFFF << 32

    public init(bits: UInt128) { self.bits = bits }

    public init(ipv4: UInt32) { bits = IPAddress.ipv4MappedPrefix | UInt128(ipv4) }

    /// Parses dotted-decimal IPv4 or textual IPv6 (optionally with a trailing dotted IPv4 part).
    public init?(_ text: some StringProtocol) {
        // Parsing runs on the UTF-8 bytes in place: this sits on request paths.
        let parsed = text.utf8.withContiguousStorageIfAvailable(IPAddress.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(IPAddress.parse)
        guard let parsed else { return nil }
        self.init(bits: parsed)
    }

    /// Whether this is an IPv4 address (including the IPv4-mapped form of one).
    public var isIPv4: Bool { bits >> 32 == 0xFFFF }

    /// The 32-bit IPv4 value, for IPv4 addresses.
    public var ipv4Value: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: bits) : nil }

    public static func < (a: IPAddress, b: IPAddress) -> Bool { a.bits < b.bits }

    public var description: String {
        if let v4 = ipv4Value {
            return "\(v4 >> 24).\((v4 >> 16) & 0xFF).\((v4 >> 8) & 0xFF).\(v4 & 0xFF)"
        }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: bits >> (112 - 16 * $0)) }
        // The longest run of at least two zero groups (the first one on ties) becomes "::".
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLength {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        var out = ""
        var g = 0
        while g < 8 {
            if g == bestStart {
                out += "::"
                g += bestLength
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(groups[g], radix: 16)
            g += 1
        }
        return out
    }

    // MARK: - Parsing

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UInt128? {
        if b.contains(UInt8(ascii: ":")) { return parseIPv6(b) }
        return parseIPv4(b, 0, b.count).map { ipv4MappedPrefix | UInt128($0) }
    }

    /// Four decimal octets, each 0-255 without leading zeros, in `b[start..<end]`.
    static func parseIPv4(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var digits = 0
        var octet: UInt32 = 0
        for i in start..<end {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | octet
                octets += 1
                digits = 0
                octet = 0
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits == 1 && octet == 0 { return nil }  // leading zero
                octet = octet * 10 + UInt32(c - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return value << 8 | octet
    }

    /// Up to eight groups of 1-4 hex digits, one `::` standing for at least one zero group, and
    /// optionally a dotted IPv4 address in place of the last two groups.
    static func parseIPv6(_ b: UnsafeBufferPointer<UInt8>) -> UInt128? {
        let colon = UInt8(ascii: ":")
        let end = b.count
        // Groups before and after the "::", accumulated without allocating.
        var head: UInt128 = 0
        var headCount = 0
        var tail: UInt128 = 0
        var tailCount = 0
        var ellipsis = false
        func push(_ group: UInt16) {
            if ellipsis {
                tail = tail << 16 | UInt128(group)
                tailCount += 1
            } else {
                head = head << 16 | UInt128(group)
                headCount += 1
            }
        }
        var i = 0
        if end >= 2 && b[0] == colon && b[1] == colon {
            ellipsis = true
            i = 2
        } else if end >= 1 && b[0] == colon {
            return nil
        }
        while i < end {
            var j = i
            var dotted = false
            while j < end && b[j] != colon {
                if b[j] == UInt8(ascii: ".") { dotted = true }
                j += 1
            }
            if dotted {
                // A trailing IPv4 part: it must be the last thing and fit in two groups.
                guard j == end, headCount + tailCount <= 6, let v4 = parseIPv4(b, i, j) else { return nil }
                push(UInt16(v4 >> 16))
                push(UInt16(v4 & 0xFFFF))
                break
            }
            guard (1...4).contains(j - i), headCount + tailCount < 8 else { return nil }
            var group: UInt16 = 0
            for k in i..<j {
                guard let digit = hexDigit(b[k]) else { return nil }
                group = group << 4 | UInt16(digit)
            }
            push(group)
            i = j
            if i == end { break }
            i += 1  // ":"
            if i < end && b[i] == colon {
                guard !ellipsis else { return nil }
                ellipsis = true
                i += 1
            } else if i == end {
                return nil  // trailing single colon
            }
        }
        let count = headCount + tailCount
        // "::" must stand for at least one zero group; without it all eight must be there.
        guard ellipsis ? count < 8 : count == 8 else { return nil }
        return (headCount == 0 ? 0 : head << (16 * (8 - headCount))) | tail
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// An IP network (`10.0.0.0/8`, `2001:db8::/32`), with Go's `net.ParseCIDR` syntax and `IPNet`
/// semantics.
///
/// The network address is always masked (`10.1.2.3/8` is `10.0.0.0/8`). An IPv6 network inside
/// `::ffff:0:0/96` is the IPv4 network it maps (`::ffff:10.0.0.0/104` is `10.0.0.0/8`). As in
/// Go, IPv4 and IPv6 networks never contain addresses of the other family: `::/0` does not contain
/// `127.0.0.1`.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the network.
    public let network: IPAddress
    /// Length of the prefix in the 128-bit address space (IPv4 networks: 96 + their prefix).
    let prefix128: Int

    /// Builds the network of `address` with a prefix of `prefixLength` bits of its family
    /// (0...32 for IPv4, 0...128 for IPv6).
    public init?(address: IPAddress, prefixLength: Int) {
        let width = address.isIPv4 ? 32 : 128
        guard (0...width).contains(prefixLength) else { return nil }
        self.init(masking: address, prefix128: prefixLength + (128 - width))
    }

    init(masking address: IPAddress, prefix128: Int) {
        self.network = IPAddress(bits: address.bits & CIDR.mask(prefix128))
        self.prefix128 = prefix128
    }

    /// Parses `address/length`; the length is decimal and at most 32 (IPv4) or 128 (IPv6, also
    /// for IPv4-mapped addresses written in IPv6 form).
    public init?(_ text: some StringProtocol) {
        let parsed = text.utf8.withContiguousStorageIfAvailable(CIDR.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(CIDR.parse)
        guard let (address, prefix128) = parsed ?? nil else { return nil }
        self.init(masking: IPAddress(bits: address), prefix128: prefix128)
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (UInt128, Int)? {
        guard let slash = b.firstIndex(of: UInt8(ascii: "/")), slash + 1 < b.count, b.count - slash - 1 <= 4 else {
            return nil
        }
        let addressBytes = UnsafeBufferPointer(rebasing: b[..<slash])
        guard let address = IPAddress.parse(addressBytes) else { return nil }
        var length = 0
        for c in b[(slash + 1)...] {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            length = length * 10 + Int(c - UInt8(ascii: "0"))
        }
        let width = addressBytes.contains(UInt8(ascii: ":")) ? 128 : 32
        guard length <= width else { return nil }
        return (address, length + (128 - width))
    }

    /// Whether this is an IPv4 network.
    public var isIPv4: Bool { prefix128 >= 96 && network.isIPv4 }

    /// The prefix length in bits of the network's family.
    public var prefixLength: Int { isIPv4 ? prefix128 - 96 : prefix128 }

    /// The last address of the network.
    public var last: IPAddress { IPAddress(bits: network.bits | ~CIDR.mask(prefix128)) }

    /// Whether `address` is in the network (and of the same family, as Go's `IPNet.Contains`).
    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == isIPv4 && address.bits & CIDR.mask(prefix128) == network.bits
    }

    /// Whether every address of `other` is in this network.
    public func contains(_ other: CIDR) -> Bool { contains(other.network) && contains(other.last) }

    /// Whether the two networks share an address (OPA's `net.cidr_intersects`).
    public func intersects(_ other: CIDR) -> Bool { contains(other.network) || other.contains(network) }

    public var description: String { "\(network)/\(prefixLength)" }

    static func mask(_ prefix128: Int) -> UInt128 {
        prefix128 == 0 ? 0 : ~UInt128(0) << (128 - prefix128)
    }
}
