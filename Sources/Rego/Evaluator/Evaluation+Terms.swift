/// Terms: each term enumerates the values it can take; refs with unbound variables iterate and
/// bind them, composite terms take the product of their parts.
extension Evaluation {
    func evalTerm(_ t: CTerm, _ k: ValueContinuation) throws(RegoError) -> Bool {
        switch t {
        case .constant(let v):
            return try k(v)
        case .local(let s):
            guard let v = slots[base + s] else { throw unsafeVariable(s) }
            return try k(v)
        case .input:
            guard let input else { return false }
            return try k(input)
        case .ref(let head, let path):
            switch try fastValue(t) {
            case .value(let v): return try k(v)
            case .undefined: return false
            case .general: break
            }
            return try evalTerm(head) { (h) throws(RegoError) -> Bool in try self.evalPath(h, path, 0, k) }
        case .data(let ref):
            switch try fastValue(t) {
            case .value(let v): return try k(v)
            case .undefined: return false
            case .general: break
            }
            return try evalData(ref.path, k)
        case .array(let items):
            var acc: [Value] = []
            acc.reserveCapacity(items.count)
            return try evalItems(items, 0, &acc) { (values) throws(RegoError) -> Bool in try k(.array(values)) }
        case .set(let items):
            var acc: [Value] = []
            acc.reserveCapacity(items.count)
            return try evalItems(items, 0, &acc) { (values) throws(RegoError) -> Bool in try k(.set(RegoSet(values))) }
        case .object(let items):
            var acc: [Value] = []
            acc.reserveCapacity(items.count * 2)
            let flat = items.flatMap { [$0.key, $0.value] }
            return try evalItems(flat, 0, &acc) { (values) throws(RegoError) -> Bool in
                var pairs: [(Value, Value)] = []
                pairs.reserveCapacity(items.count)
                var i = 0
                while i < values.count {
                    pairs.append((values[i], values[i + 1]))
                    i += 2
                }
                return try k(.object(RegoObject(pairs)))
            }
        case .arrayComprehension(let head, let body):
            var out: [Value] = []
            _ = try evalBody(body, 0) { () throws(RegoError) -> Bool in
                try self.evalTerm(head) { (v) throws(RegoError) -> Bool in
                    out.append(v)
                    return false
                }
            }
            return try k(.array(out))
        case .setComprehension(let head, let body):
            // Collected, then sorted and deduplicated once.
            var out: [Value] = []
            _ = try evalBody(body, 0) { () throws(RegoError) -> Bool in
                try self.evalTerm(head) { (v) throws(RegoError) -> Bool in
                    out.append(v)
                    return false
                }
            }
            return try k(.set(RegoSet(out)))
        case .objectComprehension(let keyTerm, let valueTerm, let body):
            var pairs: [(Value, Value)] = []
            _ = try evalBody(body, 0) { () throws(RegoError) -> Bool in
                try self.evalTerm(keyTerm) { (key) throws(RegoError) -> Bool in
                    try self.evalTerm(valueTerm) { (value) throws(RegoError) -> Bool in
                        pairs.append((key, value))
                        return false
                    }
                }
            }
            guard let object = RegoObject(uniqueKeys: pairs) else {
                throw RegoError(.conflict, "object keys must be unique", at: self.location(of: body))
            }
            return try k(.object(object))
        case .call(let callee, let args, let location):
            return try evalCall(callee, args, location: location, k)
        case .template(let parts, _):
            // Each expression contributes its value, or `<undefined>`, as OPA's interpolation.
            var out = ""
            for p in parts {
                switch p {
                case .text(let s): out += s
                case .term, .literal:
                    var value: Value?
                    switch p {
                    case .term(let t):
                        _ = try evalTerm(t) { (v) throws(RegoError) -> Bool in
                            value = v
                            return true
                        }
                    case .literal(let lit):
                        _ = try evalLiteral(lit) { () throws(RegoError) -> Bool in
                            value = self.slots[self.base + lit.resultSlot]
                            return true
                        }
                    case .text: break
                    }
                    switch value {
                    case .string(let s)?: out += s
                    case let v?: out += v.description
                    case nil: out += "<undefined>"
                    }
                }
            }
            return try k(.string(out))
        }
    }

    func location(of body: CBody) -> SourceLocation? { body.first?.location }

