/// Orders a body so that every literal runs after the literals that bind its inputs, keeping the
/// written order wherever it is already safe (OPA's reordering for safety).
struct Scheduler {
    let layout: FrameLayout
    let scope: Int

    func order(_ body: CBody, bound initiallyBound: Set<Int> = []) -> CBody {
        if body.count < 2 { return body }
        let needs = body.map(needAlternatives)
        let binds = body.map(bindings)
        var bound = initiallyBound
        var remaining = Array(body.indices)
        var ordered: CBody = []
        ordered.reserveCapacity(body.count)
        while !remaining.isEmpty {
            // The first literal whose inputs are bound; if none is, keep the written order and let
            // evaluation report the unsafe variable.
            let pick =
                remaining.firstIndex { i in needs[i].contains { $0.isSubset(of: bound) } } ?? 0
            let i = remaining.remove(at: pick)
            ordered.append(body[i])
            bound.formUnion(binds[i])
        }
        return ordered
    }

    // MARK: Needs

    /// Sets of slots of which one must be fully bound before the literal can run.
    func needAlternatives(_ lit: CLiteral) -> [Set<Int>] {
        var withNeeds = Set<Int>()
        for w in lit.with { withNeeds.formUnion(valueNeeds(w.value)) }
        switch lit.kind {
        case .noop: return [withNeeds]
        case .term(.call(.special(let s), let args, _)) where (s == .eq || s == .assign) && args.count == 2:
            let a = valueNeeds(args[1]).union(patternNeeds(args[0])).union(withNeeds)
            let b = valueNeeds(args[0]).union(patternNeeds(args[1])).union(withNeeds)
            return [a, b]
        case .term(let t):
            return [valueNeeds(t).union(withNeeds)]
        case .someIn(let key, let value, let collection):
            var n = valueNeeds(collection).union(patternNeeds(value)).union(withNeeds)
            if let key { n.formUnion(patternNeeds(key)) }
            return [n]
        case .every(let key, let value, let domain, let body, _):
            var used = valueNeeds(domain)
            if let key { used.formUnion(usedSlots(key)) }
            used.formUnion(usedSlots(value))
            for l in body { used.formUnion(usedSlots(l)) }
            return [own(used).union(withNeeds)]
        case .not(let body):
            var used = Set<Int>()
            for l in body { used.formUnion(usedSlots(l)) }
            return [own(used).union(withNeeds)]
        }
    }

    /// Slots this scope owns (not wildcards, not nested scopes' locals).
    func own(_ slots: Set<Int>) -> Set<Int> {
        slots.filter { layout.slotOwner[$0] == scope && !layout.wildcards.contains($0) }
    }

    /// Slots that must be bound to evaluate `t` as a value. Variables in ref paths are outputs
    /// (iteration binds them), so they are not needed.
    func valueNeeds(_ t: CTerm) -> Set<Int> {
        var out = Set<Int>()
        collectValueNeeds(t, into: &out)
        return own(out)
    }

    private func collectValueNeeds(_ t: CTerm, into out: inout Set<Int>) {
        switch t {
        case .constant, .input: break
        case .local(let s): out.insert(s)
        case .data(let ref):
            for p in ref.path { collectPathNeeds(p, into: &out) }
        case .ref(let head, let path):
            collectValueNeeds(head, into: &out)
            for p in path { collectPathNeeds(p, into: &out) }
        case .array(let items), .set(let items):
            for i in items { collectValueNeeds(i, into: &out) }
        case .object(let items):
            for i in items {
                collectValueNeeds(i.key, into: &out)
                collectValueNeeds(i.value, into: &out)
            }
        case .arrayComprehension(_, let body), .setComprehension(_, let body), .objectComprehension(_, _, let body):
            // Outer variables the comprehension can bind by itself (`{x | xs[x]}`) are not
            // needed from outside: unbound, the comprehension iterates over them.
            out.formUnion(usedSlots(t).subtracting(outputSlots(body)))
        case .call(_, let args, _):
            for a in args { collectValueNeeds(a, into: &out) }
        case .template(let parts, _):
            for part in parts {
                switch part {
                case .text: break
                case .term(let e): collectValueNeeds(e, into: &out)
                case .literal(let lit): out.formUnion(usedSlots(lit))
                }
            }
        }
    }

    private func collectPathNeeds(_ t: CTerm, into out: inout Set<Int>) {
        switch t {
        case .local: break
        case .array(let items):
            for i in items { collectPathNeeds(i, into: &out) }
        default: collectValueNeeds(t, into: &out)
        }
    }

    /// Slots needed to unify `t` as a pattern: variables are outputs, but refs and calls inside
    /// the pattern must be evaluated.
    func patternNeeds(_ t: CTerm) -> Set<Int> {
        switch t {
        case .local, .constant: return []
        case .array(let items), .set(let items):
            return items.reduce(into: Set<Int>()) { $0.formUnion(patternNeeds($1)) }
        case .object(let items):
            return items.reduce(into: Set<Int>()) {
                $0.formUnion(valueNeeds($1.key))
                $0.formUnion(patternNeeds($1.value))
            }
        default: return valueNeeds(t)
        }
    }

    // MARK: Bindings

    /// Slots of this scope bound once the literal has succeeded.
    func bindings(_ lit: CLiteral) -> Set<Int> {
        switch lit.kind {
        case .noop, .not, .every: return []
        case .term(let t): return ownAll(shallowSlots(t))
        case .someIn(let key, let value, let collection):
            var s = shallowSlots(value).union(shallowSlots(collection))
            if let key { s.formUnion(shallowSlots(key)) }
            return ownAll(s)
        }
    }

