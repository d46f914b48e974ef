/// Unification: binds the variables of a pattern so it equals a value (`[x, 1] = [2, y]`,
/// `{"a": x} = input`, `x := f(y)`).
extension Evaluation {
    /// Unifies pattern `p` with value `v`, calling `k` for the (single) resulting binding.
    func unify(_ p: CTerm, _ v: Value, _ k: Continuation) throws(RegoError) -> Bool {
        switch p {
        case .local(let s):
            if let bound = slots[base + s] { return bound == v ? try k() : false }
            let mark = trail.count
            bind(s, v)
            let r = try k()
            undo(to: mark)
            return r
        case .constant(let c):
            return c == v ? try k() : false
        case .array(let items):
            guard case .array(let values) = v, values.count == items.count else { return false }
            return try unifyItems(items, values, 0, k)
        case .object(let items):
            guard case .object(let obj) = v, obj.count == items.count else { return false }
            return try unifyObject(items, obj, 0, k)
        default:
            // Refs, calls, sets and comprehensions: evaluate and compare.
            return try evalTerm(p) { (x) throws(RegoError) -> Bool in x == v ? try k() : false }
        }
    }

    private func unifyItems(_ items: [CTerm], _ values: [Value], _ i: Int, _ k: Continuation) throws(RegoError) -> Bool {
        if i == items.count { return try k() }
        return try unify(items[i], values[i]) { () throws(RegoError) -> Bool in
            try self.unifyItems(items, values, i + 1, k)
        }
    }

    private func unifyObject(_ items: [(key: CTerm, value: CTerm)], _ obj: RegoObject, _ i: Int, _ k: Continuation)
        throws(RegoError) -> Bool
    {
        if i == items.count { return try k() }
        return try evalTerm(items[i].key) { (key) throws(RegoError) -> Bool in
            guard let value = obj[key] else { return false }
            return try self.unify(items[i].value, value) { () throws(RegoError) -> Bool in
                try self.unifyObject(items, obj, i + 1, k)
            }
        }
    }

    /// `a = b` / `a := b`: evaluates whichever side can be evaluated and unifies the other with
    /// it; two composite patterns unify element by element.
    func unifyTerms(_ a: CTerm, _ b: CTerm, location: SourceLocation, _ k: Continuation) throws(RegoError) -> Bool {
        if isGround(b) {
            return try evalTerm(b) { (v) throws(RegoError) -> Bool in try self.unify(a, v, k) }
        }
        if isGround(a) {
            return try evalTerm(a) { (v) throws(RegoError) -> Bool in try self.unify(b, v, k) }
        }
        switch (a, b) {
        case (.array(let xs), .array(let ys)):
            guard xs.count == ys.count else { return false }
            return try unifyPairs(xs, ys, 0, location: location, k)
        case (.object(let xs), .object(let ys)):
            guard xs.count == ys.count else { return false }
            var lhs: [CTerm] = []
            var rhs: [CTerm] = []
            for x in xs {
                guard let y = ys.first(where: { Self.sameKey($0.key, x.key) }) else { return false }
                lhs.append(x.value)
                rhs.append(y.value)
            }
            return try unifyPairs(lhs, rhs, 0, location: location, k)
        default:
            // A ref with unbound path variables on one side and a pattern on the other.
            if case .ref = b { return try evalTerm(b) { (v) throws(RegoError) -> Bool in try self.unify(a, v, k) } }
            if case .data = b { return try evalTerm(b) { (v) throws(RegoError) -> Bool in try self.unify(a, v, k) } }
            if case .ref = a { return try evalTerm(a) { (v) throws(RegoError) -> Bool in try self.unify(b, v, k) } }
            if case .data = a { return try evalTerm(a) { (v) throws(RegoError) -> Bool in try self.unify(b, v, k) } }
            throw RegoError(.unsafeVar, "var is unsafe: cannot unify two unbound terms", at: location)
        }
    }

    private func unifyPairs(_ xs: [CTerm], _ ys: [CTerm], _ i: Int, location: SourceLocation, _ k: Continuation)
        throws(RegoError) -> Bool
    {
        if i == xs.count { return try k() }
        return try unifyTerms(xs[i], ys[i], location: location) { () throws(RegoError) -> Bool in
            try self.unifyPairs(xs, ys, i + 1, location: location, k)
        }
    }

    private static func sameKey(_ a: CTerm, _ b: CTerm) -> Bool {
        if case .constant(let x) = a, case .constant(let y) = b { return x == y }
        return false
    }
}
