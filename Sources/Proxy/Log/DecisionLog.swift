import Glibc

/// The decision log: one JSON line per `DecisionRecord`, appended to a file (and/or standard error).
///
/// **Writes are asynchronous.** `write(_:)` encodes the line on the caller's thread and puts it on a
/// bounded queue; one writer thread appends queued lines to the file. Callers are proxy event loops
/// and the supervisor's notification threads, which must never block on a slow disk or on a standard
/// error nobody reads (DESIGN/STYLE: "via a bounded queue so the notification loop never blocks").
/// When the queue holds `queueBytes` of lines, further records are **dropped and counted**
/// (`droppedRecords`), as are records whose `write(2)` failed; the first drop of each cause is
/// reported on standard error, and `close()` reports the total. Nothing is lost silently.
///
/// **Whole lines.** The file is opened `O_APPEND`; each `write(2)` carries one or more whole lines
/// (the writer batches what queued up, at most 64 KiB per call), so lines never interleave with
/// each other or with another process appending to the same file. A write the kernel cuts short
/// (disk full) is continued, and the lines it could not finish are counted as dropped.
///
/// **Rotation by size.** Before a write would take the file past `maximumBytes`, `log` is renamed
/// to `log.1`, `log.1` to `log.2`, … keeping `keptFiles` old files (the oldest is overwritten), and
/// a new `log` is opened. A line longer than `maximumBytes` gets a file of its own.
///
/// `flush()` returns once every record written before it has reached the kernel (no `fsync`).
public final class DecisionLog: Sendable {
    /// The log file, or nil when logging only to standard error.
    public let path: String?
    public let maximumBytes: Int
    public let keptFiles: Int
    private let writer: DecisionLogWriter?

    /// Opens (creating, mode 0640) `file` for appending and starts the writer thread.
    /// - Parameters:
    ///   - file: the log file; nil for none.
    ///   - alsoStderr: also write each line to standard error.
    ///   - queueBytes: how many bytes of lines may wait for the writer before records are dropped.
    public init(
        file: String?, alsoStderr: Bool, maximumBytes: Int = 64 << 20, keptFiles: Int = 3,
        queueBytes: Int = 8 << 20
    ) throws(DecisionLogError) {
        self.path = file
        self.maximumBytes = max(maximumBytes, 1)
        self.keptFiles = max(keptFiles, 0)
        guard file != nil || alsoStderr else {
            writer = nil
            return
        }
        writer = try DecisionLogWriter(
            path: file, alsoStderr: alsoStderr, maximumBytes: self.maximumBytes, keptFiles: self.keptFiles,
            queueBytes: max(queueBytes, 1))
    }

    deinit { close() }

    /// Queues `record`; never blocks on I/O. Dropped (and counted) when the queue is full or the
    /// log is closed.
    public func write(_ record: DecisionRecord) {
        guard let writer else { return }
        var line: [UInt8] = []
        record.appendJSONLine(to: &line)
        line.append(UInt8(ascii: "\n"))
        writer.enqueue(line)
    }

    /// Records not written: the queue was full, a write failed, or the log was closed.
    public var droppedRecords: Int { writer?.droppedRecords ?? 0 }

    /// Records whose line reached the kernel.
    public var writtenRecords: Int { writer?.writtenRecords ?? 0 }

    /// Waits until every record queued before this call is written (or counted as dropped).
    public func flush() { writer?.flush() }

    /// Writes what is queued, stops the writer thread and closes the file; reports the number of
    /// dropped records on standard error when there were any. Later writes are dropped.
    public func close() { writer?.close() }
}
