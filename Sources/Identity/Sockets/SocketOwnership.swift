import Glibc

/// The processes that hold one TCP socket.
public struct SocketOwnership: Sendable, Hashable {
    /// The socket's inode (`socket:[INODE]` in `/proc/<pid>/fd`).
    public var inode: UInt64
    /// Every process (thread group) with a descriptor for the socket, ascending, each once. A
    /// socket passed over a unix socket or inherited across fork has several; a socket that is
    /// only in flight (in an `SCM_RIGHTS` message not yet received) has none.
    public var pids: [pid_t]
    /// Some `/proc/<pid>/fd` could not be read (EACCES or EPERM: another user's process without
    /// CAP_SYS_PTRACE or CAP_DAC_READ_SEARCH), so `pids` may miss holders.
    public var incomplete: Bool

    public init(inode: UInt64, pids: [pid_t], incomplete: Bool) {
        self.inode = inode
        self.pids = pids
        self.incomplete = incomplete
    }
}
