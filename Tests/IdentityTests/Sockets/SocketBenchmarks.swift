import Dispatch
import Foundation
import Glibc
import TestSupport
import Testing

@testable import Identity

/// Timings for docs/PERFORMANCE.md; they print and assert nothing (tests never assert on time).
/// `AIRLOCK_BENCH=1 swift test -c release --filter SocketBenchmarks`
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["AIRLOCK_BENCH"] != nil, "set AIRLOCK_BENCH=1 to measure"))
struct SocketBenchmarks {
    /// Microseconds per call, best of three rounds.
    static func measure(_ label: String, iterations: Int, _ body: () throws -> Void) rethrows {
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            for _ in 0..<iterations { try body() }
            best = min(best, ContinuousClock.now - start)
        }
        let nanoseconds = Double(best.components.seconds) * 1e9 + Double(best.components.attoseconds) / 1e9
        print("bench \(label): \(String(format: "%.1f", nanoseconds / Double(iterations) / 1000)) µs/op")
    }

    static func processCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { pid_t($0) != nil }.count
    }

    static func descriptorCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { pid_t($0) != nil }.reduce(0) {
            $0 + ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\($1)/fd").count) ?? 0)
        }
    }

    /// One lookup (both /proc/net tables and the fd scan) with more and more idle processes.
    @Test func lookupScalesWithProcesses() throws {
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening)
        let (_, peer) = try listener.accept()
        _ = client
        var sleepers: [RunningProcess] = []
        defer { for sleeper in sleepers { sleeper.stop() } }
        for extra in [0, 100, 400] {
            while sleepers.count < extra { sleepers.append(try RunningProcess(try TestPrograms.sleeper, ["300"])) }
            try waitUntil("sleepers to start") { sleepers.allSatisfy { (try? readLinkText("/proc/\($0.pid)/exe")) == (try? TestPrograms.sleeper) } }
            let label = "\(Self.processCount()) processes, \(Self.descriptorCount()) fds"
            try Self.measure("SocketOwners.lookup, \(label)", iterations: 200) {
                _ = try SocketOwners.lookup(local: peer, remote: listening)
            }
            let inode = try socketInode(client.fd)
            try Self.measure("  fd scan alone, \(label)", iterations: 200) { _ = try SocketHolders.scan(inode: inode) }
        }
        Self.measure("  sock_diag exact lookup", iterations: 2_000) { _ = InetDiag.inode(local: peer, remote: listening) }
        try Self.measure("  /proc/net/tcp until the row", iterations: 200) {
            _ = try ProcNetTCP.inode(local: peer, remote: listening, in: ProcNetTCP.ipv4Path)
        }
        let absent = try endpoint("127.0.0.1", 1)
        Self.measure("  miss: sock_diag, then /proc/net/tcp and tcp6 to the end", iterations: 100) {
            _ = try? SocketOwners.lookup(local: absent, remote: listening)
        }
    }

    /// The table under one lock, from one thread and from all cores.
    @Test func connectionTable() throws {
        let table = ConnectionTable()
        let origin = try endpoint("151.101.0.223", 443)
        let keys = (0..<60_000).map { SocketEndpoint(ipv4: 0x7f00_0001, port: UInt16($0 + 1)) }
        let entry = ConnectionTable.Entry(pid: 1, originalDestination: origin)
        Self.measure("ConnectionTable 60,000 × (insert+lookup+remove), 1 thread", iterations: 10) {
            for key in keys {
                table.insert(entry, for: key)
                _ = table.lookup(key)
                table.remove(key)
            }
        }
        let threads = 4
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for key in keys {
                let mine = SocketEndpoint(ipv4: 0x7f00_0001 + UInt32(worker), port: key.port)
                table.insert(entry, for: mine)
                _ = table.lookup(mine)
                table.remove(mine)
            }
        }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        print("bench ConnectionTable insert+lookup+remove, \(threads) threads on \(ProcessInfo.processInfo.activeProcessorCount) cores: \(String(format: "%.1f", nanoseconds / Double(keys.count * threads) / 1000)) µs/op (wall / total ops)")
    }
}
