/// Narrows the definitions of a rule to those that can match the input, OPA-style: a rule whose
/// body has a literal `input.a.b == "const"` (or `=`) can only hold when the input has that value.
struct RuleIndex: Sendable {
    /// The indexed input path (`["binary"]` for `input.binary`), as keys.
    let inputPath: [Value]
    /// Distinct constants, their `fastHash`es and a table over them.
    private let values: [Value]
    private let hashes: [UInt64]
    private let table: KeyIndex
    /// Per constant, in definition order: the rules requiring it and the unindexed ones, ready
    /// to run (no list is built per evaluation).
    private let candidatesByValue: [[CRule]]
    /// Rules without an indexable literal on `inputPath`: always candidates.
    let unindexed: [CRule]

    /// Candidate rules in definition order for this input.
    func candidates(input: Value?) -> [CRule] {
        var value: Value? = input
        for p in inputPath { value = value?[p] }
        guard let value else { return unindexed }
        let slot: Int?
        if ScanIndex.isHashable(value) {
            slot = table.position(of: value, hash: value.fastHash, in: values, hashes: hashes)
        } else {
            // A composite or huge number: its hash may disagree with `==`; compare one by one.
            slot = values.firstIndex(of: value)
        }
        return slot.map { candidatesByValue[$0] } ?? unindexed
    }

    /// Builds an index when enough rules share one indexable `input` path; nil otherwise.
    static func build(rules: [CRule]) -> RuleIndex? {
        guard rules.count >= 8 else { return nil }
        var keyed: [(Int, [String], Value)] = []
        for (i, rule) in rules.enumerated() {
            guard rule.elseClauses.isEmpty else { return nil }
            if let (path, value) = indexableLiteral(rule.body) { keyed.append((i, path, value)) }
        }
        // Pick the most common path.
        var counts: [[String]: Int] = [:]
        for (_, p, _) in keyed { counts[p, default: 0] += 1 }
        guard let (path, count) = counts.max(by: { $0.value < $1.value }), count * 2 >= rules.count else {
            return nil
        }
        // Constants whose hash may disagree with `==` (composites, huge numbers) stay unindexed:
        // their rules are candidates for every input, and their literal decides.
        var slotOf: [Value: Int] = [:]
        var values: [Value] = []
        var positions: [[Int]] = []
        var indexedRules = Set<Int>()
        for (i, p, v) in keyed where p == path && ScanIndex.isHashable(v) {
            if let slot = slotOf[v] {
                positions[slot].append(i)
            } else {
                slotOf[v] = values.count
                values.append(v)
                positions.append([i])
            }
            indexedRules.insert(i)
        }
        let unindexed = rules.indices.filter { !indexedRules.contains($0) }
        let hashes = values.map(\.fastHash)
        return RuleIndex(
            inputPath: path.map { .string($0) }, values: values, hashes: hashes, table: KeyIndex(hashes: hashes),
            candidatesByValue: positions.map { hits in (hits + unindexed).sorted().map { rules[$0] } },
            unindexed: unindexed.map { rules[$0] })
    }

    /// A body literal `input.p == const` / `const == input.p` / `input.p = const` (not negated,
    /// no `with`), anywhere in the body: if it fails the whole body fails.
    private static func indexableLiteral(_ body: CBody) -> ([String], Value)? {
        for lit in body where lit.with.isEmpty {
            guard case .term(.call(let callee, let args, _)) = lit.kind, args.count == 2 else { continue }
            guard case .special(let s) = callee, s == .equal || s == .eq else { continue }
            if let p = inputPath(args[0]), case .constant(let v) = args[1] { return (p, v) }
            if let p = inputPath(args[1]), case .constant(let v) = args[0] { return (p, v) }
        }
        return nil
    }

    private static func inputPath(_ t: CTerm) -> [String]? {
        guard case .ref(.input, let path) = t else { return nil }
        var out: [String] = []
        for p in path {
            guard case .constant(.string(let s)) = p else { return nil }
            out.append(s)
        }
        return out
    }
}
