import Glibc

/// Reads a decision log line by line, and with `follow` keeps reading what is appended, as
/// `tail -f` does, across rotation: when the path names a new file (another inode), the rest of
/// the old one is read and the new one is opened from its start; a file truncated in place is read
/// again from its start. Standard input (`-`) is read until its end.
final class LogsReader {
    struct Failure: Error {
        var step: String
        var path: String
        var errno: Int32
        var description: String { "\(step) \(path): \(String(cString: strerror(errno)))" }
    }

    /// The path, or nil for standard input.
    let path: String?
    var displayName: String { path ?? "<stdin>" }
    private var fd: Int32
    private var identity: (dev: UInt, ino: UInt)?
    private var offset = 0
    private var pending: [UInt8] = []
    private(set) var lineNumber = 0

    /// How often a followed file is checked for new lines, rotation and truncation.
    static let pollInterval: Int32 = 50  // ms

    init(path: String?) throws(Failure) {
        self.path = path
        guard let path else {
            fd = 0
            return
        }
        fd = -1
        try open(path)
    }

    deinit { if fd > 0 { Glibc.close(fd) } }

    private func open(_ path: String) throws(Failure) {
        var opened: Int32
        repeat { opened = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while opened < 0 && errno == EINTR
        guard opened >= 0 else { throw Failure(step: "open", path: path, errno: errno) }
        if fd > 0 { Glibc.close(fd) }
        fd = opened
        offset = 0
        lineNumber = 0
        var info = stat()
        identity =
            fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? (UInt(info.st_dev), UInt(info.st_ino)) : nil
    }

    /// Calls `line` with each complete line (without its newline) and its 1-based number, then
    /// `batchEnd` whenever the data read so far is used up. Returns at the end of the input, or, with
    /// `follow`, when `shouldStop` says so (after a signal).
    func read(
        follow: Bool, shouldStop: () -> Bool, line: (ArraySlice<UInt8>, Int) -> Void, batchEnd: () -> Void
    ) throws(Failure) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while !shouldStop() {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
                split(buffer[0..<n], line)
                batchEnd()
                continue
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(step: "read", path: displayName, errno: errno)
            }
            // End of the data for now.
            guard follow, let path, identity != nil else { break }
            if reopenIfReplaced(path, line) {
                batchEnd()
                continue
            }
            _ = poll(nil, 0, Self.pollInterval)  // a signal ends the wait early
        }
        finishPartialLine(line)
        batchEnd()
    }

    /// At the end of the followed file: a new file at `path` (rotation) or a shorter one
    /// (truncation) is read from its start. Returns whether it switched.
    private func reopenIfReplaced(_ path: String, _ line: (ArraySlice<UInt8>, Int) -> Void) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }  // mid-rotation: wait for the new file
        if let identity, UInt(info.st_dev) == identity.dev && UInt(info.st_ino) == identity.ino {
            if Int(info.st_size) < offset {
                lseek(fd, 0, SEEK_SET)
                offset = 0
                pending = []
                lineNumber = 0
                return true
            }
            return false
        }
        // Rotated: the writer may have appended to the old file just before renaming it.
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            split(buffer[0..<n], line)
        }
        finishPartialLine(line)
        do {
            try open(path)
        } catch {
            return false  // gone again before we opened it: the next poll tries again
        }
        return true
    }

    private func split(_ bytes: ArraySlice<UInt8>, _ line: (ArraySlice<UInt8>, Int) -> Void) {
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lineNumber += 1
            if pending.isEmpty {
                line(bytes[start..<newline], lineNumber)
            } else {
                pending.append(contentsOf: bytes[start..<newline])
                line(pending[...], lineNumber)
                pending.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
        pending.append(contentsOf: bytes[start...])
    }

    /// A last line without its newline still counts.
    private func finishPartialLine(_ line: (ArraySlice<UInt8>, Int) -> Void) {
        guard !pending.isEmpty else { return }
        lineNumber += 1
        line(pending[...], lineNumber)
        pending.removeAll()
    }
}
