import NIOCore
import Proxy
import Testing

@Suite struct IPAddressTests {
    static let canonical: [(String, String)] = [
        ("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::", "::"), ("::1", "::1"), ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"), ("::ffff:7f00:1", "::ffff:127.0.0.1"), ("::127.0.0.1", "::7f00:1"),
        ("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe"), ("1::", "1::"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"), ("::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"), ("ff02::2", "ff02::2"),
    ]

    @Test(arguments: canonical)
    func parsesAndPrintsCanonically(text: String, printed: String) throws {
        let address = try ip(text)
        #expect(address.description == printed)
        #expect(IPAddress(printed) == address)
    }

    static let refused = [
        "", "0127.0.0.1", "127.1", "0x7f.0.0.1", "127.0.0.1.", "127.0.0.256", "1.2.3", "1.2.3.4.5", " 1.2.3.4",
        "1.2.3.4 ", "01.2.3.4", "fe80::1%eth0", "::1%1", ":::", "1:::2", "1::2::3", ":1::", "1::2:",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g", "[::1]", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5",
        "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8::", "localhost", "١.٢.٣.٤", "0x7f000001", "2130706433",
    ]

    @Test(arguments: refused)
    func refusesAmbiguousOrInvalidText(text: String) {
        #expect(IPAddress(text) == nil)
    }

    static let unmapped: [(String, String)] = [
        ("::ffff:127.0.0.1", "127.0.0.1"), ("::ffff:7f00:1", "127.0.0.1"), ("::127.0.0.1", "127.0.0.1"),
        ("::a9fe:a9fe", "169.254.169.254"), ("64:ff9b::a9fe:a9fe", "169.254.169.254"), ("64:ff9b::1.2.3.4", "1.2.3.4"),
        ("::", "::"), ("::1", "::1"), ("::2", "0.0.0.2"), ("1.2.3.4", "1.2.3.4"), ("2001:db8::1", "2001:db8::1"),
        ("::ffff:0:1.2.3.4", "::ffff:0:102:304"), ("64:ff9b:1::1.2.3.4", "64:ff9b:1::102:304"),
    ]

    @Test(arguments: unmapped)
    func unmapsIPv4Spellings(text: String, expected: String) throws {
        #expect(try ip(text).unmapped.description == expected)
    }

    @Test func familiesStayDistinct() throws {
        let mapped = try ip("::ffff:10.0.0.1")
        let v4 = try ip("10.0.0.1")
        #expect(mapped != v4)
        #expect(mapped.family == .v6 && v4.family == .v4)
        #expect(!mapped.isIn(try cidr("10.0.0.0/8")))
        #expect(mapped.unmapped.isIn(try cidr("10.0.0.0/8")))
    }

    @Test func bytesRoundTrip() throws {
        for text in ["10.1.2.3", "2001:db8::ff00:42:8329", "::ffff:1.2.3.4"] {
            let address = try ip(text)
            #expect(IPAddress(bytes: address.bytes) == address)
        }
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        #expect(IPAddress(bytes: [10, 0, 0, 1]) == .v4(0x0A00_0001))
    }

    @Test func socketAddressesRoundTrip() throws {
        for (text, port) in [("10.1.2.3", 443), ("2001:db8::1", 8080), ("::1", 0)] {
            let address = try ip(text)
            let socketAddress = address.socketAddress(port: port)
            #expect(socketAddress.port == port)
            #expect(IPAddress(socketAddress) == address)
            #expect(IPAddress(try SocketAddress(ipAddress: text, port: port)) == address)
        }
        #expect(IPAddress(try SocketAddress(unixDomainSocketPath: "/tmp/x")) == nil)
    }
}

@Suite struct CIDRTests {
    static let parsed: [(String, String)] = [
        ("10.0.0.0/8", "10.0.0.0/8"), ("10.1.2.3/8", "10.0.0.0/8"), ("1.2.3.4", "1.2.3.4/32"), ("fd00::/8", "fd00::/8"),
        ("::1", "::1/128"), ("::ffff:10.0.0.0/104", "10.0.0.0/8"), ("::ffff:0:0/96", "0.0.0.0/0"),
        ("10.0.0.0/08", "10.0.0.0/8"), ("0.0.0.0/0", "0.0.0.0/0"), ("fe80::1/10", "fe80::/10"),
    ]

    @Test(arguments: parsed)
    func parses(text: String, printed: String) throws {
        #expect(try cidr(text).description == printed)
    }

    @Test(arguments: [
        "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "/8", "10.0.0.0/8x", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/+8",
        "10.0.0.0/8/8", "10.0.0.0/00008", "fe80::1%eth0/64", "",
    ])
    func refuses(text: String) {
        #expect(CIDR(text) == nil)
    }

    @Test func containsOnlyItsOwnFamily() throws {
        let ten = try cidr("10.0.0.0/8")
        #expect(ten.contains(.v4(0x0AFF_FFFF)))
        #expect(!ten.contains(.v4(0x0B00_0000)))
        #expect(!(try cidr("::/0")).contains(try ip("1.2.3.4")))
        #expect(!(try cidr("0.0.0.0/0")).contains(try ip("::1")))
        #expect(try ip("fd12::1").isIn(try cidr("fc00::/7")))
    }
}
