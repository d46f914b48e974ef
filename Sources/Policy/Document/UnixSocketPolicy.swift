/// One entry of `unix_sockets`: the binaries it covers may connect to the sockets it lists.
public struct UnixSocketPolicy: Sendable, Hashable {
    /// The mapping key (`[A-Za-z0-9_.-]+`), unique within `unix_sockets`.
    public var name: String
    /// Where the name was written.
    public var location: PolicyLocation
    public var paths: [UnixSocketPath]
    public var binaries: [BinaryRule]

    public init(name: String, location: PolicyLocation, paths: [UnixSocketPath], binaries: [BinaryRule]) {
        self.name = name
        self.location = location
        self.paths = paths
        self.binaries = binaries
    }
}
