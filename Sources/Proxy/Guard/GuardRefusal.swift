/// Why the egress guard will not dial an address.
public struct GuardRefusal: Sendable, Hashable, CustomStringConvertible {
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case loopback
        case unspecified
        case linkLocal = "link-local"
        /// Cloud instance metadata and host-platform endpoints: credentials live there.
        case metadata
        case privateRange = "private"
        /// RFC 6598 `100.64.0.0/10`, the carrier-grade NAT range (also used inside clusters).
        case sharedAddressSpace = "shared address space"
        case multicast
        case broadcast
        /// Set aside by the IETF: `240.0.0.0/4`, benchmarking, protocol assignments, discard.
        case reserved
    }

    /// The address as checked: IPv6 spellings of IPv4 addresses are reported in IPv4 form, since
    /// that is the host they would have reached.
    public var address: IPAddress
    public var category: Category

    public init(address: IPAddress, category: Category) {
        self.address = address
        self.category = category
    }

    public var description: String {
        "\(address) is \(category.phrase) (refused unless the endpoint lists it in allowed_ips)"
    }
}

extension GuardRefusal.Category {
    /// The category as it reads after "is".
    var phrase: String {
        switch self {
        case .loopback: "a loopback address"
        case .unspecified: "an unspecified address"
        case .linkLocal: "a link-local address"
        case .metadata: "a cloud metadata address"
        case .privateRange: "a private address"
        case .sharedAddressSpace: "a shared address space (carrier-grade NAT) address"
        case .multicast: "a multicast address"
        case .broadcast: "the broadcast address"
        case .reserved: "a reserved address"
        }
    }
}
