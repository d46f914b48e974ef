/// Narrows the definitions of a rule to those that can match the input, OPA-style: a rule whose
/// body has a literal `input.a.b == "const"` (or `=`) can only hold when the input has that value.
struct RuleIndex: Sendable {
    /// The indexed input path (`["binary"]` for `input.binary`).
    let inputPath: [String]
    /// Positions (into `RuleSet.rules`) of the rules requiring each value.
    let candidatesByValue: [Value: [Int]]
    /// Rules without an indexable literal on `inputPath`: always candidates.
    let unindexed: [Int]

    /// Candidate rule positions in definition order for this input.
    func candidates(input: Value?) -> [Int] {
        var value: Value? = input
        for p in inputPath { value = value?[.string(p)] }
        guard let value, let hits = candidatesByValue[value] else { return unindexed }
        if unindexed.isEmpty { return hits }
        return (hits + unindexed).sorted()
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
        var byValue: [Value: [Int]] = [:]
        var indexedRules = Set<Int>()
        for (i, p, v) in keyed where p == path {
            byValue[v, default: []].append(i)
            indexedRules.insert(i)
        }
        let unindexed = rules.indices.filter { !indexedRules.contains($0) }
        return RuleIndex(inputPath: path, candidatesByValue: byValue, unindexed: unindexed)
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
