/// An IPv4 or IPv6 address as the egress guard sees it.
///
/// Unlike `Rego.IPAddress` (which follows Go and folds `::ffff:a.b.c.d` into `a.b.c.d` for OPA's
/// `net.*` builtins), the two families stay distinct here: the guard must see exactly what a
/// resolver or a client handed it, and then decide explicitly what an IPv6 spelling of an IPv4
/// address reaches (`unmapped`).
///
/// Parsing is strict. Only four decimal octets are IPv4: `127.1`, `0x7f.0.0.1` and `0127.0.0.1`
/// are refused, not guessed at, because `inet_aton` and browsers read them as `127.0.0.1` while a
/// policy author reads them as names. IPv6 is RFC 4291 text (`::`, and a trailing dotted quad as in
/// `::ffff:1.2.3.4`); zone ids (`fe80::1%eth0`) are refused, since a zone means nothing off the host.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address bits in network order (the first byte of the address is the most significant).
    public enum Bits: Sendable, Hashable {
        case v4(UInt32)
        case v6(UInt128)
    }

    public enum Family: Sendable, Hashable {
        case v4, v6
    }

    public let bits: Bits

    public init(_ bits: Bits) { self.bits = bits }

    public static func v4(_ value: UInt32) -> IPAddress { IPAddress(.v4(value)) }

    public static func v6(_ value: UInt128) -> IPAddress { IPAddress(.v6(value)) }

    /// Parses a dotted quad or RFC 4291 IPv6 text; nil for anything else (names, brackets, zones,
    /// shorthand IPv4 forms).
    public init?(_ text: some StringProtocol) {
        // On the UTF-8 bytes in place: this runs for every Host header and SNI name that might be
        // a literal.
        let parsed =
            text.utf8.withContiguousStorageIfAvailable(IPAddressText.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(IPAddressText.parse)
        guard let parsed else { return nil }
        self.init(parsed)
    }

    /// Builds an address from its 4 or 16 network-order bytes; nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        switch bytes.count {
        case 4:
            self.init(.v4(bytes.reduce(0) { $0 << 8 | UInt32($1) }))
        case 16:
            self.init(.v6(bytes.reduce(0) { $0 << 8 | UInt128($1) }))
        default:
            return nil
        }
    }

    public var family: Family {
        switch bits {
        case .v4: .v4
        case .v6: .v6
        }
    }

    /// The address's network-order bytes (4 or 16).
    public var bytes: [UInt8] {
        switch bits {
        case .v4(let value):
            (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let value):
            (0..<16).map { UInt8(truncatingIfNeeded: value >> (120 - 8 * $0)) }
        }
    }

    /// The IPv4 address an IPv6 spelling stands for, or `self`.
    ///
    /// IPv4-mapped (`::ffff:a.b.c.d`) is what a dual-stack socket reports and connects to as IPv4.
    /// IPv4-compatible (`::a.b.c.d`, deprecated but still parsed and sometimes routed) is folded
    /// too, except `::` and `::1`, which are IPv6's own unspecified and loopback addresses. The
    /// NAT64 well-known prefix (`64:ff9b::/96`, RFC 6052) reaches its embedded IPv4 address through
    /// any translator on the path. A guard that checked only the IPv6 form would let
    /// `::ffff:169.254.169.254` through to the metadata service.
    public var unmapped: IPAddress {
        guard case .v6(let value) = bits else { return self }
        let prefix = value >> 32
        let embedded = UInt32(truncatingIfNeeded: value)
        switch prefix {
        case IPAddress.mappedPrefix, IPAddress.nat64Prefix:
            return .v4(embedded)
        case 0 where value > 1:
            return .v4(embedded)
        default:
            return self
        }
    }

    /// Whether the address is in `cidr`. Families never mix: `::ffff:10.0.0.1` is not in
    /// `10.0.0.0/8` until it is `unmapped`, so callers decide where spellings are folded.
    public func isIn(_ cidr: CIDR) -> Bool { cidr.contains(self) }

    public var description: String {
        switch bits {
        case .v4(let value):
            return IPAddressText.dottedQuad(value)
        case .v6(let value):
            return IPAddressText.rfc5952(value)
        }
    }

    /// `::ffff:0:0/96` shifted right by 32.
    static let mappedPrefix: UInt128 = 0xFFFF
    /// `64:ff9b::/96` shifted right by 32.
    static let nat64Prefix: UInt128 = 0x0064_FF9B << 64
}
