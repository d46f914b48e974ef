import Foundation
import Glibc
import Proxy
import TestSupport
import Testing

@Suite struct DecisionLogTests {
    static func record(_ reason: String, pid: Int = 1) -> DecisionRecord {
        DecisionRecord(
            time: "2026-12-04T21:15:02.123Z", decision: .deny, kind: .tcpConnect, listener: .transparent, pid: pid,
            exe: "/usr/bin/python3", host: "pypi.org", port: 443, hostSource: .sni, reason: reason,
            hints: ["SYMLINK HINT: \"quoted\"\nnext line"])
    }

    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"), "\(path) ends inside a line")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func concurrentWritersProduceWholeLines() throws {
        let directory = try TemporaryDirectory("decision-log")
        let path = directory.path("decisions.jsonl")
        let log = try DecisionLog(file: path, alsoStderr: false)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<1000 {
                log.write(Self.record("thread \(thread) record \(i): naïve \"quoted\" \u{1B}", pid: thread * 1000 + i))
            }
        }
        log.flush()
        #expect(log.droppedRecords == 0)
        #expect(log.writtenRecords == 8000)
        let lines = try Self.lines(path)
        #expect(lines.count == 8000)
        var pids = Set<Int>()
        for line in lines {
            let record = try DecisionRecord(jsonLine: line)
            pids.insert(record.pid ?? -1)
            #expect(record.reason.hasPrefix("thread \((record.pid ?? 0) / 1000) record \((record.pid ?? 0) % 1000):"))
        }
        #expect(pids == Set(0..<8000))
        log.close()
    }

    @Test func rotationKeepsTheNewestFilesOfWholeLines() throws {
        let directory = try TemporaryDirectory("decision-log")
        let path = directory.path("decisions.jsonl")
        let log = try DecisionLog(file: path, alsoStderr: false, maximumBytes: 2000, keptFiles: 2)
        for i in 0..<200 { log.write(Self.record("record \(i)", pid: i)) }
        log.close()
        #expect(log.droppedRecords == 0)
        #expect(!FileManager.default.fileExists(atPath: path + ".3"))
        var newestFirst: [[Int]] = []
        for file in [path, path + ".1", path + ".2"] {
            let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(size <= 2000 && size > 0, "\(file): \(size) bytes")
            newestFirst.append(try Self.lines(file).map { try DecisionRecord(jsonLine: $0).pid ?? -1 })
        }
        // The current file ends with the last record; each older file ends right before the next.
        let pids = newestFirst.reversed().flatMap { $0 }
        #expect(pids == Array((200 - pids.count)..<200))
        #expect(newestFirst[0].last == 199)
    }

    @Test func appendsToAnExistingLog() throws {
        let directory = try TemporaryDirectory("decision-log")
        let path = directory.path("decisions.jsonl")
        try directory.write("decisions.jsonl", Self.record("old").jsonLine + "\n")
        let log = try DecisionLog(file: path, alsoStderr: false)
        log.write(Self.record("new"))
        log.close()
        #expect(try Self.lines(path).map { try DecisionRecord(jsonLine: $0).reason } == ["old", "new"])
    }

    @Test func awkwardRecordsRoundTripThroughTheFile() throws {
        let directory = try TemporaryDirectory("decision-log")
        let path = directory.path("decisions.jsonl")
        let log = try DecisionLog(file: path, alsoStderr: false)
        let records = DecisionRecordTests.awkward.map { text -> DecisionRecord in
            var record = Self.record(text)
            record.hints = [text]
            record.error = text
            return record
        }
        for record in records { log.write(record) }
        log.close()
        #expect(try Self.lines(path).map { try DecisionRecord(jsonLine: $0) } == records)
    }

    @Test(arguments: [
        ("missing/decisions.jsonl", "ENOENT", "No such file or directory"),
        ("a-file/decisions.jsonl", "ENOTDIR", "Not a directory"),
        ("a-directory", "EISDIR", "Is a directory"),
    ])
    func unwritablePathsAreTypedErrors(_ relative: String, _ name: String, _ text: String) throws {
        let directory = try TemporaryDirectory("decision-log")
        try directory.write("a-file", "")
        try directory.makeDirectory("a-directory")
        let path = directory.path(relative)
        #expect {
            _ = try DecisionLog(file: path, alsoStderr: false)
        } throws: { error in
            guard let error = error as? DecisionLogError else { return false }
            return error.step == .open && error.path == path && error.errnoName == name
                && error.description == "decision log: open \(path): \(text) (\(name))"
        }
    }

    /// The writer blocks on a FIFO nobody reads: the queue fills and further records are dropped
    /// and counted; what was written plus what was dropped is everything.
    @Test func aFullQueueDropsAndCounts() throws {
        let directory = try TemporaryDirectory("decision-log")
        let path = directory.path("fifo")
        #expect(mkfifo(path, 0o600) == 0)
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        let log = try DecisionLog(file: path, alsoStderr: false, queueBytes: 4096)
        let total = 2000
        for i in 0..<total { log.write(Self.record("record \(i)", pid: i)) }
        // The pipe holds 64 KiB; the queue 4 KiB: most records cannot have fitted.
        _ = fcntl(reader, F_SETFL, 0)
        // close() drains the queue into the pipe, so it runs beside the reader; EOF comes when it
        // closes the file.
        let closer = Thread { log.close() }
        closer.start()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(reader, &buffer, buffer.count)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        while !closer.isFinished { usleep(1000) }
        close(reader)
        let text = String(decoding: received, as: UTF8.self)
        let lines = text.split(separator: "\n")
        for line in lines { _ = try DecisionRecord(jsonLine: String(line)) }
        #expect(log.droppedRecords > 0)
        #expect(lines.count + log.droppedRecords == total)
        #expect(log.writtenRecords == lines.count)
        // Closed: later records are dropped too, and counted.
        log.write(Self.record("late"))
        #expect(lines.count + log.droppedRecords == total + 1)
    }

    @Test func noDestinationDiscards() throws {
        let log = try DecisionLog(file: nil, alsoStderr: false)
        log.write(Self.record("nowhere"))
        log.flush()
        #expect(log.droppedRecords == 0 && log.path == nil)
    }
}
