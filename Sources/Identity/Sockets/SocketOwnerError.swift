import Glibc

/// Why the owners of a TCP socket could not be named.
public enum SocketOwnerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No live socket with this local and remote address in Airlock's network namespace: it was
    /// closed before the lookup (a raced close), or it lives in another namespace.
    case notFound(local: SocketEndpoint, remote: SocketEndpoint)
    /// A file the lookup cannot do without (`/proc/net/tcp`, `/proc`) could not be read.
    case unreadable(path: String, errno: Int32)

    /// `no TCP socket 127.0.0.1:40312 -> 127.0.0.1:8080 in /proc/net/tcp or /proc/net/tcp6` or
    /// `read /proc/net/tcp6: Permission denied`.
    public var description: String {
        switch self {
        case .notFound(let local, let remote):
            return "no TCP socket \(local) -> \(remote) in /proc/net/tcp or /proc/net/tcp6 (closed, or in another network namespace)"
        case .unreadable(let path, let errno):
            return "read \(path): \(String(cString: strerror(errno)))"
        }
    }
}
