import Glibc

/// How an `IdentityCache` reads identities.
public struct IdentityOptions: Sendable {
    /// The agent's entrypoint: the ancestor walk stops after it (and always after pid 1).
    public var supervisedRoot: pid_t?
    /// Longest ancestor list kept.
    public var maximumAncestors: Int
    /// Fill `sha256` (needed only when some policy pins hashes).
    public var hashExecutables: Bool
    /// Most processes remembered. Each entry holds one `/proc/<pid>` descriptor open.
    public var capacity: Int

    public init(
        supervisedRoot: pid_t? = nil, maximumAncestors: Int = 64, hashExecutables: Bool = false,
        capacity: Int = 256
    ) {
        self.supervisedRoot = supervisedRoot
        self.maximumAncestors = maximumAncestors
        self.hashExecutables = hashExecutables
        self.capacity = capacity
    }

    /// Whether the ancestor walk ends once `pid` is listed.
    func endsWalk(at pid: pid_t) -> Bool { pid == 1 || pid == supervisedRoot }
}
