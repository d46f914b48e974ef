/// A Rego object: keys are any `Value`, iteration is in OPA's key order (sorted).
///
/// Immutable from the outside; "mutating" operations return new objects sharing storage where they
/// can. Keys are kept sorted so iteration, printing and comparison are deterministic and agree
/// with `opa`, which also iterates objects in sorted key order. Small objects (most inputs and
/// policy entries) are searched linearly; larger ones carry a hash index, built once.
public struct RegoObject: Sendable {
    /// One reference per object, so copying a value costs a single retain. Mutated only through
    /// `isKnownUniquelyReferenced` (copy-on-write), hence never shared while it changes.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var keys: [Value]
        @usableFromInline var values: [Value]
        /// `fastHash` of each key: lookups compare integers and check bytes only on a match.
        @usableFromInline var hashes: [UInt64]
        /// Hash → position, for objects above `linearLimit` keys.
        @usableFromInline var index: KeyIndex?

        @usableFromInline init(keys: [Value], values: [Value]) {
            self.keys = keys
            self.values = values
            self.hashes = keys.map(\.fastHash)
            self.index = keys.count > RegoObject.linearLimit ? KeyIndex(hashes: hashes) : nil
        }

        @usableFromInline init(copying other: Storage) {
            keys = other.keys
            values = other.values
            hashes = other.hashes
            index = other.index
        }
    }

    @usableFromInline var storage: Storage

    @usableFromInline var sortedKeys: [Value] {
        get { storage.keys }
        set { uniqueStorage().keys = newValue }
    }
    @usableFromInline var sortedValues: [Value] {
        get { storage.values }
        set { uniqueStorage().values = newValue }
    }
    @usableFromInline mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(copying: storage)
        }
        return storage
    }

    @usableFromInline static let linearLimit = 8
    private static let empty = Storage(keys: [], values: [])

    public init() {
        storage = RegoObject.empty
    }

    /// Builds an object from pairs; a later pair with an equal key replaces the earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (Value, Value) {
        var entries: [(Value, Value)] = []
        entries.reserveCapacity(pairs.underestimatedCount)
        for p in pairs { entries.append(p) }
        // Stable sort keeps the later of equal keys last; then keep the last of each run.
        let order = entries.indices.sorted { a, b in
            let c = Value.compare(entries[a].0, entries[b].0)
            return c < 0 || (c == 0 && a < b)
        }
        var keys: [Value] = []
        var values: [Value] = []
        keys.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        for i in order {
            if let last = keys.last, last == entries[i].0 {
                values[values.count - 1] = entries[i].1
            } else {
                keys.append(entries[i].0)
                values.append(entries[i].1)
            }
        }
        self.init(sortedKeys: keys, sortedValues: values)
    }

    /// Builds an object from pairs where equal keys must carry equal values (comprehensions,
    /// rule outputs); nil when two pairs give one key different values.
    public init?(uniqueKeys pairs: [(Value, Value)]) {
        let order = pairs.indices.sorted { a, b in Value.compare(pairs[a].0, pairs[b].0) < 0 }
        var keys: [Value] = []
        var values: [Value] = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for i in order {
            if let last = keys.last, last == pairs[i].0 {
                if values[values.count - 1] != pairs[i].1 { return nil }
                continue
            }
            keys.append(pairs[i].0)
            values.append(pairs[i].1)
        }
        self.init(sortedKeys: keys, sortedValues: values)
    }

    /// Builds an object from string keys (the JSON common case).
    public init(_ pairs: [(String, Value)]) {
        self.init(pairs.lazy.map { (Value.string($0.0), $0.1) })
    }

    @usableFromInline init(sortedKeys: [Value], sortedValues: [Value]) {
        storage = Storage(keys: sortedKeys, values: sortedValues)
    }

    @inlinable public var count: Int { sortedKeys.count }
    @inlinable public var isEmpty: Bool { sortedKeys.isEmpty }

    /// Position of `key` in the sorted keys, or nil.
    @inlinable func position(of key: Value) -> Int? {
        let storage = self.storage
        if storage.index == nil, case .string(let s) = key {
            // Keys of up to 15 bytes are stored inline, so an equal short key has identical bits
            // and is found without hashing; anything else falls through to the hashes.
            let bits = Value.rawBits(s)
            let keys = storage.keys
            for i in keys.indices {
                if case .string(let k) = keys[i], Value.rawBits(k) == bits { return i }
            }
        }
        let h = key.fastHash
        if let index = storage.index {
            return index.position(of: key, hash: h, in: storage.keys, hashes: storage.hashes)
        }
        let hashes = storage.hashes
        for i in hashes.indices where hashes[i] == h && storage.keys[i] == key { return i }
        return nil
    }

    @inlinable public subscript(key: Value) -> Value? {
        guard let i = position(of: key) else { return nil }
        return storage.values[i]
    }

    @inlinable public subscript(key: String) -> Value? { self[.string(key)] }

    /// Keys in OPA order.
    @inlinable public var keys: [Value] { sortedKeys }

    /// Values in the order of their keys.
    @inlinable public var values: [Value] { sortedValues }

    public func inserting(_ value: Value, forKey key: Value) -> RegoObject {
        var copy = self
        copy.insert(value, forKey: key)
        return copy
    }

    public mutating func insert(_ value: Value, forKey key: Value) {
        let found = position(of: key)
        let storage = uniqueStorage()
        if let i = found {
            storage.values[i] = value
            return
        }
        let at = insertionPoint(of: key)
        storage.keys.insert(key, at: at)
        storage.values.insert(value, at: at)
        storage.hashes.insert(key.fastHash, at: at)
        if storage.keys.count > RegoObject.linearLimit { storage.index = KeyIndex(hashes: storage.hashes) }
    }

    public func removing(_ key: Value) -> RegoObject {
        guard let i = position(of: key) else { return self }
        var keys = sortedKeys
        var values = sortedValues
        keys.remove(at: i)
        values.remove(at: i)
        return RegoObject(sortedKeys: keys, sortedValues: values)
    }

    /// Binary search in the sorted keys: the index of `key` if present, else where it would go.
    @usableFromInline func insertionPoint(of key: Value) -> Int {
        var lo = 0
        var hi = sortedKeys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Value.compare(sortedKeys[mid], key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func compare(_ a: RegoObject, _ b: RegoObject) -> Int {
        let n = Swift.min(a.count, b.count)
        for i in 0..<n {
            let c = Value.compare(a.sortedKeys[i], b.sortedKeys[i])
            if c != 0 { return c }
            let d = Value.compare(a.sortedValues[i], b.sortedValues[i])
            if d != 0 { return d }
        }
        return a.count - b.count
    }
}

extension RegoObject: Sequence {
    public struct Iterator: IteratorProtocol {
        @usableFromInline let object: RegoObject
        @usableFromInline var position = 0
        @inlinable init(_ object: RegoObject) { self.object = object }
        @inlinable public mutating func next() -> (key: Value, value: Value)? {
            guard position < object.sortedKeys.count else { return nil }
            defer { position += 1 }
            return (object.sortedKeys[position], object.sortedValues[position])
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(self) }
    @inlinable public var underestimatedCount: Int { count }
}

extension RegoObject: Hashable {
    public static func == (lhs: RegoObject, rhs: RegoObject) -> Bool {
        // Keys are sorted, so equal objects have equal key and value arrays.
        lhs.storage === rhs.storage || (lhs.sortedKeys == rhs.sortedKeys && lhs.sortedValues == rhs.sortedValues)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(5 as UInt8)
        hasher.combine(count)
        for i in sortedKeys.indices {
            sortedKeys[i].hash(into: &hasher)
            sortedValues[i].hash(into: &hasher)
        }
    }
}
