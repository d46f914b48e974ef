/// A Rego object: keys are any `Value`, iteration is in OPA's key order (sorted), lookup is hashed.
///
/// Immutable from the outside; "mutating" operations return new objects sharing storage where they
/// can. Keys are kept sorted so iteration, printing and comparison are deterministic and agree
/// with `opa`, which also iterates objects in sorted key order.
public struct RegoObject: Sendable {
    @usableFromInline var index: [Value: Value]
    @usableFromInline var sortedKeys: [Value]

    public init() {
        index = [:]
        sortedKeys = []
    }

    /// Builds an object from pairs; a later pair with an equal key replaces the earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (Value, Value) {
        var index: [Value: Value] = [:]
        for (k, v) in pairs { index[k] = v }
        self.index = index
        self.sortedKeys = index.keys.sorted()
    }

    /// Builds an object from string keys (the JSON common case).
    public init(_ pairs: [(String, Value)]) {
        self.init(pairs.lazy.map { (Value.string($0.0), $0.1) })
    }

    init(index: [Value: Value]) {
        self.index = index
        self.sortedKeys = index.keys.sorted()
    }

    @inlinable public var count: Int { sortedKeys.count }
    @inlinable public var isEmpty: Bool { sortedKeys.isEmpty }

    @inlinable public subscript(key: Value) -> Value? { index[key] }
    @inlinable public subscript(key: String) -> Value? { index[.string(key)] }

    /// Keys in OPA order.
    @inlinable public var keys: [Value] { sortedKeys }

    /// Values in the order of their keys.
    public var values: [Value] { sortedKeys.map { index[$0]! } }

    public func inserting(_ value: Value, forKey key: Value) -> RegoObject {
        var copy = self
        copy.insert(value, forKey: key)
        return copy
    }

    public mutating func insert(_ value: Value, forKey key: Value) {
        if index.updateValue(value, forKey: key) == nil {
            sortedKeys.insert(key, at: insertionPoint(of: key))
        }
    }

    public func removing(_ key: Value) -> RegoObject {
        guard index[key] != nil else { return self }
        var copy = self
        copy.index[key] = nil
        copy.sortedKeys.remove(at: copy.insertionPoint(of: key))
        return copy
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
            let d = Value.compare(a.index[a.sortedKeys[i]]!, b.index[b.sortedKeys[i]]!)
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
            let key = object.sortedKeys[position]
            position += 1
            return (key, object.index[key]!)
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(self) }
    @inlinable public var underestimatedCount: Int { count }
}

extension RegoObject: Hashable {
    public static func == (lhs: RegoObject, rhs: RegoObject) -> Bool { lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(5 as UInt8)
        hasher.combine(count)
        for (k, v) in self {
            k.hash(into: &hasher)
            v.hash(into: &hasher)
        }
    }
}
