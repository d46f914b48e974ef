import Glibc

/// An errno from one system call; callers turn it into a `ProcError` naming the step and path.
struct SystemError: Error {
    let errno: Int32
    static var current: SystemError { SystemError(errno: Glibc.errno) }
}

/// Thin wrappers over the Glibc calls this module makes, with stack buffers and EINTR retries, so
/// the readers stay free of pointer plumbing and of Foundation.
enum SystemCall {
    /// Longest link target accepted: the kernel refuses to produce longer paths (PATH_MAX).
    static let linkCapacity = Int(PATH_MAX)

    /// `readlinkat(dirfd, name)`; an empty `name` reads the symlink `dirfd` itself refers to.
    static func readLink(at dirfd: Int32, _ name: String) throws(SystemError) -> String {
        let result: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: linkCapacity + 1) {
            buffer in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let count = readlinkat(dirfd, name, raw, linkCapacity + 1)
            // A full buffer means the target may be cut short: refuse rather than use a prefix.
            if count < 0 { return nil }
            if count > linkCapacity {
                Glibc.errno = ENAMETOOLONG
                return nil
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
        }
        guard let result else { throw .current }
        return result
    }

    static func openAt(_ dirfd: Int32, _ name: String, _ flags: Int32) throws(SystemError) -> OwnedFD {
        while true {
            let fd = openat(dirfd, name, flags | O_CLOEXEC)
            if fd >= 0 { return OwnedFD(fd) }
            if Glibc.errno != EINTR { throw .current }
        }
    }

    static func open(_ path: String, _ flags: Int32) throws(SystemError) -> OwnedFD {
        try openAt(AT_FDCWD, path, flags)
    }

    static func status(at dirfd: Int32, _ name: String, flags: Int32 = 0) throws(SystemError) -> stat {
        var info = stat()
        if fstatat(dirfd, name, &info, flags) != 0 { throw .current }
        return info
    }

    static func status(of fd: Int32) throws(SystemError) -> stat {
        var info = stat()
        if fstat(fd, &info) != 0 { throw .current }
        return info
    }

    /// One `read(2)`, retried on EINTR. A `/proc/<pid>` record (stat, status, cmdline) comes back
    /// whole from one read when the buffer is large enough, so a short read means the end and
    /// saves the extra call that would return 0.
    static func readOnce(_ fd: Int32, into bytes: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        while true {
            let count = Glibc.read(fd, bytes.baseAddress, bytes.count)
            if count >= 0 { return count }
            if Glibc.errno != EINTR { throw .current }
        }
    }

    /// Opens the `/proc` record `name` under `dirfd`, reads it (at most `capacity` bytes) into
    /// stack memory with one read and hands it to `body`: one read is one snapshot.
    static func withContents<R>(
        at dirfd: Int32, _ name: String, capacity: Int,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) throws(SystemError) -> R {
        let fd = try openAt(dirfd, name, O_RDONLY)
        let result: Result<R, SystemError> = withUnsafeTemporaryAllocation(
            byteCount: capacity, alignment: 1
        ) { buffer in
            do throws(SystemError) {
                let count = try readOnce(fd.raw, into: buffer)
                let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                return .success(body(UnsafeBufferPointer(start: bytes, count: count)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads all of the `/proc` record `name` under `dirfd` into an array (cmdline has no useful
    /// size bound); a read that does not fill the space offered is the last.
    static func readRecord(at dirfd: Int32, _ name: String) throws(SystemError) -> [UInt8] {
        let fd = try openAt(dirfd, name, O_RDONLY)
        var bytes: [UInt8] = []
        var chunk = 4096
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let outcome = bytes.withUnsafeMutableBytes { all in
                Result { () throws(SystemError) -> Int in
                    try readOnce(fd.raw, into: UnsafeMutableRawBufferPointer(rebasing: all[start...]))
                }
            }
            let count = try outcome.get()
            bytes.removeLast(chunk - count)
            if count < chunk { return bytes }
            chunk = min(chunk * 2, 1 << 20)
        }
    }
}
