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
        let utf8 = Array(text.utf8)
        if utf8.contains(UInt8(ascii: ":")) {
            guard let v6 = IPAddress.parseIPv6(utf8[...]) else { return nil }
            self.init(bits: v6)
        } else {
            guard let v4 = IPAddress.parseIPv4(utf8[...]) else { return nil }
            self.init(ipv4: v4)
        }
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

    /// Four decimal octets, each 0-255 without leading zeros.
    static func parseIPv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var digits = 0
        var octet: UInt32 = 0
        for c in text {
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
    static func parseIPv6(_ text: ArraySlice<UInt8>) -> UInt128? {
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var ellipsis: Int?
        var rest = text
        if rest.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            rest = rest.dropFirst(2)
        } else if rest.first == UInt8(ascii: ":") {
            return nil
        }
        while !rest.isEmpty {
            // A trailing IPv4 part: it must be the last thing and fit in two groups.
            let field = rest.prefix { $0 != UInt8(ascii: ":") }
            if field.contains(UInt8(ascii: ".")) {
                guard field.count == rest.count, groups.count <= 6, let v4 = parseIPv4(field) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                rest = rest.dropFirst(field.count)
                break
            }
            guard (1...4).contains(field.count), groups.count < 8 else { return nil }
            var group: UInt16 = 0
            for c in field {
                guard let digit = hexDigit(c) else { return nil }
                group = group << 4 | UInt16(digit)
            }
            groups.append(group)
            rest = rest.dropFirst(field.count)
            if rest.isEmpty { break }
            rest = rest.dropFirst()  // ":"
            if rest.first == UInt8(ascii: ":") {
                guard ellipsis == nil else { return nil }
                ellipsis = groups.count
                rest = rest.dropFirst()
            } else if rest.isEmpty {
                return nil  // trailing single colon
            }
        }
        if let at = ellipsis {
            guard groups.count < 8 else { return nil }  // "::" must stand for a zero group
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: at)
        }
        guard groups.count == 8 else { return nil }
        return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
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
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let addressText = text[..<slash]
        let lengthText = text[text.index(after: slash)...]
        guard let address = IPAddress(addressText), !lengthText.isEmpty,
            lengthText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            lengthText.utf8.count <= 4, let length = Int(lengthText)
        else { return nil }
        let writtenAsIPv6 = addressText.contains(":")
        let width = writtenAsIPv6 ? 128 : 32
        guard length <= width else { return nil }
        self.init(masking: address, prefix128: length + (128 - width))
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
