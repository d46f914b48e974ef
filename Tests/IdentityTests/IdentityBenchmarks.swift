import TestSupport
import Rego
import Foundation
import Glibc
import Identity
import Logging
import Testing

/// Timings for docs/PERFORMANCE.md; they print and assert nothing (tests never assert on time).
/// Run on a release build:
/// `AIRLOCK_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter IdentityBenchmarks`
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["AIRLOCK_BENCH"] != nil, "set AIRLOCK_BENCH=1 to measure"))
struct IdentityBenchmarks {
    static let logger = Logger(label: "airlock.identity.bench", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Nanoseconds per call of `body`, best of three rounds of `iterations`.
    static func measure(_ label: String, iterations: Int, _ body: () throws -> Void) rethrows {
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            for _ in 0..<iterations { try body() }
            best = min(best, ContinuousClock.now - start)
        }
        let nanoseconds = Double(best.components.seconds) * 1e9 + Double(best.components.attoseconds) / 1e9
        print("bench \(label): \(Int(nanoseconds / Double(iterations))) ns/op")
    }

    @Test func identityReads() throws {
        let outer = try RunningProcess("/bin/sh", ["-c", "/usr/bin/sleep 300; true"])
        var child: pid_t = 0
        try waitUntil("the sleep child") {
            guard let leaf = childPIDs(of: outer.pid).first,
                (try? readLinkText("/proc/\(leaf)/exe")) == ProcessIdentityTests.canonical("/usr/bin/sleep")
            else { return false }
            child = leaf
            return true
        }
        let bounded = IdentityCache(options: IdentityOptions(supervisedRoot: outer.pid), logger: Self.logger)
        let unbounded = IdentityCache(logger: Self.logger)
        print("bench ancestors to pid 1: \(try unbounded.identity(of: child).ancestors.count)")

        try Self.measure("identity warm (cache hit)", iterations: 100_000) { _ = try bounded.identity(of: child) }
        try Self.measure("identity cold, 1 ancestor (supervised root)", iterations: 5_000) {
            bounded.removeAll()
            _ = try bounded.identity(of: child)
        }
        try Self.measure("identity cold, all ancestors to pid 1", iterations: 2_000) {
            unbounded.removeAll()
            _ = try unbounded.identity(of: child)
        }
        _ = try unbounded.identity(of: outer.pid)
        try Self.measure("identity cold, parent cached", iterations: 5_000) {
            unbounded.forget(child)
            _ = try unbounded.identity(of: child)
        }
        let hashing = IdentityCache(
            options: IdentityOptions(supervisedRoot: outer.pid, hashExecutables: true), logger: Self.logger)
        _ = try hashing.identity(of: child)
        try Self.measure("identity cold + sha256 (digest cached)", iterations: 5_000) {
            hashing.forget(child)
            _ = try hashing.identity(of: child)
        }
    }

    @Test func resolution() throws {
        let tree = try SymlinkTree(sleeper: try TestPrograms.sleeper)
        let process = try RunningProcess("/usr/sbin/chroot", [tree.root, "/usr/bin/sleeper", "300"])
        try process.waitForExe { $0.hasSuffix("/usr/bin/sleeper") }
        let inProcess = RootFS.process(process.pid)
        let inDirectory = RootFS.directory(tree.root)
        try Self.measure("resolveInRoot /proc/<pid>/root /usr/bin/python3.11 (0 hops)", iterations: 20_000) {
            _ = try inProcess.resolve("/usr/bin/python3.11")
        }
        try Self.measure("resolveInRoot /proc/<pid>/root /usr/local/bin/python3 (2 hops)", iterations: 20_000) {
            _ = try inProcess.resolve("/usr/local/bin/python3")
        }
        try Self.measure("resolve directory root /sbin/python3 (3 hops)", iterations: 20_000) {
            _ = try inDirectory.resolve("/sbin/python3")
        }
    }

    @Test func sha256Throughput() {
        let bytes = [UInt8](repeating: 0x5a, count: 16 << 20)
        let start = ContinuousClock.now
        _ = SHA256.hash(bytes)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("bench sha256: \(Int(16 / seconds)) MiB/s")
    }
}
