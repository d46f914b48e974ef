import Glibc

/// Conversions from and to the socket addresses the kernel hands the proxy (`accept`,
/// `getsockname`, `getpeername`) and the supervisor (`connect`'s argument).
extension SocketEndpoint {
    /// nil unless `sin_family` is `AF_INET`.
    public init?(_ address: sockaddr_in) {
        guard address.sin_family == sa_family_t(AF_INET) else { return nil }
        self.init(ipv4: UInt32(bigEndian: address.sin_addr.s_addr), port: UInt16(bigEndian: address.sin_port))
    }

    /// nil unless `sin6_family` is `AF_INET6`; a mapped address becomes IPv4.
    public init?(_ address: sockaddr_in6) {
        guard address.sin6_family == sa_family_t(AF_INET6) else { return nil }
        self.init(ipv6Bytes: address.sin6_addr, port: UInt16(bigEndian: address.sin6_port))
    }

    /// An `AF_INET` or `AF_INET6` address in a `sockaddr_storage`; nil for other families.
    public init?(_ storage: sockaddr_storage) {
        var storage = storage
        self.init(sockaddr: &storage, length: socklen_t(MemoryLayout<sockaddr_storage>.size))
    }

    /// `length` bytes at `address`, as `accept` or `getpeername` filled them in; nil for other
    /// families or a length too short for the family's struct.
    public init?(sockaddr address: UnsafeRawPointer, length: socklen_t) {
        guard Int(length) >= MemoryLayout<sa_family_t>.size else { return nil }
        switch Int32(address.loadUnaligned(as: sa_family_t.self)) {
        case AF_INET:
            guard Int(length) >= MemoryLayout<sockaddr_in>.size else { return nil }
            self.init(address.loadUnaligned(as: sockaddr_in.self))
        case AF_INET6:
            guard Int(length) >= MemoryLayout<sockaddr_in6>.size else { return nil }
            self.init(address.loadUnaligned(as: sockaddr_in6.self))
        default:
            return nil
        }
    }

    /// `sockaddr_in` for IPv4 (unless `mappedIPv6`, which gives `::ffff:a.b.c.d` for an
    /// `AF_INET6` socket) and `sockaddr_in6` for IPv6, valid during `body`.
    public func withSockaddr<R, E: Error>(
        mappedIPv6: Bool = false, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R
    ) throws(E) -> R {
        if let ipv4, !mappedIPv6 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = in_addr(s_addr: ipv4.bigEndian)
            return try Self.withRebound(&address, body)
        }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        address.sin6_addr = in6
        return try Self.withRebound(&address, body)
    }

    private static func withRebound<T, R, E: Error>(
        _ address: inout T, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R
    ) throws(E) -> R {
        let size = socklen_t(MemoryLayout<T>.size)
        return try withUnsafePointer(to: &address) { (pointer) throws(E) -> R in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (rebound) throws(E) -> R in
                try body(rebound, size)
            }
        }
    }
}
