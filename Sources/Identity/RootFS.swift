import Glibc

/// A directory that stands for `/`: a process root (`/proc/<pid>/root`) or any directory (an
/// unpacked image for `airlock decide --root`, a test tree). Paths are resolved inside it as the
/// kernel would for a process chrooted there, without ever leaving it.
public struct RootFS: Sendable, Hashable {
    /// The directory as this process opens it.
    public var path: String
    /// The process whose root this is; nil for a plain directory.
    public var pid: pid_t?

    /// Symlinks followed at most per resolution, as the kernel's MAXSYMLINKS.
    public static let maximumHops = 40

    public static func process(_ pid: pid_t) -> RootFS {
        RootFS(path: ProcPath.entry(pid, "root"), pid: pid)
    }

    public static func directory(_ path: String) -> RootFS {
        RootFS(path: path, pid: nil)
    }
}

/// One symlink met while resolving: where it is (inside the root) and what it says.
public struct SymlinkHop: Sendable, Hashable, CustomStringConvertible {
    /// Absolute path of the link inside the root, every earlier symlink already resolved.
    public var link: String
    /// The link's text, exactly as `readlink` returned it.
    public var target: String

    public init(link: String, target: String) {
        self.link = link
        self.target = target
    }

    public var description: String { "\(link) -> \(target)" }
}

/// Where a path leads inside a root, and the symlinks that took it there (for hints).
public struct ResolvedPath: Sendable, Hashable {
    /// The requested path, as given.
    public var requested: String
    /// Absolute, symlink-free path inside the root.
    public var path: String
    public var hops: [SymlinkHop]

    public init(requested: String, path: String, hops: [SymlinkHop]) {
        self.requested = requested
        self.path = path
        self.hops = hops
    }
}

/// Resolves `path` inside the root of process `pid` (its `/proc/<pid>/root`).
public func resolveInRoot(_ path: String, pid: pid_t) throws(ProcError) -> ResolvedPath {
    try RootFS.process(pid).resolve(path)
}
