import Glibc

/// Which processes hold a TCP socket, found through `/proc` alone.
///
/// The proxy normally learns a connection's process from the `ConnectionTable` the supervisor
/// filled before the agent's `connect()` returned (exact, O(1)). This is the fallback for sockets
/// the supervisor did not redirect (an explicit-proxy client outside supervision, a diagnostic),
/// and it costs a scan of every process's descriptors: see `docs/PERFORMANCE.md`.
public enum SocketOwners {
    /// The holders of the TCP socket whose own address is `local` and whose peer is `remote`.
    ///
    /// For a connection the proxy accepted, `local` is the peer address `accept` returned and
    /// `remote` the proxy's listening address. The socket is looked for in Airlock's own network
    /// namespace: through sock_diag, then in `/proc/net/tcp` and `/proc/net/tcp6` (`/proc/net` is
    /// `/proc/self/net`); an IPv4 pair is also looked for in tcp6, where a dual-stack socket shows
    /// it as `::ffff:a.b.c.d`. Then every `/proc/<pid>/fd` is read for `socket:[INODE]`.
    public static func lookup(local: SocketEndpoint, remote: SocketEndpoint) throws(SocketOwnerError)
        -> SocketOwnership
    {
        guard let inode = try inode(local: local, remote: remote) else {
            throw .notFound(local: local, remote: remote)
        }
        let scan = try SocketHolders.scan(inode: inode)
        return SocketOwnership(inode: inode, pids: scan.pids, incomplete: scan.unreadable > 0)
    }

    /// The socket's inode, or nil when no live socket has these addresses.
    ///
    /// The kernel is asked first through sock_diag (an exact hash lookup); only when it has no
    /// answer (no such socket, or no diag support) are the `/proc/net` tables read, which walk
    /// the whole connection hash. A miss therefore costs both, and the tables stay the authority.
    static func inode(local: SocketEndpoint, remote: SocketEndpoint) throws(SocketOwnerError) -> UInt64? {
        if case .inode(let inode) = InetDiag.inode(local: local, remote: remote), inode != 0 {
            return inode
        }
        return try procNetInode(local: local, remote: remote)
    }

    /// The same answer from `/proc/net/tcp` and `/proc/net/tcp6` alone.
    static func procNetInode(local: SocketEndpoint, remote: SocketEndpoint) throws(SocketOwnerError) -> UInt64? {
        if local.isIPv4 && remote.isIPv4,
            let inode = try ProcNetTCP.inode(local: local, remote: remote, in: ProcNetTCP.ipv4Path)
        {
            return inode
        }
        // IPv6, or IPv4 through an AF_INET6 socket: SocketEndpoint keeps IPv4 mapped, so the
        // rows parsed from tcp6 compare equal without a second form.
        return try ProcNetTCP.inode(local: local, remote: remote, in: ProcNetTCP.ipv6Path)
    }
}
