import Glibc
import Testing

@testable import Identity

@Suite struct SocketEndpointTests {
    @Test(arguments: [
        ("127.0.0.1", 40312, "127.0.0.1:40312", true),
        ("10.1.2.3", 0, "10.1.2.3:0", true),
        ("::1", 40312, "[::1]:40312", false),
        ("::ffff:127.0.0.1", 8080, "127.0.0.1:8080", true),
        ("2001:db8::a:1", 443, "[2001:db8::a:1]:443", false),
        ("::", 65535, "[::]:65535", false),
    ])
    func parsesAndDescribes(ip: String, port: Int, description: String, isIPv4: Bool) throws {
        let endpoint = try #require(SocketEndpoint(ip: ip, port: port))
        #expect(endpoint.description == description)
        #expect(endpoint.isIPv4 == isIPv4)
        #expect(Int(endpoint.port) == port)
    }

    @Test(arguments: [("localhost", 1), ("127.0.0.1", -1), ("127.0.0.1", 65536), ("[::1]", 1), ("1.2.3", 1), ("", 1)])
    func rejects(ip: String, port: Int) {
        #expect(SocketEndpoint(ip: ip, port: port) == nil)
    }

    /// A dual-stack socket's mapped view of an IPv4 address is the same value as the plain one.
    @Test func mappedIPv4IsIPv4() throws {
        let plain = try #require(SocketEndpoint(ip: "127.0.0.1", port: 80))
        let mapped = try #require(SocketEndpoint(ip: "::ffff:127.0.0.1", port: 80))
        #expect(plain == mapped)
        #expect(plain.hashValue == mapped.hashValue)
        #expect(plain == SocketEndpoint(ipv4: 0x7f00_0001, port: 80))
        #expect(plain.ipv4 == 0x7f00_0001)
        #expect(SocketEndpoint(ip: "::1", port: 80)?.ipv4 == nil)
        // ::127.0.0.1 (IPv4-compatible, deprecated) is not mapped: it stays IPv6.
        #expect(SocketEndpoint(ip: "::127.0.0.1", port: 80)?.isIPv4 == false)
    }

    @Test func fromSockaddrIn() throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(40312).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        #expect(SocketEndpoint(address)?.description == "127.0.0.1:40312")
        address.sin_family = sa_family_t(AF_UNIX)
        #expect(SocketEndpoint(address) == nil)
    }

    @Test func fromSockaddrIn6AndStorage() throws {
        let loopback = try #require(SocketEndpoint(ip: "::1", port: 8443))
        let mapped = try #require(SocketEndpoint(ip: "192.0.2.7", port: 53))
        for endpoint in [loopback, mapped] {
            // Through the sockaddr the proxy would get, in both families for IPv4.
            let viaNatural = endpoint.withSockaddr { SocketEndpoint(sockaddr: $0, length: $1) }
            let viaMapped = endpoint.withSockaddr(mappedIPv6: true) { pointer, length in
                #expect(Int32(pointer.pointee.sa_family) == AF_INET6)
                #expect(Int(length) == MemoryLayout<sockaddr_in6>.size)
                return SocketEndpoint(sockaddr: pointer, length: length)
            }
            #expect(viaNatural == endpoint)
            #expect(viaMapped == endpoint)
            var storage = sockaddr_storage()
            endpoint.withSockaddr { pointer, length in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: Int(length))) }
            }
            #expect(SocketEndpoint(storage) == endpoint)
        }
    }

    @Test func shortOrForeignSockaddrs() throws {
        let endpoint = try #require(SocketEndpoint(ip: "::1", port: 1))
        endpoint.withSockaddr { pointer, length in
            #expect(SocketEndpoint(sockaddr: pointer, length: length - 1) == nil)
            #expect(SocketEndpoint(sockaddr: pointer, length: 1) == nil)
        }
        var storage = sockaddr_storage()
        storage.ss_family = sa_family_t(AF_UNIX)
        #expect(SocketEndpoint(storage) == nil)
    }
}