    func unsafeVariable(_ slot: Int) -> RegoError {
        RegoError(.unsafeVar, "var is unsafe (slot \(slot))")
    }

    /// Evaluates `items` left to right, calling `k` once per combination of their values.
    func evalItems(_ items: [CTerm], _ i: Int, _ acc: inout [Value], _ k: ([Value]) throws(RegoError) -> Bool)
        throws(RegoError) -> Bool
    {
        if i == items.count { return try k(acc) }
        // Fast path: constants and bound locals have exactly one value.
        switch items[i] {
        case .constant(let v):
            acc.append(v)
            defer { acc.removeLast() }
            return try evalItems(items, i + 1, &acc, k)
        case .local(let s):
            guard let v = slots[base + s] else { throw unsafeVariable(s) }
            acc.append(v)
            defer { acc.removeLast() }
            return try evalItems(items, i + 1, &acc, k)
        default:
            var local = acc
            return try evalTerm(items[i]) { (v) throws(RegoError) -> Bool in
                local.append(v)
                defer { local.removeLast() }
                return try self.evalItems(items, i + 1, &local, k)
            }
        }
    }

    /// Follows `path` from `i` down into `value`. Unbound variables in the path iterate.
    func evalPath(_ value: Value, _ path: [CTerm], _ i: Int, baseDocument: Bool = false, _ k: ValueContinuation)
        throws(RegoError) -> Bool
    {
        if i == path.count { return try k(value) }
        let segment = path[i]
        switch segment {
        case .constant(let key):
            guard let child = value[key] ?? (baseDocument ? Self.jsonKeyLookup(value, key) : nil) else { return false }
            return try evalPath(child, path, i + 1, baseDocument: baseDocument, k)
        case .local(let s):
            if let key = slots[base + s] {
                guard let child = value[key] ?? (baseDocument ? Self.jsonKeyLookup(value, key) : nil) else { return false }
                return try evalPath(child, path, i + 1, baseDocument: baseDocument, k)
            }
            return try forEachElement(of: value) { (key, child) throws(RegoError) -> Bool in
                let mark = self.trail.count
                self.bind(s, key)
                let r = try self.evalPath(child, path, i + 1, k)
                self.undo(to: mark)
                return r
            }
        default:
            if isGround(segment) {
                return try evalTerm(segment) { (key) throws(RegoError) -> Bool in
                    guard let child = value[key] ?? (baseDocument ? Self.jsonKeyLookup(value, key) : nil) else {
                        return false
                    }
                    return try self.evalPath(child, path, i + 1, baseDocument: baseDocument, k)
                }
            }
            // A pattern (`x[[a, b]]`): iterate and unify each key with it.
            return try forEachElement(of: value) { (key, child) throws(RegoError) -> Bool in
                try self.unify(segment, key) { () throws(RegoError) -> Bool in
                    try self.evalPath(child, path, i + 1, k)
                }
            }
        }
    }

    /// Base documents come from JSON, whose keys are strings: `data.x[2]` reads the key "2", as
    /// OPA's storage does.
    static func jsonKeyLookup(_ value: Value, _ key: Value) -> Value? {
        guard case .object(let o) = value, case .number(let n) = key else { return nil }
        return o[.string(n.description)]
    }

    /// Whether every variable the term needs as a value is bound (variables in ref paths may
    /// stay unbound: the ref iterates over them).
    func isGround(_ t: CTerm) -> Bool {
        switch t {
        case .constant, .input: return true
        case .local(let s): return slots[base + s] != nil
        case .data(let ref):
            return ref.path.allSatisfy(isGroundPathElement)
        case .ref(let head, let path):
            return isGround(head) && path.allSatisfy(isGroundPathElement)
        case .array(let items), .set(let items): return items.allSatisfy(isGround)
        case .object(let items): return items.allSatisfy { isGround($0.key) && isGround($0.value) }
        case .arrayComprehension, .setComprehension, .objectComprehension: return true
        case .call(_, let args, _): return args.allSatisfy(isGround)
        case .template(let parts, _):
            return parts.allSatisfy {
                if case .term(let t) = $0 { return isGround(t) }
                return true
            }
        }
    }

    private func isGroundPathElement(_ t: CTerm) -> Bool {
        if case .local = t { return true }
        return isGround(t)
    }
}
