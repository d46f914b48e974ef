/// A dictionary of bounded size that remembers insertion order, for `ConnectionTable`.
///
/// Values live in a slab of slots linked oldest to youngest by index; the dictionary maps a key
/// to its slot. Insert, lookup, remove and dropping the oldest are O(1); freed slots are reused,
/// so the slab never exceeds `capacity`. Not thread-safe; the owner wraps it in a `Mutex`.
struct InsertionOrderedTable<Key: Hashable, Value> {
    private struct Slot {
        var key: Key
        var value: Value
        var older: Int32
        var younger: Int32
    }

    private static var none: Int32 { -1 }

    private var slots: ContiguousArray<Slot?> = []
    private var index: [Key: Int32] = [:]
    private var free: [Int32] = []
    private var oldest: Int32 = -1
    private var youngest: Int32 = -1
    let capacity: Int
    private(set) var evicted = 0

    init(capacity: Int) {
        precondition(capacity > 0 && capacity <= Int(Int32.max), "capacity out of range")
        self.capacity = capacity
    }

    var count: Int { index.count }

    func value(for key: Key) -> Value? {
        guard let slot = index[key] else { return nil }
        return slots[Int(slot)]!.value
    }

    mutating func insert(_ value: Value, for key: Key) {
        if let existing = index[key] {
            unlink(existing)
            release(existing)
            index[key] = nil
        } else if index.count >= capacity {
            dropOldest()
            evicted += 1
        }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            slots[Int(slot)] = Slot(key: key, value: value, older: youngest, younger: Self.none)
        } else {
            slot = Int32(slots.count)
            slots.append(Slot(key: key, value: value, older: youngest, younger: Self.none))
        }
        if youngest != Self.none { slots[Int(youngest)]!.younger = slot } else { oldest = slot }
        youngest = slot
        index[key] = slot
    }

    @discardableResult
    mutating func remove(_ key: Key) -> Value? {
        guard let slot = index.removeValue(forKey: key) else { return nil }
        let value = slots[Int(slot)]!.value
        unlink(slot)
        release(slot)
        return value
    }

    /// Removes entries from the oldest end while `predicate` holds; returns how many.
    mutating func removeOldest(while predicate: (Value) -> Bool) -> Int {
        var removed = 0
        while oldest != Self.none, predicate(slots[Int(oldest)]!.value) {
            dropOldest()
            removed += 1
        }
        return removed
    }

    /// Keys from oldest to youngest (tests).
    var keysInOrder: [Key] {
        var keys: [Key] = []
        var slot = oldest
        while slot != Self.none {
            keys.append(slots[Int(slot)]!.key)
            slot = slots[Int(slot)]!.younger
        }
        return keys
    }

    private mutating func dropOldest() {
        let slot = oldest
        index[slots[Int(slot)]!.key] = nil
        unlink(slot)
        release(slot)
    }

    private mutating func unlink(_ slot: Int32) {
        let older = slots[Int(slot)]!.older
        let younger = slots[Int(slot)]!.younger
        if older != Self.none { slots[Int(older)]!.younger = younger } else { oldest = younger }
        if younger != Self.none { slots[Int(younger)]!.older = older } else { youngest = older }
    }

    private mutating func release(_ slot: Int32) {
        slots[Int(slot)] = nil
        free.append(slot)
    }
}
