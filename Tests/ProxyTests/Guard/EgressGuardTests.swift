import Proxy
import Testing

@Suite struct EgressGuardTests {
    typealias Category = GuardRefusal.Category

    /// (address as resolved, category, address as reported)
    static let refused: [(String, Category, String)] = [
        ("127.0.0.1", .loopback, "127.0.0.1"), ("127.255.255.254", .loopback, "127.255.255.254"),
        ("0.0.0.0", .unspecified, "0.0.0.0"), ("0.1.2.3", .unspecified, "0.1.2.3"),
        ("169.254.0.1", .linkLocal, "169.254.0.1"), ("169.254.169.254", .metadata, "169.254.169.254"),
        ("100.100.100.200", .metadata, "100.100.100.200"), ("168.63.129.16", .metadata, "168.63.129.16"),
        ("10.0.0.1", .privateRange, "10.0.0.1"), ("172.16.0.1", .privateRange, "172.16.0.1"),
        ("172.31.255.255", .privateRange, "172.31.255.255"), ("192.168.1.1", .privateRange, "192.168.1.1"),
        ("100.64.0.1", .sharedAddressSpace, "100.64.0.1"), ("100.127.255.255", .sharedAddressSpace, "100.127.255.255"),
        ("224.0.0.1", .multicast, "224.0.0.1"), ("239.255.255.255", .multicast, "239.255.255.255"),
        ("255.255.255.255", .broadcast, "255.255.255.255"), ("240.0.0.1", .reserved, "240.0.0.1"),
        ("255.255.255.254", .reserved, "255.255.255.254"), ("198.18.0.1", .reserved, "198.18.0.1"),
        ("198.19.255.255", .reserved, "198.19.255.255"), ("192.0.0.8", .reserved, "192.0.0.8"),
        // IPv6
        ("::1", .loopback, "::1"), ("::", .unspecified, "::"), ("fe80::1", .linkLocal, "fe80::1"),
        ("febf::1", .linkLocal, "febf::1"), ("fd00:ec2::254", .metadata, "fd00:ec2::254"),
        ("fc00::1", .privateRange, "fc00::1"), ("fd12:3456::1", .privateRange, "fd12:3456::1"),
        ("fec0::1", .privateRange, "fec0::1"), ("ff02::1", .multicast, "ff02::1"), ("ff05::1:3", .multicast, "ff05::1:3"),
        ("100::1", .reserved, "100::1"), ("2001:2::1", .reserved, "2001:2::1"), ("64:ff9b:1::1", .privateRange, "64:ff9b:1::1"),
        ("::ffff:0:7f00:1", .reserved, "::ffff:0:7f00:1"), ("fe00::1", .reserved, "fe00::1"), ("5f00::1", .reserved, "5f00::1"),
        ("4000::1", .reserved, "4000::1"),
        // IPv6 spellings of IPv4 addresses are judged (and reported) as the IPv4 address.
        ("::ffff:127.0.0.1", .loopback, "127.0.0.1"), ("::ffff:7f00:1", .loopback, "127.0.0.1"),
        ("::127.0.0.1", .loopback, "127.0.0.1"), ("64:ff9b::a9fe:a9fe", .metadata, "169.254.169.254"),
        ("::ffff:169.254.169.254", .metadata, "169.254.169.254"), ("::ffff:a9fe:a9fe", .metadata, "169.254.169.254"),
        ("::ffff:10.0.0.1", .privateRange, "10.0.0.1"), ("64:ff9b::10.0.0.1", .privateRange, "10.0.0.1"),
        ("::ffff:0.0.0.0", .unspecified, "0.0.0.0"), ("::2", .unspecified, "0.0.0.2"),
        ("2002:7f00:1::", .loopback, "127.0.0.1"), ("2002:a9fe:a9fe::1", .metadata, "169.254.169.254"),
        ("::ffff:255.255.255.255", .broadcast, "255.255.255.255"), ("::ffff:224.0.0.1", .multicast, "224.0.0.1"),
        ("64:ff9b::100.64.0.1", .sharedAddressSpace, "100.64.0.1"),
    ]

    @Test(arguments: refused)
    func refuses(text: String, category: Category, reported: String) throws {
        let refusal = try #require(EgressGuard().refusal(for: try ip(text), allowedIPs: []))
        #expect(refusal.category == category)
        #expect(refusal.address.description == reported)
    }

    static let allowed = [
        "8.8.8.8", "1.1.1.1", "151.101.0.223", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
        "169.253.255.255", "169.255.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
        "223.255.255.255", "11.0.0.0", "126.255.255.255", "128.0.0.0", "1.0.0.0", "192.0.2.1", "198.51.100.1",
        "203.0.113.1", "192.0.1.255", "168.63.129.17", "2001:db8::1", "2606:4700:4700::1111", "2a00:1450:4001::1",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2000::1", "3fff:ffff::1",
    ]

    @Test(arguments: allowed)
    func allowsPublicAddresses(text: String) throws {
        #expect(EgressGuard().refusal(for: try ip(text), allowedIPs: []) == nil)
    }

    static let exemptions: [(String, [String], Bool)] = [
        ("10.1.2.3", ["10.0.0.0/8"], true), ("10.1.2.3", ["192.168.0.0/16"], false),
        ("::ffff:127.0.0.1", ["127.0.0.1"], true), ("64:ff9b::a9fe:a9fe", ["169.254.169.254/32"], true),
        ("::ffff:10.0.0.5", ["::ffff:10.0.0.0/104"], true), ("10.0.0.5", ["::ffff:10.0.0.0/104"], true),
        ("64:ff9b::a9fe:a9fe", ["64:ff9b::/96"], true), ("fd00:ec2::254", ["fd00:ec2::254"], true),
        ("127.0.0.1", ["::1"], false), ("::1", ["127.0.0.0/8"], false), ("169.254.169.254", ["169.254.0.0/16"], true),
        ("2002:7f00:1::", ["127.0.0.1"], true), ("10.0.0.1", ["192.168.0.0/16", "10.0.0.1"], true),
    ]

    @Test(arguments: exemptions)
    func allowedIPsExempt(text: String, networks: [String], exempt: Bool) throws {
        let cidrs = try networks.map { try cidr($0) }
        let refusal = EgressGuard().refusal(for: try ip(text), allowedIPs: cidrs)
        #expect((refusal == nil) == exempt)
    }

    @Test func descriptionsNameTheCategoryAndTheWayOut() throws {
        let metadata = try #require(EgressGuard().refusal(for: try ip("::ffff:169.254.169.254"), allowedIPs: []))
        #expect(
            metadata.description
                == "169.254.169.254 is a cloud metadata address (refused unless the endpoint lists it in allowed_ips)")
        let loopback = GuardRefusal(address: .v4(0x7F00_0001), category: .loopback)
        #expect(loopback.description == "127.0.0.1 is a loopback address (refused unless the endpoint lists it in allowed_ips)")
        #expect(Category.allCases.map(\.rawValue) == [
            "loopback", "unspecified", "link-local", "metadata", "private", "shared address space", "multicast",
            "broadcast", "reserved",
        ])
    }
}