    private func ownAll(_ slots: Set<Int>) -> Set<Int> {
        slots.filter { layout.slotOwner[$0] == scope }
    }

    /// Slots appearing in a term outside nested bodies.
    func shallowSlots(_ t: CTerm) -> Set<Int> {
        var out = Set<Int>()
        walkShallow(t) { out.insert($0) }
        return out
    }

    private func walkShallow(_ t: CTerm, _ f: (Int) -> Void) {
        switch t {
        case .constant, .input: break
        case .local(let s): f(s)
        case .data(let ref):
            for p in ref.path { walkShallow(p, f) }
        case .ref(let head, let path):
            walkShallow(head, f)
            for p in path { walkShallow(p, f) }
        case .array(let items), .set(let items):
            for i in items { walkShallow(i, f) }
        case .object(let items):
            for i in items {
                walkShallow(i.key, f)
                walkShallow(i.value, f)
            }
        case .arrayComprehension, .setComprehension, .objectComprehension: break
        case .call(_, let args, _):
            for a in args { walkShallow(a, f) }
        case .template(let parts, _):
            for case .term(let e) in parts { walkShallow(e, f) }
        }
    }

    // MARK: Output positions

    /// Slots a body can bind itself: unification targets, `some … in` variables and variables
    /// in ref paths.
    func outputSlots(_ body: CBody) -> Set<Int> {
        var out = Set<Int>()
        for lit in body {
            switch lit.kind {
            case .term(.call(.special(let s), let args, _)) where s == .eq || s == .assign:
                for a in args { collectPatternSlots(a, into: &out) }
            case .term(let t):
                collectRefPathSlots(t, into: &out)
            case .someIn(let k, let v, let c):
                if let k { collectPatternSlots(k, into: &out) }
                collectPatternSlots(v, into: &out)
                collectRefPathSlots(c, into: &out)
            case .noop, .not, .every: break
            }
        }
        return out
    }

    private func collectPatternSlots(_ t: CTerm, into out: inout Set<Int>) {
        switch t {
        case .local(let s): out.insert(s)
        case .array(let items), .set(let items):
            for i in items { collectPatternSlots(i, into: &out) }
        case .object(let items):
            for i in items { collectPatternSlots(i.value, into: &out) }
        default: collectRefPathSlots(t, into: &out)
        }
    }

    private func collectRefPathSlots(_ t: CTerm, into out: inout Set<Int>) {
        switch t {
        case .constant, .input, .local: break
        case .data(let ref):
            for p in ref.path {
                if case .local(let s) = p { out.insert(s) } else { collectRefPathSlots(p, into: &out) }
            }
        case .ref(let head, let path):
            collectRefPathSlots(head, into: &out)
            for p in path {
                if case .local(let s) = p { out.insert(s) } else { collectRefPathSlots(p, into: &out) }
            }
        case .array(let items), .set(let items):
            for i in items { collectRefPathSlots(i, into: &out) }
        case .object(let items):
            for i in items {
                collectRefPathSlots(i.key, into: &out)
                collectRefPathSlots(i.value, into: &out)
            }
        case .arrayComprehension, .setComprehension, .objectComprehension: break
        case .call(_, let args, _):
            for a in args { collectRefPathSlots(a, into: &out) }
        case .template(let parts, _):
            for case .term(let e) in parts { collectRefPathSlots(e, into: &out) }
        }
    }

    // MARK: All slots (including nested bodies)

    func usedSlots(_ t: CTerm) -> Set<Int> {
        var out = Set<Int>()
        collectAll(t, into: &out)
        return out
    }

    func usedSlots(_ lit: CLiteral) -> Set<Int> {
        var out = Set<Int>()
        collectAll(lit, into: &out)
        return out
    }

    private func collectAll(_ lit: CLiteral, into out: inout Set<Int>) {
        for w in lit.with { collectAll(w.value, into: &out) }
        switch lit.kind {
        case .noop: break
        case .term(let t): collectAll(t, into: &out)
        case .someIn(let k, let v, let c):
            if let k { collectAll(k, into: &out) }
            collectAll(v, into: &out)
            collectAll(c, into: &out)
        case .every(let k, let v, let d, let body, _):
            if let k { collectAll(k, into: &out) }
            collectAll(v, into: &out)
            collectAll(d, into: &out)
            for l in body { collectAll(l, into: &out) }
        case .not(let body):
            for l in body { collectAll(l, into: &out) }
        }
    }

    private func collectAll(_ t: CTerm, into out: inout Set<Int>) {
        switch t {
        case .constant, .input: break
        case .local(let s): out.insert(s)
        case .data(let ref):
            for p in ref.path { collectAll(p, into: &out) }
        case .ref(let head, let path):
            collectAll(head, into: &out)
            for p in path { collectAll(p, into: &out) }
        case .array(let items), .set(let items):
            for i in items { collectAll(i, into: &out) }
        case .object(let items):
            for i in items {
                collectAll(i.key, into: &out)
                collectAll(i.value, into: &out)
            }
        case .arrayComprehension(let h, let body), .setComprehension(let h, let body):
            collectAll(h, into: &out)
            for l in body { collectAll(l, into: &out) }
        case .objectComprehension(let k, let v, let body):
            collectAll(k, into: &out)
            collectAll(v, into: &out)
            for l in body { collectAll(l, into: &out) }
        case .call(_, let args, _):
            for a in args { collectAll(a, into: &out) }
        case .template(let parts, _):
            for part in parts {
                switch part {
                case .text: break
                case .term(let e): collectAll(e, into: &out)
                case .literal(let lit): collectAll(lit, into: &out)
                }
            }
        }
    }
}
