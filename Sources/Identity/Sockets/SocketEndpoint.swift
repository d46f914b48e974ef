import Glibc

/// One end of a TCP connection: an IP address and a port.
///
/// The address is kept as 16 bytes. IPv4 is stored as the IPv4-mapped IPv6 address
/// `::ffff:a.b.c.d`, so the two spellings of one IPv4 address are one value: a dual-stack
/// (`AF_INET6`) socket that talks IPv4 reports mapped addresses, a plain `AF_INET` socket does not,
/// and both must find the same entry. Scope ids (link-local zones) are not kept: `/proc/net/tcp6`
/// does not show them and Airlock's proxy listens on loopback.
public struct SocketEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Bytes 0–7 of the address, most significant (first on the wire) first.
    public let addressHigh: UInt64
    /// Bytes 8–15 of the address; for IPv4, `0x0000_ffff_` followed by the four IPv4 bytes.
    public let addressLow: UInt64
    public let port: UInt16

    static let mappedPrefix: UInt64 = 0x0000_ffff_0000_0000

    /// `ipv4` as a number: 127.0.0.1 is `0x7f00_0001`.
    public init(ipv4: UInt32, port: UInt16) {
        addressHigh = 0
        addressLow = Self.mappedPrefix | UInt64(ipv4)
        self.port = port
    }

    /// An IPv6 address as two numbers, most significant first; `::ffff:a.b.c.d` is IPv4.
    public init(ipv6High: UInt64, low: UInt64, port: UInt16) {
        addressHigh = ipv6High
        addressLow = low
        self.port = port
    }

    /// Parses `127.0.0.1`, `::1`, `::ffff:127.0.0.1` (becomes IPv4) with `inet_pton`; nil for
    /// anything else or a port outside 0…65535.
    public init?(ip: String, port: Int) {
        guard let port = UInt16(exactly: port) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            self.init(ipv4: UInt32(bigEndian: v4.s_addr), port: port)
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, ip, &v6) == 1 else { return nil }
        self.init(ipv6Bytes: v6, port: port)
    }

    init(ipv6Bytes address: in6_addr, port: UInt16) {
        let (high, low) = withUnsafeBytes(of: address) { bytes in
            (
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
        self.init(ipv6High: high, low: low, port: port)
    }

    /// IPv4, whether it was given as such or as `::ffff:a.b.c.d`.
    public var isIPv4: Bool { addressHigh == 0 && addressLow & 0xffff_ffff_0000_0000 == Self.mappedPrefix }

    /// The IPv4 address as a number (127.0.0.1 is `0x7f00_0001`), nil for IPv6.
    public var ipv4: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: addressLow) : nil }

    /// The address as 16 bytes in network order (IPv4 mapped).
    var in6: in6_addr {
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { bytes in
            bytes.storeBytes(of: addressHigh.bigEndian, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: addressLow.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return address
    }

    /// `127.0.0.1` or `::1` (RFC 5952 text from `inet_ntop`).
    public var ip: String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { buffer in
            var text: UnsafePointer<CChar>?
            if let ipv4 {
                var address = in_addr(s_addr: ipv4.bigEndian)
                text = inet_ntop(AF_INET, &address, buffer.baseAddress, socklen_t(buffer.count))
            } else {
                var address = in6
                text = inet_ntop(AF_INET6, &address, buffer.baseAddress, socklen_t(buffer.count))
            }
            // inet_ntop fails only for an unknown family or a short buffer, neither possible here.
            return String(cString: text!)
        }
    }

    /// `127.0.0.1:40312` or `[::1]:40312`.
    public var description: String { isIPv4 ? "\(ip):\(port)" : "[\(ip)]:\(port)" }
}
