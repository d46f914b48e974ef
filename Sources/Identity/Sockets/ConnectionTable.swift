import Glibc
import Synchronization

/// Agent sockets the supervisor redirected to the proxy, keyed by the agent socket's own
/// address: the supervisor inserts before the agent's `connect()` returns, the proxy looks the
/// accepted peer address up (and removes it) on accept. This is how the proxy learns who
/// connected without reading `/proc` (DESIGN.md §1).
///
/// Every operation is O(1) under one `Mutex`: a dictionary from address to a slot in a slab whose
/// slots form a list in insertion order, so the oldest entry is always at the head. When the table
/// is full the oldest entry is dropped and counted in `evicted`; `removeExpired` walks from the
/// head and stops at the first entry that is young enough.
///
/// One lock, not shards: an insert or lookup holds it for well under a microsecond and
/// connections arrive at most tens of thousands per second, so contention was not measurable
/// (see `docs/PERFORMANCE.md`), and a single list keeps eviction exactly oldest-first.
public final class ConnectionTable: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The process that called `connect()`.
        public var pid: pid_t
        /// Its identity, when the supervisor had read it by the time of the insert.
        public var identity: ProcessIdentity?
        /// Where the agent asked to connect, before the redirect to the proxy.
        public var originalDestination: SocketEndpoint
        /// When the supervisor inserted it. Expiry assumes entries are inserted in this order,
        /// which holds when `created` is the time of the insert.
        public var created: ContinuousClock.Instant

        public init(
            pid: pid_t, identity: ProcessIdentity? = nil, originalDestination: SocketEndpoint,
            created: ContinuousClock.Instant = .now
        ) {
            self.pid = pid
            self.identity = identity
            self.originalDestination = originalDestination
            self.created = created
        }
    }

    public static let defaultCapacity = 65_536

    public let capacity: Int
    private let state: Mutex<InsertionOrderedTable<SocketEndpoint, Entry>>

    public init(capacity: Int = ConnectionTable.defaultCapacity) {
        precondition(capacity > 0, "a connection table needs room for one entry")
        self.capacity = capacity
        state = Mutex(InsertionOrderedTable(capacity: capacity))
    }

    /// Records `entry` for the agent socket whose own address is `local`, replacing (and moving
    /// to the young end) any entry for the same address; drops the oldest entry when full.
    public func insert(_ entry: Entry, for local: SocketEndpoint) {
        state.withLock { $0.insert(entry, for: local) }
    }

    /// The entry for the agent socket whose own address is `local` (the peer `accept` returned).
    public func lookup(_ local: SocketEndpoint) -> Entry? {
        state.withLock { $0.value(for: local) }
    }

    /// Removes and returns the entry for `local`.
    @discardableResult
    public func remove(_ local: SocketEndpoint) -> Entry? {
        state.withLock { $0.remove(local) }
    }

    /// Removes entries created more than `age` ago (sockets the proxy never accepted: the agent
    /// closed first, or the connect failed) and returns how many went.
    @discardableResult
    public func removeExpired(olderThan age: Duration, now: ContinuousClock.Instant = .now) -> Int {
        let cutoff = now - age
        return state.withLock { table in table.removeOldest(while: { $0.created < cutoff }) }
    }

    public var count: Int { state.withLock { $0.count } }

    /// Entries dropped because the table was full, since it was made.
    public var evicted: Int { state.withLock { $0.evicted } }
}
