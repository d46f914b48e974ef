/// A Rego set: unique members, iterated in OPA's order (sorted). Small sets are searched by
/// binary search; larger ones carry a hash set, built once.
public struct RegoSet: Sendable {
    /// One reference per set, so copying a value costs a single retain. Mutated only through
    /// `isKnownUniquelyReferenced` (copy-on-write), hence never shared while it changes.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var sorted: [Value]
        /// `fastHash` of each member, and a hash index for large sets.
        @usableFromInline var hashes: [UInt64]
        @usableFromInline var members: KeyIndex?

        @usableFromInline init(sorted: [Value]) {
            self.sorted = sorted
            self.hashes = sorted.map(\.fastHash)
            self.members = sorted.count > RegoSet.linearLimit ? KeyIndex(hashes: hashes) : nil
        }

        @usableFromInline init(copying other: Storage) {
            sorted = other.sorted
            hashes = other.hashes
            members = other.members
        }
    }

    @usableFromInline var storage: Storage

    @usableFromInline var sortedMembers: [Value] { storage.sorted }

    @usableFromInline static let linearLimit = 8
    private static let empty = Storage(sorted: [])

    public init() {
        storage = RegoSet.empty
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Value {
        var all = Array(elements)
        all.sort()
        var unique: [Value] = []
        unique.reserveCapacity(all.count)
        for v in all where unique.last != v { unique.append(v) }
        self.init(sorted: unique)
    }

    @usableFromInline init(sorted: [Value]) {
        storage = Storage(sorted: sorted)
    }

    @inlinable public var count: Int { sortedMembers.count }
    @inlinable public var isEmpty: Bool { sortedMembers.isEmpty }

    @inlinable public func contains(_ v: Value) -> Bool {
        let storage = self.storage
        let h = v.fastHash
        if let members = storage.members {
            return members.position(of: v, hash: h, in: storage.sorted, hashes: storage.hashes) != nil
        }
        let hashes = storage.hashes
        for i in hashes.indices where hashes[i] == h && storage.sorted[i] == v { return true }
        return false
    }

    /// Members in OPA order.
    @inlinable public var sorted: [Value] { sortedMembers }

    public mutating func insert(_ v: Value) {
        var lo = 0
        var hi = sortedMembers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Value.compare(sortedMembers[mid], v) < 0 { lo = mid + 1 } else { hi = mid }
        }
        if lo < sortedMembers.count && sortedMembers[lo] == v { return }
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(copying: storage)
        }
        storage.sorted.insert(v, at: lo)
        storage.hashes.insert(v.fastHash, at: lo)
        if storage.sorted.count > RegoSet.linearLimit { storage.members = KeyIndex(hashes: storage.hashes) }
    }

    public func inserting(_ v: Value) -> RegoSet {
        var copy = self
        copy.insert(v)
        return copy
    }

    public func union(_ other: RegoSet) -> RegoSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        // Merge two sorted runs.
        var out: [Value] = []
        out.reserveCapacity(count + other.count)
        var i = 0
        var j = 0
        let a = sortedMembers
        let b = other.sortedMembers
        while i < a.count && j < b.count {
            let c = Value.compare(a[i], b[j])
            if c < 0 {
                out.append(a[i]); i += 1
            } else if c > 0 {
                out.append(b[j]); j += 1
            } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return RegoSet(sorted: out)
    }

    public func intersection(_ other: RegoSet) -> RegoSet {
        RegoSet(sorted: sortedMembers.filter { other.contains($0) })
    }

    public func subtracting(_ other: RegoSet) -> RegoSet {
        if other.isEmpty { return self }
        return RegoSet(sorted: sortedMembers.filter { !other.contains($0) })
    }

    public func isSubset(of other: RegoSet) -> Bool { sortedMembers.allSatisfy { other.contains($0) } }
}

extension RegoSet: Sequence {
    @inlinable public func makeIterator() -> IndexingIterator<[Value]> { sortedMembers.makeIterator() }
    @inlinable public var underestimatedCount: Int { count }
}

extension RegoSet: Hashable {
    public static func == (lhs: RegoSet, rhs: RegoSet) -> Bool {
        lhs.storage === rhs.storage || lhs.sortedMembers == rhs.sortedMembers
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(6 as UInt8)
        hasher.combine(count)
        for v in sortedMembers { v.hash(into: &hasher) }
    }
}
