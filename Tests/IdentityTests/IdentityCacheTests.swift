import TestSupport
import Foundation
import Glibc
import Logging
import Testing

@testable import Identity

@Suite struct IdentityCacheTests {
    static let logger = Logger(label: "airlock.identity.test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func cache(_ options: IdentityOptions = IdentityOptions()) -> IdentityCache {
        IdentityCache(options: options, logger: logger)
    }

    /// A second read is served from the cache: a cmdline the process rewrote in place (no exec)
    /// is not seen until the entry is forgotten.
    @Test func warmReadIsCached() throws {
        let process = try RunningProcess(try TestPrograms.sleeper, ["300"])
        try process.waitForExe { $0 == (try? TestPrograms.sleeper) }
        let cache = Self.cache()
        let first = try cache.identity(of: process.pid)
        #expect(first.cmdline.last == "300")

        kill(process.pid, SIGUSR1)
        try waitUntil("the sleeper to rewrite its argv") {
            (try? String(contentsOfFile: "/proc/\(process.pid)/cmdline", encoding: .utf8))?.contains("XXX") == true
        }
        #expect(try cache.identity(of: process.pid) == first)
        cache.forget(process.pid)
        #expect(try cache.identity(of: process.pid).cmdline.last == "XXX")
    }

    /// exec keeps pid and start time; the changed (device, inode) of /proc/<pid>/exe reveals it.
    @Test func execInvalidates() throws {
        let directory = try TemporaryDirectory("exec")
        let flag = directory.path("go")
        let shell = ProcessIdentityTests.canonical("/bin/sh")
        let sleep = ProcessIdentityTests.canonical("/usr/bin/sleep")
        let process = try RunningProcess(
            "/bin/sh", ["-c", "while [ ! -e '\(flag)' ]; do /usr/bin/sleep 0.02; done; exec /usr/bin/sleep 300"])
        try process.waitForExe { $0 == shell }
        let cache = Self.cache()
        let before = try cache.identity(of: process.pid)
        #expect(before.exe == shell)

        try directory.write("go", "")
        try process.waitForExe { $0 == sleep }
        let after = try cache.identity(of: process.pid)
        #expect(after.exe == sleep)
        #expect(after.cmdline == ["/usr/bin/sleep", "300"])
        #expect(after.startTime == before.startTime)
        #expect(after.pid == before.pid)
    }

    /// Once the process is gone its entry is useless, even if the pid came back: the held
    /// /proc/<pid> descriptor stops answering.
    @Test func deadProcessInvalidates() throws {
        let process = try RunningProcess("/usr/bin/sleep", ["300"])
        try process.waitForExe { $0 == ProcessIdentityTests.canonical("/usr/bin/sleep") }
        let cache = Self.cache()
        _ = try cache.identity(of: process.pid)
        process.stop()
        let pid = process.pid
        #expect(throws: ProcError(step: .openProc, pid: pid, path: "/proc/\(pid)", errno: ENOENT)) {
            try cache.identity(of: pid)
        }
        #expect(cache.count == 0)
    }

    /// A cached parent supplies the rest of the ancestor list.
    @Test func ancestorsReuseCachedParent() throws {
        let outer = try RunningProcess("/bin/sh", ["-c", "/usr/bin/sleep 300; true"])
        var child: pid_t = 0
        try waitUntil("the sleep child") {
            guard let leaf = childPIDs(of: outer.pid).first,
                (try? readLinkText("/proc/\(leaf)/exe")) == ProcessIdentityTests.canonical("/usr/bin/sleep")
            else { return false }
            child = leaf
            return true
        }
        let cache = Self.cache()
        let parent = try cache.identity(of: outer.pid)
        let identity = try cache.identity(of: child)
        #expect(identity.ancestors == [parent.exe] + parent.ancestors)
        #expect(cache.count == 2)
        #expect(identity.ancestors == (try ProcessIdentity.read(pid: child)).ancestors)
    }

    @Test func boundedSize() throws {
        let processes = try (0..<3).map { _ in try RunningProcess("/usr/bin/sleep", ["300"]) }
        for process in processes { try process.waitForExe { $0 == ProcessIdentityTests.canonical("/usr/bin/sleep") } }
        let cache = Self.cache(IdentityOptions(capacity: 2))
        for process in processes { _ = try cache.identity(of: process.pid) }
        #expect(cache.count <= 2)
        // The most recent entry survived eviction.
        #expect(try cache.identity(of: processes[2].pid).pid == processes[2].pid)
    }

    /// Many processes running one binary hash it once.
    @Test func hashesOncePerFileVersion() throws {
        let processes = try (0..<2).map { _ in try RunningProcess("/usr/bin/sleep", ["300"]) }
        for process in processes { try process.waitForExe { $0 == ProcessIdentityTests.canonical("/usr/bin/sleep") } }
        let hashes = ExecutableHashes(capacity: 4)
        let cache = IdentityCache(options: IdentityOptions(hashExecutables: true), hashes: hashes, logger: Self.logger)
        let digests = try processes.map { try cache.identity(of: $0.pid).sha256 }
        #expect(digests[0] != nil)
        #expect(digests[0] == digests[1])
        #expect(hashes.count == 1)
    }

    /// Identities are read from several threads at once without tearing the cache.
    @Test func concurrentReaders() async throws {
        let processes = try (0..<4).map { _ in try RunningProcess("/usr/bin/sleep", ["300"]) }
        for process in processes { try process.waitForExe { $0 == ProcessIdentityTests.canonical("/usr/bin/sleep") } }
        let pids = processes.map(\.pid)
        let cache = Self.cache(IdentityOptions(capacity: 3))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask { () async throws -> Void in
                    for round in 0..<200 {
                        let pid = pids[(worker + round) % pids.count]
                        let identity = try cache.identity(of: pid)
                        #expect(identity.pid == pid)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(cache.count <= 3)
    }
}
