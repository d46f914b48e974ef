/// A destination a network policy allows: a host (exact or DNS glob) on some ports, optionally
/// limited to address ranges and a transport.
public struct Endpoint: Sendable, Hashable {
    /// Lower case, without a trailing dot; IP literals in their canonical text form.
    public var host: String
    /// Whether `host` holds `*` / `**` labels (match it with `glob.match(host, ["."], name)`).
    public var hostIsGlob: Bool
    /// From `port` or `ports`: sorted, without duplicates, each in 1...65535.
    public var ports: [Int]
    /// CIDRs as written; a bare address gets `/32` (IPv4) or `/128` (IPv6), so every entry is a
    /// valid first operand of `net.cidr_contains`. Empty when the key is absent (no restriction).
    public var allowedIPs: [String]
    /// Nil when `protocol` is absent: either transport.
    public var transport: Transport?
    public var enforcement: Enforcement
    /// Where the endpoint's mapping starts.
    public var location: PolicyLocation

    public typealias Transport = Policy.Transport
    public typealias Enforcement = Policy.Enforcement

    public init(
        host: String, hostIsGlob: Bool, ports: [Int], allowedIPs: [String] = [], transport: Transport? = nil,
        enforcement: Enforcement = .enforce, location: PolicyLocation
    ) {
        self.host = host
        self.hostIsGlob = hostIsGlob
        self.ports = ports
        self.allowedIPs = allowedIPs
        self.transport = transport
        self.enforcement = enforcement
        self.location = location
    }
}

/// An endpoint's `protocol` key.
public enum Transport: String, Sendable, Hashable, CaseIterable {
    case tcp, udp
}

/// An endpoint's `enforcement` key: `audit` logs what would be denied but lets it through, so a
/// new policy can be tried on live traffic first.
public enum Enforcement: String, Sendable, Hashable, CaseIterable {
    case enforce, audit
}
