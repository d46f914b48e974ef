import Glibc

/// Streams the kernel's TCP socket tables to find one connection's inode.
///
/// `/proc/net` is a symlink to `/proc/self/net`: the tables of the network namespace Airlock
/// itself is in. That is the agent's namespace when Airlock runs beside it (`airlock run`, or a
/// sidecar in the same pod); a socket in another namespace is simply not found.
enum ProcNetTCP {
    static let ipv4Path = "/proc/net/tcp"
    static let ipv6Path = "/proc/net/tcp6"

    /// Read size: the kernel fills a read from a page-sized buffer of whole lines, so larger
    /// buffers only save a little; this stays well under malloc's mmap threshold.
    static let bufferSize = 32 * 1024

    /// The inode of the first live socket (inode ≠ 0) in `path` whose addresses are `local` and
    /// `remote`; nil when there is none, or when the table does not exist (IPv6 disabled).
    static func inode(
        local: SocketEndpoint, remote: SocketEndpoint, in path: String
    ) throws(SocketOwnerError) -> UInt64? {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, errno: errno)
        }
        let file = OwnedFD(fd)
        let outcome: Result<UInt64?, SocketOwnerError> = withUnsafeTemporaryAllocation(
            of: UInt8.self, capacity: bufferSize
        ) { buffer in
            var filled = 0
            while true {
                let count = read(file.raw, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unreadable(path: path, errno: errno))
                }
                if count == 0 { return .success(nil) }
                filled += count
                // Whole lines are parsed; a partial last line moves to the front for the next read.
                var lineStart = 0
                var index = 0
                while index < filled {
                    if buffer[index] == UInt8(ascii: "\n") {
                        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<index])
                        if let row = TCPSocketRow.parse(line), row.inode != 0, row.local == local,
                            row.remote == remote
                        {
                            return .success(row.inode)
                        }
                        lineStart = index + 1
                    }
                    index += 1
                }
                if lineStart == 0 && filled == buffer.count {
                    // A line longer than the buffer: not a format this parser knows.
                    return .failure(.unreadable(path: path, errno: EPROTO))
                }
                let rest = filled - lineStart
                if rest > 0 && lineStart > 0 {
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
                        from: buffer.baseAddress! + lineStart, byteCount: rest)
                }
                filled = rest
            }
        }
        return try outcome.get()
    }
}
