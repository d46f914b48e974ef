import Glibc

/// Finds the processes with a descriptor for one socket by reading every `/proc/<pid>/fd/*` link.
///
/// Each holder's link reads `socket:[INODE]`. The scan opens `/proc` and each `<pid>/fd` with
/// `openat` and reads link text into stack memory with `readlinkat`, comparing bytes: no
/// `String` per descriptor. `/proc` lists thread-group leaders only, so every pid is a process.
enum SocketHolders {
    struct Scan: Sendable, Hashable {
        var pids: [pid_t]
        /// How many processes' descriptor tables were closed to us (EACCES or EPERM).
        var unreadable: Int
    }

    static func scan(inode: UInt64, proc: String = "/proc") throws(SocketOwnerError) -> Scan {
        let target = Array("socket:[\(inode)]".utf8)
        var found = Scan(pids: [], unreadable: 0)
        do {
            let processes = try DirectoryStream(at: AT_FDCWD, proc)
            let procFD = processes.fd
            target.withUnsafeBufferPointer { target in
                // "<pid>/fd" for openat: at most 10 digits, "/fd" and a NUL.
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { relative in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { link in
                        processes.forEachName { name in
                            guard let pid = parsePID(name, into: relative) else { return true }
                            switch holds(target, fdDirectory: relative.baseAddress!, under: procFD, link: link) {
                            case .yes: found.pids.append(pid)
                            case .no: break
                            case .unreadable: found.unreadable += 1
                            }
                            return true
                        }
                    }
                }
            }
        } catch {
            throw .unreadable(path: proc, errno: error.errno)
        }
        found.pids.sort()
        return found
    }

    enum Answer { case yes, no, unreadable }

    /// Whether any descriptor in `fdDirectory` (relative to `/proc`) links to `target`. A process
    /// that exits meanwhile (ENOENT, ESRCH) holds nothing.
    static func holds(
        _ target: UnsafeBufferPointer<UInt8>, fdDirectory: UnsafePointer<CChar>, under proc: Int32,
        link: UnsafeMutableBufferPointer<UInt8>
    ) -> Answer {
        do {
            let descriptors = try DirectoryStream(at: proc, fdDirectory)
            let directoryFD = descriptors.fd
            var answer = Answer.no
            let linkBuffer = UnsafeMutableRawPointer(link.baseAddress!).assumingMemoryBound(to: CChar.self)
            descriptors.forEachName { name in
                let count = readlinkat(directoryFD, name, linkBuffer, link.count)
                if count < 0 {
                    if errno == EACCES || errno == EPERM { answer = .unreadable }
                    return true
                }
                if count == target.count && memcmp(link.baseAddress!, target.baseAddress!, count) == 0 {
                    answer = .yes
                    return false
                }
                return true
            }
            return answer
        } catch {
            return error.errno == EACCES || error.errno == EPERM ? .unreadable : .no
        }
    }

    /// The pid a `/proc` entry names, writing `<pid>/fd` into `relative`; nil for `self`, `net`
    /// and the other non-process entries.
    static func parsePID(_ name: UnsafePointer<CChar>, into relative: UnsafeMutableBufferPointer<CChar>) -> pid_t? {
        var value: Int64 = 0
        var length = 0
        while name[length] != 0 {
            let byte = UInt8(bitPattern: name[length])
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), length < 10 else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            relative[length] = name[length]
            length += 1
        }
        guard length > 0, let pid = pid_t(exactly: value) else { return nil }
        for (offset, byte) in "/fd".utf8.enumerated() { relative[length + offset] = CChar(bitPattern: byte) }
        relative[length + 3] = 0
        return pid
    }
}
