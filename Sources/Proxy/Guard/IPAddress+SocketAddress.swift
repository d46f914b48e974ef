import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension IPAddress {
    init(_ address: in_addr) {
        self.init(.v4(UInt32(bigEndian: address.s_addr)))
    }

    init(_ address: in6_addr) {
        var copy = address
        let value = withUnsafeBytes(of: &copy) { raw in raw.reduce(UInt128(0)) { $0 << 8 | UInt128($1) } }
        self.init(.v6(value))
    }

    /// The address of an IP socket address (a peer, an original destination); nil for unix sockets.
    /// An IPv4-mapped peer on a dual-stack socket stays IPv6 here; the guard unmaps it.
    public init?(_ socketAddress: SocketAddress) {
        switch socketAddress {
        case .v4(let v4): self.init(v4.address.sin_addr)
        case .v6(let v6): self.init(v6.address.sin6_addr)
        case .unixDomainSocket: return nil
        }
    }

    /// The socket address to dial: this address and `port` (0...65535; anything else is our bug,
    /// since every port comes from a parser that checked it).
    public func socketAddress(port: Int) -> SocketAddress {
        precondition((0...65535).contains(port), "port \(port) out of range")
        let networkPort = UInt16(port).bigEndian
        switch bits {
        case .v4(let value):
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = networkPort
            address.sin_addr = in_addr(s_addr: value.bigEndian)
            return SocketAddress(address, host: description)
        case .v6(let value):
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = networkPort
            withUnsafeMutableBytes(of: &address.sin6_addr) { raw in
                for i in 0..<16 { raw[i] = UInt8(truncatingIfNeeded: value >> (120 - 8 * i)) }
            }
            return SocketAddress(address, host: description)
        }
    }
}
