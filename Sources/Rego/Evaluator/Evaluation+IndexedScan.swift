/// `some … in` over base data through a `ScanIndex`: only the elements whose field can pass the
/// next literal are visited. Whenever the index cannot answer (the collection is not the one it
/// was built from, the probe is not a single value, a variable is already bound), every element
/// is visited as usual; either way the filter literal itself still decides.
extension Evaluation {
    func evalIndexedSomeIn(
        _ lit: CLiteral, _ site: ScanIndexSite, key: CTerm?, value: CTerm, collection: CTerm, _ k: Continuation
    ) throws(RegoError) -> Bool {
        let c: Value
        switch try fastValue(collection) {
        case .value(let v): c = v
        case .undefined: return false
        case .general:
            return try evalTerm(collection) { (c) throws(RegoError) -> Bool in
                try self.visitAll(lit, key: key, value: value, of: c, k)
            }
        }
        // A usable index covers a non-empty collection: a full scan would evaluate the probe
        // too (in the filter, for the first element), so evaluating it here adds no error.
        guard let index = scanIndex(site, for: c), elementPatternsAreFree(key: key, value: value) else {
            return try visitAll(lit, key: key, value: value, of: c, k)
        }
        let probe: Value
        switch try fastValue(site.probe) {
        case .value(let v): probe = v
        case .undefined: return false  // the filter fails for every element
        case .general: return try visitAll(lit, key: key, value: value, of: c, k)
        }
        guard case .positions(let positions) = index.candidates(probe) else {
            return try visitAll(lit, key: key, value: value, of: c, k)
        }
        switch c {
        case .array(let a):
            for p in positions {
                let i = Int(p)
                if try visitElement(lit, key: key, value: value, .int(i), a[i], k) { return true }
            }
        case .object(let o):
            let keys = o.storage.keys
            let values = o.storage.values
            for p in positions {
                let i = Int(p)
                if try visitElement(lit, key: key, value: value, keys[i], values[i], k) { return true }
            }
        case .set(let s):
            let members = s.sortedMembers
            for p in positions {
                let m = members[Int(p)]
                if try visitElement(lit, key: key, value: value, m, m, k) { return true }
            }
        default: break
        }
        return false
    }

    private func visitAll(_ lit: CLiteral, key: CTerm?, value: CTerm, of c: Value, _ k: Continuation)
        throws(RegoError) -> Bool
    {
        try forEachElement(of: c) { (elementKey, element) throws(RegoError) -> Bool in
            try self.visitElement(lit, key: key, value: value, elementKey, element, k)
        }
    }

    /// The site's index for `c` when it has one. Built on first use from the base document the
    /// policy was compiled with, never from one `with` put in its place; `c` is whatever this
    /// evaluation reads, so under `with data.… as …` it may be another document, which the
    /// identity check turns away.
    @inline(__always)
    private func scanIndex(_ site: ScanIndexSite, for c: Value) -> ScanIndex? {
        site.indexes { ScanIndexFamily(site: site, baseData: baseData) }.index(for: c)
    }

    /// The element and key variables are still unbound, so binding them cannot fail; a bound one
    /// would filter too, and the full scan handles that.
    @inline(__always)
    private func elementPatternsAreFree(key: CTerm?, value: CTerm) -> Bool {
        guard case .local(let v) = value, slots[base + v] == nil else { return false }
        if case .local(let s)? = key { return slots[base + s] == nil }
        return key == nil
    }
}
