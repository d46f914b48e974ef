import Dispatch
import Glibc
import Synchronization
import Testing

@testable import Identity

@Suite struct ConnectionTableTests {
    static let origin = SocketEndpoint(ip: "151.101.0.223", port: 443)!

    static func local(_ port: Int) -> SocketEndpoint { SocketEndpoint(ip: "127.0.0.1", port: port)! }

    static func entry(_ pid: pid_t, created: ContinuousClock.Instant = .now) -> ConnectionTable.Entry {
        ConnectionTable.Entry(pid: pid, originalDestination: origin, created: created)
    }

    @Test func insertLookupRemove() {
        let table = ConnectionTable()
        #expect(table.capacity == 65_536)
        let identity = ProcessIdentity(pid: 4711, startTime: 99, exe: "/usr/bin/python3")
        var entry = Self.entry(4711)
        entry.identity = identity
        table.insert(entry, for: Self.local(40312))
        #expect(table.count == 1)
        #expect(table.lookup(Self.local(40312)) == entry)
        #expect(table.lookup(Self.local(40313)) == nil)
        // The mapped spelling a dual-stack listener reports is the same key.
        #expect(table.lookup(SocketEndpoint(ip: "::ffff:127.0.0.1", port: 40312)!)?.pid == 4711)
        #expect(table.remove(Self.local(40312)) == entry)
        #expect(table.remove(Self.local(40312)) == nil)
        #expect(table.lookup(Self.local(40312)) == nil)
        #expect(table.count == 0)
    }

    /// A reused local port replaces the old entry and counts as new for eviction and expiry.
    @Test func reinsertReplaces() {
        let table = ConnectionTable(capacity: 2)
        table.insert(Self.entry(1), for: Self.local(1))
        table.insert(Self.entry(2), for: Self.local(2))
        table.insert(Self.entry(3), for: Self.local(1))
        #expect(table.count == 2)
        #expect(table.lookup(Self.local(1))?.pid == 3)
        table.insert(Self.entry(4), for: Self.local(4))
        #expect(table.evicted == 1)
        #expect(table.lookup(Self.local(2)) == nil, "port 2 was the oldest after port 1 was reinserted")
        #expect(table.lookup(Self.local(1))?.pid == 3)
    }

    @Test func fullTableDropsOldestAndCounts() {
        let table = ConnectionTable(capacity: 3)
        for port in 1...5 { table.insert(Self.entry(pid_t(port)), for: Self.local(port)) }
        #expect(table.count == 3)
        #expect(table.evicted == 2)
        #expect(table.lookup(Self.local(1)) == nil)
        #expect(table.lookup(Self.local(2)) == nil)
        #expect((3...5).allSatisfy { table.lookup(Self.local($0))?.pid == pid_t($0) })
        // A removal makes room without evicting.
        table.remove(Self.local(4))
        table.insert(Self.entry(6), for: Self.local(6))
        #expect(table.evicted == 2)
        #expect(table.count == 3)
    }

    @Test func expiryRemovesOnlyOldEntries() {
        let table = ConnectionTable()
        let start = ContinuousClock.now
        for second in 0..<10 {
            table.insert(Self.entry(pid_t(second), created: start + .seconds(second)), for: Self.local(1000 + second))
        }
        table.remove(Self.local(1002))
        // At start+10 s, entries made before start+5 s are older than 5 s: 0, 1, 3, 4.
        #expect(table.removeExpired(olderThan: .seconds(5), now: start + .seconds(10)) == 4)
        #expect(table.count == 5)
        #expect(table.lookup(Self.local(1004)) == nil)
        #expect(table.lookup(Self.local(1005))?.pid == 5)
        #expect(table.removeExpired(olderThan: .seconds(5), now: start + .seconds(10)) == 0)
        #expect(table.removeExpired(olderThan: .zero, now: start + .seconds(100)) == 5)
        #expect(table.count == 0)
        #expect(table.evicted == 0)
    }

    /// The slab reuses freed slots and keeps insertion order across removals in the middle.
    @Test func insertionOrderSurvivesChurn() {
        var table = InsertionOrderedTable<Int, Int>(capacity: 4)
        for key in 0..<4 { table.insert(key, for: key) }
        table.remove(1)
        table.remove(0)
        table.insert(10, for: 10)
        table.insert(2, for: 2)
        #expect(table.keysInOrder == [3, 10, 2])
        table.insert(11, for: 11)
        table.insert(12, for: 12)
        #expect(table.keysInOrder == [10, 2, 11, 12])
        #expect(table.evicted == 1)
        #expect(table.removeOldest(while: { $0 < 11 }) == 2)
        #expect(table.keysInOrder == [11, 12])
        for key in 100..<1000 { table.insert(key, for: key) }
        #expect(table.count == 4)
        #expect(table.keysInOrder == [996, 997, 998, 999])
    }

    /// Supervisor-like writers and proxy-like readers on many threads at once: every entry is
    /// found by its reader and removed exactly once.
    @Test func concurrentInsertLookupRemove() {
        let table = ConnectionTable()
        let workers = 8
        let perWorker = 5_000
        let found = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var hits = 0
            for index in 0..<perWorker {
                let key = SocketEndpoint(ipv4: 0x7f00_0001 + UInt32(worker), port: UInt16(index + 1))
                table.insert(Self.entry(pid_t(worker)), for: key)
                if table.lookup(key)?.pid == pid_t(worker) { hits += 1 }
                if index % 2 == 0, table.remove(key) != nil { hits += 1 }
            }
            found.withLock { $0 += hits }
        }
        #expect(found.withLock { $0 } == workers * perWorker + workers * perWorker / 2)
        #expect(table.count == workers * perWorker / 2)
        #expect(table.evicted == 0)
        #expect(table.removeExpired(olderThan: .zero, now: .now + .seconds(1)) == workers * perWorker / 2)
    }
}
