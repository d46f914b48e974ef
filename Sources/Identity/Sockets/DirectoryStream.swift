import Glibc

/// A directory read with `readdir(3)`, which glibc implements over `getdents64(2)` with a 32 KiB
/// buffer: one system call per directory of up to ~1,000 entries, no `FileManager`, no
/// per-entry `String`. (Swift's Glibc module hides `getdents64` itself behind `_GNU_SOURCE`.)
struct DirectoryStream: ~Copyable {
    private let stream: OpaquePointer

    /// Opens `name` under `dirfd` as a directory; the errno on failure.
    init(at dirfd: Int32, _ name: UnsafePointer<CChar>) throws(SystemError) {
        var fd: Int32
        repeat { fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw .current }
        guard let stream = fdopendir(fd) else {
            let error = SystemError.current
            close(fd)
            throw error
        }
        self.stream = stream
    }

    /// The descriptor `readlinkat` and `openat` take for names in this directory.
    var fd: Int32 { dirfd(stream) }

    /// Calls `body` with each entry's NUL-terminated name, `.` and `..` excluded, until it
    /// returns false. A directory that vanishes midway (its process exited) just ends.
    func forEachName(_ body: (UnsafePointer<CChar>) -> Bool) {
        while let entry = readdir(stream) {
            let more = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if name[0] == 0x2e && (name[1] == 0 || (name[1] == 0x2e && name[2] == 0)) { return true }
                return body(name)
            }
            if !more { return }
        }
    }

    deinit { closedir(stream) }
}
