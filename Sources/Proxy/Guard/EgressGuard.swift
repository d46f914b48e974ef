/// The SSRF guard: whether the proxy may dial an address a name resolved to (or a client named).
///
/// Policy decides which *hosts* an agent may reach; this decides which *addresses* those hosts
/// may stand for. Without it, an allowed name whose DNS an attacker controls (or a rebinding
/// answer) reaches the metadata service, the node's loopback or the cluster network. Addresses are
/// first folded to what they reach (`IPAddress.unmapped`, then 6to4's embedded IPv4 address), so
/// no IPv6 spelling of `127.0.0.1` slips past an IPv4 range. An endpoint that really lives in such
/// a range lists it in `allowed_ips`; documentation ranges (`192.0.2.0/24`, `2001:db8::/32`) are
/// left alone so examples and tests can use them.
public struct EgressGuard: Sendable {
    public init() {}

    /// Nil when `address` may be dialled; otherwise the first matching refused range's category.
    /// `allowedIPs` exempts an address when a network contains it in any of its spellings (as
    /// written, or folded to IPv4), so `127.0.0.1/32` exempts `::ffff:127.0.0.1`.
    public func refusal(for address: IPAddress, allowedIPs: [CIDR]) -> GuardRefusal? {
        let reached = EgressGuard.reachedAddress(address)
        guard let category = EgressGuard.category(of: reached) else { return nil }
        if allowedIPs.contains(where: { $0.contains(reached) || $0.contains(address) }) { return nil }
        return GuardRefusal(address: reached, category: category)
    }

    /// The address a connection to `address` ends up at, as far as the guard can tell.
    ///
    /// 6to4 (`2002:AABB:CCDD::/48`, RFC 3056) is folded here rather than in `unmapped`: it is a
    /// tunnel, not a spelling, but a relay on the path would deliver to the embedded IPv4 address,
    /// so `2002:7f00:1::` must be judged as `127.0.0.1`.
    static func reachedAddress(_ address: IPAddress) -> IPAddress {
        let unmapped = address.unmapped
        if case .v6(let value) = unmapped.bits, value >> 112 == 0x2002 {
            return .v4(UInt32(truncatingIfNeeded: value >> 80))
        }
        return unmapped
    }

    static func category(of address: IPAddress) -> GuardRefusal.Category? {
        switch address.bits {
        case .v4:
            return refusedIPv4.first { $0.network.contains(address) }?.category
        case .v6(let value):
            if let range = refusedIPv6.first(where: { $0.network.contains(address) }) { return range.category }
            // Only 2000::/3 is allocated for global unicast; everything else still standing after
            // the table is IETF-reserved and reaches no public host.
            return value >> 125 == 1 ? nil : .reserved
        }
    }

    /// One refused network. The tables below are the single source of truth; the first match
    /// wins, so single addresses (metadata, broadcast) come before the ranges that hold them.
    struct RefusedRange: Sendable {
        let network: CIDR
        let category: GuardRefusal.Category

        init(_ text: String, _ category: GuardRefusal.Category) {
            guard let network = CIDR(text) else { preconditionFailure("bad built-in range \(text)") }
            self.network = network
            self.category = category
        }
    }

    static let refusedIPv4: [RefusedRange] = [
        // AWS, GCP, Azure, OCI, DigitalOcean and others serve instance metadata here.
        RefusedRange("169.254.169.254/32", .metadata),
        // Alibaba Cloud's metadata service; it sits in the shared address space, not link-local.
        RefusedRange("100.100.100.200/32", .metadata),
        // Azure's WireServer (goal state, certificates): a public-looking address only the host answers.
        RefusedRange("168.63.129.16/32", .metadata),
        RefusedRange("0.0.0.0/8", .unspecified),  // "this network": 0.0.0.0 connects to the local host
        RefusedRange("127.0.0.0/8", .loopback),
        RefusedRange("169.254.0.0/16", .linkLocal),
        RefusedRange("10.0.0.0/8", .privateRange),
        RefusedRange("172.16.0.0/12", .privateRange),
        RefusedRange("192.168.0.0/16", .privateRange),
        RefusedRange("100.64.0.0/10", .sharedAddressSpace),
        RefusedRange("192.0.0.0/24", .reserved),  // IETF protocol assignments (DS-Lite, NAT64 discovery)
        RefusedRange("198.18.0.0/15", .reserved),  // benchmarking (RFC 2544): lab networks
        RefusedRange("224.0.0.0/4", .multicast),
        RefusedRange("255.255.255.255/32", .broadcast),
        RefusedRange("240.0.0.0/4", .reserved),
    ]

    static let refusedIPv6: [RefusedRange] = [
        RefusedRange("fd00:ec2::254/128", .metadata),  // AWS's IPv6 metadata endpoint (Nitro)
        RefusedRange("::/128", .unspecified),
        RefusedRange("::1/128", .loopback),
        // Local-use NAT64 (RFC 8215) reaches a site's own translator; listed before ::/8, which holds it.
        RefusedRange("64:ff9b:1::/48", .privateRange),
        // The rest of ::/8 after unmapping: SIIT's ::ffff:0:a.b.c.d and other unassigned forms
        // that embed an IPv4 address or reach nothing.
        RefusedRange("::/8", .reserved),
        RefusedRange("100::/64", .reserved),  // discard-only (RFC 6666)
        RefusedRange("2001:2::/48", .reserved),  // benchmarking (RFC 5180)
        RefusedRange("fe80::/10", .linkLocal),
        RefusedRange("fec0::/10", .privateRange),  // deprecated site-local, still routed inside old sites
        RefusedRange("fc00::/7", .privateRange),  // unique local addresses
        RefusedRange("ff00::/8", .multicast),
        // Everything else outside 2000::/3 is refused as reserved by `category(of:)`.
    ]
}
