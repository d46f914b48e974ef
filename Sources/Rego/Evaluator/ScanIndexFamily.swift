/// The scan indexes of one site: one for an iteration over `data.a.b`, or one per element of the
/// outer collection for `some e in p.endpoints` (each `p.endpoints` of base data). Found by the
/// storage address of the collection an evaluation meets; built once, immutable after.
///
/// The addresses are sound keys because every indexed collection is retained by its index, so no
/// other collection can occupy its storage while the family lives; `ScanIndex.covers` checks
/// identity once more.
final class ScanIndexFamily: Sendable {
    /// Storage addresses, ascending, and the index of the collection at each.
    private let addresses: [UInt]
    private let indexes: [ScanIndex]

    var isEmpty: Bool { indexes.isEmpty }

    init(site: ScanIndexSite, baseData: Value) {
        var built: [(UInt, ScanIndex)] = []
        func add(_ collection: Value) {
            let index = ScanIndex(collection: collection, site: site)
            if index.isUsable, let address = ScanIndexFamily.address(of: collection) { built.append((address, index)) }
        }
        switch site.source {
        case .base(let path):
            if let c = ScanIndexFamily.baseValue(baseData, at: path) { add(c) }
        case .eachElement(let path, let field):
            guard let outer = ScanIndexFamily.baseValue(baseData, at: path) else { break }
            ScanIndex.forEachElement(of: outer) { (_, element) in
                // Read as the ref `p.f` reads it: plain lookups, the element being a local's value.
                var v: Value? = element
                for key in field { v = v?[key] }
                if let v { add(v) }
            }
        }
        // One collection can be shared by several elements (equal JSON subtrees are not merged,
        // but documents built in Swift may share storage): keep one index per address.
        built.sort { $0.0 < $1.0 }
        var addresses: [UInt] = []
        var indexes: [ScanIndex] = []
        for (address, index) in built where addresses.last != address {
            addresses.append(address)
            indexes.append(index)
        }
        self.addresses = addresses
        self.indexes = indexes
    }

    /// The index of exactly this collection, if it is one of the family.
    @inline(__always)
    func index(for c: Value) -> ScanIndex? {
        guard !addresses.isEmpty, let address = ScanIndexFamily.address(of: c) else { return nil }
        var lo = 0
        var hi = addresses.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if addresses[mid] < address { lo = mid + 1 } else { hi = mid }
        }
        guard lo < addresses.count, addresses[lo] == address else { return nil }
        let index = indexes[lo]
        return index.covers(c) ? index : nil
    }

    /// Where a collection's elements are stored: the array buffer, or the object's or set's
    /// storage object. Nil for scalars.
    @inline(__always)
    static func address(of c: Value) -> UInt? {
        switch c {
        case .array(let a): return a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        case .object(let o): return UInt(bitPattern: ObjectIdentifier(o.storage))
        case .set(let s): return UInt(bitPattern: ObjectIdentifier(s.storage))
        default: return nil
        }
    }

    /// The value at a constant path of the base document, read as a `data` ref reads base data
    /// (a numeric key finds JSON's string key).
    static func baseValue(_ data: Value, at path: [Value]) -> Value? {
        var v = data
        for key in path {
            guard let child = v[key] ?? Evaluation.jsonKeyLookup(v, key) else { return nil }
            v = child
        }
        return v
    }
}
