/// A Rego set: unique members, iterated in OPA's order (sorted), membership hashed.
public struct RegoSet: Sendable {
    @usableFromInline var members: Set<Value>
    @usableFromInline var sortedMembers: [Value]

    public init() {
        members = []
        sortedMembers = []
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Value {
        let members = Set(elements)
        self.members = members
        self.sortedMembers = members.sorted()
    }

    @inlinable public var count: Int { sortedMembers.count }
    @inlinable public var isEmpty: Bool { sortedMembers.isEmpty }
    @inlinable public func contains(_ v: Value) -> Bool { members.contains(v) }

    /// Members in OPA order.
    @inlinable public var sorted: [Value] { sortedMembers }

    public mutating func insert(_ v: Value) {
        if members.insert(v).inserted {
            var lo = 0
            var hi = sortedMembers.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Value.compare(sortedMembers[mid], v) < 0 { lo = mid + 1 } else { hi = mid }
            }
            sortedMembers.insert(v, at: lo)
        }
    }

    public func inserting(_ v: Value) -> RegoSet {
        var copy = self
        copy.insert(v)
        return copy
    }

    public func union(_ other: RegoSet) -> RegoSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        return RegoSet(members.union(other.members))
    }

    public func intersection(_ other: RegoSet) -> RegoSet {
        RegoSet(members.intersection(other.members))
    }

    public func subtracting(_ other: RegoSet) -> RegoSet {
        if other.isEmpty { return self }
        return RegoSet(members.subtracting(other.members))
    }

    public func isSubset(of other: RegoSet) -> Bool { members.isSubset(of: other.members) }
}

extension RegoSet: Sequence {
    @inlinable public func makeIterator() -> IndexingIterator<[Value]> { sortedMembers.makeIterator() }
    @inlinable public var underestimatedCount: Int { count }
}

extension RegoSet: Hashable {
    public static func == (lhs: RegoSet, rhs: RegoSet) -> Bool { lhs.members == rhs.members }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(6 as UInt8)
        hasher.combine(count)
        for v in sortedMembers { v.hash(into: &hasher) }
    }
}
