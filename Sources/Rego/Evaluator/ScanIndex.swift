/// Positions of a collection's elements by the value of one field (`ScanIndexSite`), so that
/// `some p in data.policies; input.binary in p.binaries` visits only the policies listing the
/// binary. Built once from base data and immutable after: shared by concurrent evaluations.
///
/// Positions are in iteration order (array index, sorted object keys, sorted set members) and
/// each list is ascending, so visiting candidates keeps the order of a full scan.
final class ScanIndex: Sendable {
    /// A lookup costs about what testing one element costs, so only single elements are left
    /// unindexed (`some e in data.policies[3].endpoints` over a handful still gains).
    static let minimumCount = 2

    /// The collection indexed. Evaluations compare the collection they meet with it by identity:
    /// any other document (one replaced by `with`, say) is scanned in full.
    let collection: Value
    /// False when the collection is too small or not a collection: always scan.
    let isUsable: Bool
    /// Distinct field values (or members), their `fastHash`es, and a table over them.
    private let values: [Value]
    private let hashes: [UInt64]
    private let table: KeyIndex?
    /// Ascending positions of the elements holding each of `values`.
    private let positions: [[Int32]]
    /// Elements whose field holds a value that cannot be hashed consistently with Rego equality
    /// (composites, numbers beyond 2^62): candidates for every probe, and rechecked by the filter.
    private let unhashed: [Int32]

    enum Candidates {
        /// The probe cannot be looked up (it is a composite or a huge number): visit everything.
        case all
        /// Ascending positions; possibly empty.
        case positions([Int32])
    }

    init(collection: Value, site: ScanIndexSite) {
        self.collection = collection
        let count: Int
        switch collection {
        case .array(let a): count = a.count
        case .object(let o): count = o.count
        case .set(let s): count = s.count
        default: count = 0
        }
        guard count >= ScanIndex.minimumCount, count <= Int(Int32.max) else {
            isUsable = false
            values = []
            hashes = []
            table = nil
            positions = []
            unhashed = []
            return
        }

        var slotOf: [Value: Int] = [:]
        var values: [Value] = []
        var positions: [[Int32]] = []
        var unhashed: [Int32] = []
        func add(_ v: Value, _ position: Int32) {
            guard ScanIndex.isHashable(v) else {
                if unhashed.last != position { unhashed.append(position) }
                return
            }
            if let slot = slotOf[v] {
                if positions[slot].last != position { positions[slot].append(position) }
            } else {
                slotOf[v] = values.count
                values.append(v)
                positions.append([position])
            }
        }
        var position: Int32 = 0
        ScanIndex.forEachElement(of: collection) { (key, element) in
            defer { position += 1 }
            var field: Value? = site.root == .key ? key : element
            for f in site.field { field = field?[f] }
            guard let field else { return }
            switch site.filter {
            case .equal: add(field, position)
            case .member:
                // What `x in c` tests: array elements, set members, object values.
                switch field {
                case .array(let a): for m in a { add(m, position) }
                case .set(let s): for m in s { add(m, position) }
                case .object(let o): for (_, m) in o { add(m, position) }
                default: break
                }
            }
        }
        let hashes = values.map(\.fastHash)
        self.isUsable = true
        self.values = values
        self.hashes = hashes
        self.table = KeyIndex(hashes: hashes)
        self.positions = positions
        self.unhashed = unhashed
    }

    /// Whether this index describes `c` (the very same storage, not merely an equal value).
    func covers(_ c: Value) -> Bool {
        switch (collection, c) {
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            return x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in px.baseAddress == py.baseAddress }
            }
        case (.object(let x), .object(let y)): return x.storage === y.storage
        case (.set(let x), .set(let y)): return x.storage === y.storage
        default: return false
        }
    }

    /// Positions of the elements that can pass the filter with this probe value.
    func candidates(_ probe: Value) -> Candidates {
        guard ScanIndex.isHashable(probe), let table else { return .all }
        var hits: [Int32] = []
        if let slot = table.position(of: probe, hash: probe.fastHash, in: values, hashes: hashes) {
            hits = positions[slot]
        }
        if unhashed.isEmpty { return .positions(hits) }
        return .positions(ScanIndex.mergeAscending(hits, unhashed))
    }

    /// Scalars whose `fastHash` agrees with `==`: every number up to 2^62 in magnitude (an integral
    /// double is stored as an integer, so `1 == 1.0` hash alike), strings, booleans, null. Beyond
    /// 2^62 an integer and a double can be equal yet hash apart; composites are not looked up.
    static func isHashable(_ v: Value) -> Bool {
        switch v {
        case .null, .bool, .string: return true
        case .number(let n):
            switch n.storage {
            case .int(let i): return i.magnitude < 1 << 62
            case .double(let d): return d.magnitude < 0x1p62
            }
        case .array, .object, .set: return false
        }
    }

    static func mergeAscending(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let next: Int32
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if out.last != next { out.append(next) }
        }
        return out
    }

    /// Elements in iteration order with their keys, as `some k, v in c` binds them.
    static func forEachElement(of collection: Value, _ f: (Value, Value) -> Void) {
        switch collection {
        case .array(let a): for (i, e) in a.enumerated() { f(.int(i), e) }
        case .object(let o): for (k, v) in o { f(k, v) }
        case .set(let s): for m in s { f(m, m) }
        default: break
        }
    }
}
