import Glibc

/// The queue and writer thread behind `DecisionLog`.
///
/// `@unchecked Sendable`: the queue, counters and flags (`Shared`) are touched only with `mutex`
/// held; the file state (`fd`, `size`, the report flags for I/O failures) only by the writer
/// thread, and by `close()` after it joined that thread.
final class DecisionLogWriter: @unchecked Sendable {
    private struct Shared {
        var pending: [[UInt8]] = []
        var pendingBytes = 0
        var enqueued = 0
        /// Records taken off the queue and finished (written or dropped): `flush` waits on it.
        var completed = 0
        var written = 0
        var dropped = 0
        var droppedQueueFull = 0
        var closing = false
        var joined = false
    }

    private let path: String?
    private let alsoStderr: Bool
    private let maximumBytes: Int
    private let keptFiles: Int
    private let queueBytes: Int

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private let drained: UnsafeMutablePointer<pthread_cond_t>
    private var shared = Shared()
    private var thread = pthread_t()

    // Writer-thread state.
    private var fd: Int32 = -1
    private var size = 0
    private var reportedQueueFull = false
    private var reportedWriteFailure = false
    private var reportedRotateFailure = false

    /// Largest single `write(2)`.
    private static let chunkBytes = 64 << 10

    init(path: String?, alsoStderr: Bool, maximumBytes: Int, keptFiles: Int, queueBytes: Int) throws(DecisionLogError) {
        self.path = path
        self.alsoStderr = alsoStderr
        self.maximumBytes = maximumBytes
        self.keptFiles = keptFiles
        self.queueBytes = queueBytes
        var openedFD: Int32 = -1
        if let path {
            // Before anything is allocated: a throw here leaves nothing to release.
            let opened = Self.open(path)
            guard opened.fd >= 0 else { throw DecisionLogError(step: .open, path: path, errno: opened.errno) }
            openedFD = opened.fd
        }
        mutex = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        drained = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(drained, nil)
        fd = openedFD
        if fd >= 0 {
            var info = stat()
            size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        }
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { raw in
                let writer = Unmanaged<DecisionLogWriter>.fromOpaque(raw!).takeRetainedValue()
                writer.run()
                return nil
            }, context)
        if status != 0 {
            Unmanaged<DecisionLogWriter>.fromOpaque(context).release()
            if fd >= 0 { Glibc.close(fd) }
            shared.joined = true
            throw DecisionLogError(step: .startWriter, path: path ?? "<stderr>", errno: status)
        }
    }

    deinit {
        destroySynchronisation()
    }

    private func destroySynchronisation() {
        pthread_cond_destroy(drained)
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(mutex)
        drained.deallocate()
        wake.deallocate()
        mutex.deallocate()
    }

    private func locked<R>(_ body: (inout Shared) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&shared)
    }

    // MARK: Callers

    func enqueue(_ line: [UInt8]) {
        locked { shared in
            // A line larger than the whole queue still goes in when the queue is empty.
            guard !shared.closing, shared.pending.isEmpty || shared.pendingBytes + line.count <= queueBytes else {
                shared.dropped += 1
                if !shared.closing { shared.droppedQueueFull += 1 }
                return
            }
            shared.pending.append(line)
            shared.pendingBytes += line.count
            shared.enqueued += 1
            pthread_cond_signal(wake)
        }
    }

    var droppedRecords: Int { locked { $0.dropped } }
    var writtenRecords: Int { locked { $0.written } }

    func flush() {
        pthread_mutex_lock(mutex)
        let target = shared.enqueued
        while shared.completed < target && !shared.joined {
            pthread_cond_wait(drained, mutex)
        }
        pthread_mutex_unlock(mutex)
    }

    func close() {
        let first = locked { shared -> Bool in
            guard !shared.closing else { return false }
            shared.closing = true
            pthread_cond_signal(wake)
            return true
        }
        guard first else {
            flush()
            return
        }
        if !locked({ $0.joined }) { pthread_join(thread, nil) }
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
        let dropped = locked { shared -> Int in
            shared.joined = true
            pthread_cond_broadcast(drained)
            return shared.dropped
        }
        if dropped > 0 {
            Self.report(
                "\(dropped) decision record\(dropped == 1 ? " was" : "s were") dropped (not written to \(destination))")
        }
    }

    private var destination: String {
        switch (path, alsoStderr) {
        case (let path?, true): return "\(path) or standard error"
        case (let path?, false): return path
        default: return "standard error"
        }
    }

    // MARK: Writer thread

    private func run() {
        pthread_mutex_lock(mutex)
        while true {
            while shared.pending.isEmpty && !shared.closing {
                pthread_cond_wait(wake, mutex)
            }
            if shared.pending.isEmpty { break }
            let batch = shared.pending
            shared.pending = []
            shared.pendingBytes = 0
            let queueFullDrops = shared.droppedQueueFull
            pthread_mutex_unlock(mutex)

            if queueFullDrops > 0 && !reportedQueueFull {
                reportedQueueFull = true
                Self.report(
                    "the queue of decision records is full (\(queueBytes) bytes): the writer is behind, so records are being dropped and counted"
                )
            }
            let failed = write(batch)

            pthread_mutex_lock(mutex)
            shared.completed += batch.count
            shared.written += batch.count - failed
            shared.dropped += failed
            pthread_cond_broadcast(drained)
        }
        pthread_mutex_unlock(mutex)
    }

    /// Writes `lines` to the file (rotating as needed) and to standard error; returns how many were
    /// lost: lines the file did not take, or, without a file, lines standard error did not take.
    private func write(_ lines: [[UInt8]]) -> Int {
        var lost = 0
        if let path {
            if fd < 0 { reopen(path) }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Self.chunkBytes)
            for line in lines {
                if size + chunk.count + line.count > maximumBytes && size + chunk.count > 0 {
                    lost += writeChunk(&chunk, path: path)
                    rotate(path)
                }
                if !chunk.isEmpty && chunk.count + line.count > Self.chunkBytes {
                    lost += writeChunk(&chunk, path: path)
                }
                chunk.append(contentsOf: line)
            }
            lost += writeChunk(&chunk, path: path)
        }
        if alsoStderr {
            var all: [UInt8] = []
            all.reserveCapacity(lines.reduce(0) { $0 + $1.count })
            for line in lines { all.append(contentsOf: line) }
            let unwritten = Self.writeAll(2, all).unwritten
            if path == nil { lost += Self.lineCount(all[(all.count - unwritten)...]) }
        }
        return lost
    }

    /// Writes `chunk` (whole lines) and empties it; returns the number of lines not fully written.
    private func writeChunk(_ chunk: inout [UInt8], path: String) -> Int {
        guard !chunk.isEmpty else { return 0 }
        defer { chunk.removeAll(keepingCapacity: true) }
        guard fd >= 0 else { return Self.lineCount(chunk[...]) }
        let outcome = Self.writeAll(fd, chunk)
        size += chunk.count - outcome.unwritten
        guard outcome.unwritten > 0 else { return 0 }
        if !reportedWriteFailure {
            reportedWriteFailure = true
            Self.report(
                DecisionLogError(step: .write, path: path, errno: outcome.errno).description
                    + "; records are being dropped and counted")
        }
        return Self.lineCount(chunk[(chunk.count - outcome.unwritten)...])
    }

    private func rotate(_ path: String) {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
        var failure: DecisionLogError? = nil
        if keptFiles > 0 {
            for index in stride(from: keptFiles - 1, through: 1, by: -1) {
                if rename("\(path).\(index)", "\(path).\(index + 1)") != 0 && errno != ENOENT {
                    failure = DecisionLogError(step: .rotate, path: "\(path).\(index)", errno: errno)
                }
            }
            if rename(path, "\(path).1") != 0 && errno != ENOENT {
                failure = DecisionLogError(step: .rotate, path: path, errno: errno)
            }
        } else if unlink(path) != 0 && errno != ENOENT {
            failure = DecisionLogError(step: .rotate, path: path, errno: errno)
        }
        if let failure, !reportedRotateFailure {
            reportedRotateFailure = true
            Self.report(failure.description + "; writing on past the size limit")
        }
        reopen(path)
        // After a failed rename the old file is reopened: count from zero so the next attempt
        // comes after another maximumBytes instead of before every line.
        size = 0
    }

    private func reopen(_ path: String) {
        let opened = Self.open(path)
        fd = opened.fd
        size = 0
        if fd >= 0 {
            var info = stat()
            if fstat(fd, &info) == 0 { size = Int(info.st_size) }
        } else if !reportedWriteFailure {
            reportedWriteFailure = true
            Self.report(
                DecisionLogError(step: .open, path: path, errno: opened.errno).description
                    + "; records are being dropped and counted")
        }
    }

    // MARK: System calls

    private static func open(_ path: String) -> (fd: Int32, errno: Int32) {
        while true {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            if fd >= 0 { return (fd, 0) }
            if errno != EINTR { return (-1, errno) }
        }
    }

    /// `write(2)` until all of `bytes` is written, retrying EINTR; stops at the first error.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> (unwritten: Int, errno: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return (buffer.count - offset, errno)
                }
                if n == 0 { return (buffer.count - offset, EIO) }
                offset += n
            }
            return (0, 0)
        }
    }

    private static func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte == UInt8(ascii: "\n") { count += 1 }
        return count
    }

    /// One line on standard error, prefixed `airlock: `.
    static func report(_ message: String) {
        _ = writeAll(2, Array("airlock: \(message)\n".utf8))
    }
}
