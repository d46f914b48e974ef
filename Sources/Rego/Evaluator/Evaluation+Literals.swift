/// Bodies and literals: the backtracking core. Each solution of a literal calls the continuation
/// (the rest of the body); bindings made for it are undone before the next one.
extension Evaluation {
    func evalBody(_ body: CBody, _ i: Int, _ k: Continuation) throws(RegoError) -> Bool {
        if i == body.count { return try k() }
        return try evalLiteral(body[i]) { () throws(RegoError) -> Bool in try self.evalBody(body, i + 1, k) }
    }

    func evalLiteral(_ lit: CLiteral, applyingWith: Bool = true, _ k: Continuation) throws(RegoError) -> Bool {
        if applyingWith && !lit.with.isEmpty { return try evalWith(lit, k) }
        try step(lit.location)
        switch lit.kind {
        case .noop:
            return try k()
        case .term(let t):
            if lit.reportsValue {
                return try evalTerm(t) { (v) throws(RegoError) -> Bool in try self.recordResult(lit.resultSlot, v, k) }
            }
            return try evalExpression(t, resultSlot: lit.resultSlot, k)
        case .not(let body):
            let mark = trail.count
            let found = try evalBody(body, 0) { () throws(RegoError) -> Bool in true }
            undo(to: mark)
            if found { return false }
            return try recordResult(lit.resultSlot, .true, k)
        case .someIn(let key, let value, let collection):
            if let site = lit.scanIndex {
                return try evalIndexedSomeIn(lit, site, key: key, value: value, collection: collection, k)
            }
            return try evalTerm(collection) { (c) throws(RegoError) -> Bool in
                try self.forEachElement(of: c) { (elementKey, element) throws(RegoError) -> Bool in
                    try self.visitElement(lit, key: key, value: value, elementKey, element, k)
                }
            }
        case .every(let key, let value, let domain, let body, _):
            // An undefined or non-collection domain makes `every` fail, as in OPA.
            var holds = false
            _ = try evalTerm(domain) { (d) throws(RegoError) -> Bool in
                holds = d.isCollection ? try self.everyHolds(key: key, value: value, domain: d, body: body) : false
                return true
            }
            guard holds else { return false }
            return try recordResult(lit.resultSlot, .true, k)
        }
    }

    /// One element of `some key, value in c`: binds the patterns, then runs the rest of the body.
    @inline(__always)
    func visitElement(
        _ lit: CLiteral, key: CTerm?, value: CTerm, _ elementKey: Value, _ element: Value, _ k: Continuation
    ) throws(RegoError) -> Bool {
        try unify(value, element) { () throws(RegoError) -> Bool in
            guard let key else { return try self.recordResult(lit.resultSlot, .true, k) }
            return try self.unify(key, elementKey) { () throws(RegoError) -> Bool in
                try self.recordResult(lit.resultSlot, .true, k)
            }
        }
    }

    private func everyHolds(key: CTerm?, value: CTerm, domain: Value, body: CBody) throws(RegoError) -> Bool {
        var holds = true
        _ = try forEachElement(of: domain) { (elementKey, element) throws(RegoError) -> Bool in
            let mark = self.trail.count
            let ok = try self.unify(value, element) { () throws(RegoError) -> Bool in
                if let key {
                    return try self.unify(key, elementKey) { () throws(RegoError) -> Bool in
                        try self.evalBody(body, 0) { () throws(RegoError) -> Bool in true }
                    }
                }
                return try self.evalBody(body, 0) { () throws(RegoError) -> Bool in true }
            }
            self.undo(to: mark)
            if !ok {
                holds = false
                return true
            }
            return false
        }
        return holds
    }

    /// Calls `f(key, value)` for each element: array (index, element), object (key, value),
    /// set (member, member). Scalars have no elements.
    @inline(__always)
    func forEachElement(of collection: Value, _ f: (Value, Value) throws(RegoError) -> Bool) throws(RegoError) -> Bool {
        switch collection {
        case .array(let a):
            for (i, e) in a.enumerated() where try f(.int(i), e) { return true }
        case .object(let o):
            for (key, v) in o where try f(key, v) { return true }
        case .set(let s):
            for e in s where try f(e, e) { return true }
        default: break
        }
        return false
    }

    @inline(__always)
    func recordResult(_ slot: Int, _ value: Value, _ k: Continuation) throws(RegoError) -> Bool {
        if slot < 0 { return try k() }
        let mark = trail.count
        bind(slot, value)
        let r = try k()
        undo(to: mark)
        return r
    }

    /// A term used as an expression: unification, assignment and comparisons succeed or fail;
    /// any other term must be defined and not `false`.
    func evalExpression(_ t: CTerm, resultSlot: Int, _ k: Continuation) throws(RegoError) -> Bool {
        if case .call(.special(let s), let args, let location) = t {
            switch s {
            case .eq, .assign:
                return try unifyTerms(args[0], args[1], location: location) { () throws(RegoError) -> Bool in
                    try self.recordResult(resultSlot, .true, k)
                }
            case .equal, .neq, .lt, .lte, .gt, .gte:
                switch (try fastValue(args[0]), try fastValue(args[1])) {
                case (.value(let a), .value(let b)):
                    guard Evaluation.compare(s, a, b) else { return false }
                    return try recordResult(resultSlot, .true, k)
                case (.undefined, _), (_, .undefined):
                    return false
                default: break
                }
                // Evaluate first the side that can bind variables the other one needs
                // (`foo == input.foos[foo]`).
                let swap = !isGround(args[0])
                return try evalTerm(args[swap ? 1 : 0]) { (first) throws(RegoError) -> Bool in
                    try self.evalTerm(args[swap ? 0 : 1]) { (second) throws(RegoError) -> Bool in
                        guard Evaluation.compare(s, swap ? second : first, swap ? first : second) else { return false }
                        return try self.recordResult(resultSlot, .true, k)
                    }
                }
            case .member2:
                switch (try fastValue(args[0]), try fastValue(args[1])) {
                case (.value(let x), .value(let c)):
                    guard Evaluation.contains(c, x) else { return false }
                    return try recordResult(resultSlot, .true, k)
                case (.undefined, _), (_, .undefined):
                    return false
                default: break
                }
            default: break
            }
        }
        return try evalTerm(t) { (v) throws(RegoError) -> Bool in
            if case .bool(false) = v { return false }
            return try self.recordResult(resultSlot, v, k)
        }
    }

    @inline(__always)
    static func compare(_ op: SpecialCall, _ a: Value, _ b: Value) -> Bool {
        switch op {
        case .equal: return a == b
        case .neq: return a != b
        case .lt: return Value.compare(a, b) < 0
        case .lte: return Value.compare(a, b) <= 0
        case .gt: return Value.compare(a, b) > 0
        case .gte: return Value.compare(a, b) >= 0
        default: return false
        }
    }
}
