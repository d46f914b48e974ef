import Glibc
import Identity

/// Where the agent's files are, for resolving the binary and socket paths a policy lists: the root
/// of the agent's entrypoint process (`/proc/<pid>/root`), or a directory standing for it (an
/// unpacked image, a test tree, `/` when Airlock runs beside the agent in the same root).
public enum PolicyRoot: Sendable, Hashable, CustomStringConvertible {
    case process(pid_t)
    case directory(String)

    /// Airlock's own root: right when the agent shares Airlock's mount namespace and root.
    public static let host = PolicyRoot.directory("/")

    var filesystem: RootFS {
        switch self {
        case .process(let pid): return .process(pid)
        case .directory(let path): return .directory(path)
        }
    }

    public var description: String {
        switch self {
        case .process(let pid): return "the root of pid \(pid) (/proc/\(pid)/root)"
        case .directory(let path): return path == "/" ? "/" : "the directory \(path)"
        }
    }
}
