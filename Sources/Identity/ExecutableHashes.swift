import Glibc
import Rego
import Synchronization

/// SHA-256 of executables, computed once per file version (device, inode, size, mtime, ctime), so
/// a large binary run by many processes is read once. Bounded; safe to share between threads.
public final class ExecutableHashes: Sendable {
    private let digests: Mutex<BoundedCache<FileVersion, String>>
    /// How often to start over when the file changes while it is being read.
    private static let attempts = 3
    private static let chunkSize = 256 * 1024

    public init(capacity: Int = 128) {
        digests = Mutex(BoundedCache(capacity: capacity))
    }

    public var count: Int { digests.withLock { $0.count } }

    /// The running executable of `pid`, read through `/proc/<pid>/exe`: that opens the file the
    /// process was started from even after it was deleted or replaced on disk.
    public func digest(ofExecutableOf pid: pid_t) throws(ProcError) -> String {
        let reader = try ProcReader(pid: pid)
        return try digest(of: reader)
    }

    func digest(of reader: borrowing ProcReader) throws(ProcError) -> String {
        let file = try reader.openExe()
        return try digest(of: file.raw, path: ProcPath.entry(reader.pid, "exe"), pid: reader.pid)
    }

    /// Any file, e.g. a binary named in a policy (`pid` only labels errors).
    public func digest(ofFileAt path: String, pid: pid_t? = nil) throws(ProcError) -> String {
        let file: OwnedFD
        do { file = try SystemCall.open(path, O_RDONLY) } catch {
            throw ProcError(step: .openExe, pid: pid, path: path, errno: error.errno)
        }
        return try digest(of: file.raw, path: path, pid: pid)
    }

    private func digest(of fd: Int32, path: String, pid: pid_t?) throws(ProcError) -> String {
        func failure(_ errno: Int32) -> ProcError { ProcError(step: .hashExe, pid: pid, path: path, errno: errno) }
        for _ in 0..<Self.attempts {
            let before: FileVersion
            do { before = FileVersion(try SystemCall.status(of: fd)) } catch { throw failure(error.errno) }
            if let known = digests.withLock({ $0.value(for: before) }) { return known }

            let digest: String
            do { digest = try Self.hash(fd) } catch { throw failure(error.errno) }

            // A write during the read would make the digest describe no version of the file.
            let after: FileVersion
            do { after = FileVersion(try SystemCall.status(of: fd)) } catch { throw failure(error.errno) }
            if after == before {
                digests.withLock { $0.insert(digest, for: before) }
                return digest
            }
        }
        throw failure(EAGAIN)
    }

    private static func hash(_ fd: Int32) throws(SystemError) -> String {
        var hasher = SHA256()
        var offset: off_t = 0
        let failed: SystemError? = withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 16) { chunk in
            while true {
                let count = pread(fd, chunk.baseAddress, chunk.count, offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return SystemError.current
                }
                if count == 0 { return nil }
                hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                offset += off_t(count)
            }
        }
        if let failed { throw failed }
        return SHA256.hex(hasher.finalize())
    }
}
