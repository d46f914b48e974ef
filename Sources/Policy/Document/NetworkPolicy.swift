/// One entry of `network_policies`: the binaries it covers may reach the endpoints it lists.
public struct NetworkPolicy: Sendable, Hashable {
    /// The mapping key (`[A-Za-z0-9_.-]+`), unique within `network_policies`.
    public var name: String
    /// Where the name was written.
    public var location: PolicyLocation
    public var endpoints: [Endpoint]
    public var binaries: [BinaryRule]

    public init(name: String, location: PolicyLocation, endpoints: [Endpoint], binaries: [BinaryRule]) {
        self.name = name
        self.location = location
        self.endpoints = endpoints
        self.binaries = binaries
    }
}
