import Glibc

/// A `/proc/<pid>` descriptor shared by a cache entry and whoever is revalidating it, closed when
/// the last of them lets go, so eviction never closes a descriptor that is in use.
final class ProcDirectoryHandle: Sendable {
    let fd: Int32

    init(_ fd: Int32) { self.fd = fd }

    /// The running executable's file, through the descriptor: fails once the process is gone, even
    /// if its pid now belongs to another process.
    func executableID() -> FileID? {
        var info = stat()
        guard fstatat(fd, "exe", &info, 0) == 0 else { return nil }
        return FileID(info)
    }

    deinit { close(fd) }
}
