/// Finds iterations over base data that an index can narrow: a `some … in` over a constant `data`
/// path below every rule, immediately followed by a literal that compares a field of the element
/// (or of its key) with a term that does not depend on the element:
///
///     some p in data.policies          // the iteration
///     input.binary in p.binaries       // membership: probe in field
///
///     some h in data.hosts
///     h.name == input.host             // equality: field == probe (or `=`)
///
/// The collection may also be a constant path below the element of an earlier such iteration
/// in the same body (`some p in data.policies; …; some e in p.endpoints; e.host == input.host`):
/// every element of the outer collection then gets its own index, built together.
///
/// The evaluator then visits only the elements whose field can pass the filter, in the order a
/// full iteration visits them (comprehensions and arrays built from the body depend on it); the
/// filter still runs on each visited element, so the index decides only what may be skipped,
/// never what holds. Only the literal right after the iteration qualifies: skipping an element
/// then skips nothing but that filter's evaluation for it (a field read and a comparison, which
/// cannot print or fail), whereas any literal in between could.
enum ScanIndexPlanner {
    /// `body` (already ordered for safety) with each qualifying iteration marked.
    static func plan(_ body: CBody) -> CBody {
        guard body.count >= 2 else { return body }
        var out = body
        // Slots holding an element of a base-data collection, with that collection's path.
        var elementOf: [Int: [Value]] = [:]
        for i in 0..<(body.count - 1) {
            guard case .someIn(_, let value, let collection) = body[i].kind, body[i].with.isEmpty else { continue }
            let source = self.source(collection, elementOf: elementOf)
            if case .local(let slot) = value, case .base(let path)? = source { elementOf[slot] = path }
            if let source, let site = site(iteration: body[i], filter: body[i + 1], source: source) {
                out[i] = body[i].indexed(by: site)
            }
        }
        return out
    }

    /// Where an iteration's collection comes from, when it is base data.
    private static func source(_ collection: CTerm, elementOf: [Int: [Value]]) -> ScanIndexSite.Source? {
        if let path = baseDataPath(collection) { return .base(path) }
        guard case .ref(.local(let slot), let field) = collection, let outer = elementOf[slot] else { return nil }
        var keys: [Value] = []
        for f in field {
            guard case .constant(let key) = f else { return nil }
            keys.append(key)
        }
        return .eachElement(of: outer, field: keys)
    }

    static func site(iteration: CLiteral, filter: CLiteral, source: ScanIndexSite.Source) -> ScanIndexSite? {
        guard iteration.with.isEmpty, filter.with.isEmpty,
            case .someIn(let key, .local(let valueSlot), _) = iteration.kind
        else { return nil }
        var keySlot: Int? = nil
        if let key {
            guard case .local(let s) = key else { return nil }
            keySlot = s
        }
        guard case .term(.call(.special(let op), let args, _)) = filter.kind, args.count == 2 else { return nil }
        let elementSlots: Set<Int> = keySlot.map { [valueSlot, $0] } ?? [valueSlot]

        func projection(_ t: CTerm) -> (root: ScanIndexSite.Root, field: [Value])? {
            let slot: Int
            var field: [Value] = []
            switch t {
            case .local(let s): slot = s
            case .ref(.local(let s), let path):
                slot = s
                for p in path {
                    guard case .constant(let v) = p else { return nil }
                    field.append(v)
                }
            default: return nil
            }
            if slot == valueSlot { return (.element, field) }
            if slot == keySlot { return (.key, field) }
            return nil
        }

        switch op {
        case .equal, .eq:
            if let (root, field) = projection(args[0]), isProbe(args[1], excluding: elementSlots) {
                return ScanIndexSite(source: source, filter: .equal, root: root, field: field, probe: args[1])
            }
            if let (root, field) = projection(args[1]), isProbe(args[0], excluding: elementSlots) {
                return ScanIndexSite(source: source, filter: .equal, root: root, field: field, probe: args[0])
            }
        case .member2:
            if let (root, field) = projection(args[1]), isProbe(args[0], excluding: elementSlots) {
                return ScanIndexSite(source: source, filter: .member, root: root, field: field, probe: args[0])
            }
        default: break
        }
        return nil
    }

    /// The path of a `data` ref with a constant path that has left the rule tree: base data
    /// only, the same document in every evaluation unless `with` replaces it.
    private static func baseDataPath(_ t: CTerm) -> [Value]? {
        guard case .data(let ref) = t, case .base = ref.resolution else { return nil }
        var path: [Value] = []
        for p in ref.path {
            guard case .constant(let key) = p else { return nil }
            path.append(key)
        }
        return path
    }

    /// A term the evaluator reads as one value without iterating (constants, variables, refs
    /// with such keys) and that names none of the element's variables: its value is the same
    /// for every element.
    private static func isProbe(_ t: CTerm, excluding slots: Set<Int>) -> Bool {
        switch t {
        case .constant, .input: return true
        case .local(let s): return !slots.contains(s)
        case .ref(let head, let path):
            switch head {
            case .local, .input: break
            default: return false
            }
            return isProbe(head, excluding: slots) && path.allSatisfy { isProbe($0, excluding: slots) }
        case .data(let ref): return ref.path.allSatisfy { isProbe($0, excluding: slots) }
        default: return false
        }
    }
}
