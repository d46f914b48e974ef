/// A dictionary that forgets its least recently used quarter when it reaches `capacity`.
///
/// Evicting a batch at once keeps the bookkeeping to one counter per entry: a full cache sorts
/// its use stamps once per `capacity / 4` insertions instead of maintaining a linked list.
/// Not thread-safe; the owner wraps it in a `Mutex`.
struct BoundedCache<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a cache needs room for one entry")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock &+= 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Looks without marking the entry as used.
    func peek(_ key: Key) -> Value? { entries[key]?.value }

    mutating func insert(_ value: Value, for key: Key) {
        if entries[key] == nil && entries.count >= capacity { evictOldest() }
        clock &+= 1
        entries[key] = (value, clock)
    }

    @discardableResult
    mutating func remove(_ key: Key) -> Value? { entries.removeValue(forKey: key)?.value }

    mutating func removeAll() { entries.removeAll() }

    private mutating func evictOldest() {
        let dropCount = max(1, capacity / 4)
        let stamps = entries.values.map(\.lastUse).sorted()
        let threshold = stamps[min(dropCount, stamps.count) - 1]
        entries = entries.filter { $0.value.lastUse > threshold }
    }
}
