/// Single-valued terms without closures: constants, bound variables, and refs whose path is
/// made of constants and bound variables. Most policy expressions are of this kind
/// (`input.binary`, `p.endpoints`, `data.by_binary[input.binary]`), and this is the
/// evaluator's hot path.
extension Evaluation {
    enum FastValue {
        case value(Value)
        case undefined
        /// The term may have several values or needs the general evaluator.
        case general
    }

    @inline(__always)
    func fastValue(_ t: CTerm) throws(RegoError) -> FastValue {
        switch t {
        case .constant(let v): return .value(v)
        case .local(let s):
            guard let v = slots[base + s] else { return .general }
            return .value(v)
        case .input:
            guard let input else { return .undefined }
            return .value(input)
        case .ref(let head, let path):
            let h: Value
            switch try fastValue(head) {
            case .value(let v): h = v
            case .undefined: return .undefined
            case .general: return .general
            }
            return try fastPath(h, path, 0, baseDocument: false)
        case .data(let ref):
            switch ref.resolution {
            case .rules(let id, let consumed) where maskedPaths.isEmpty:
                // Resolved at compile time: straight to the rule's document.
                let node = program.nodes[id]
                // The base document there matters only for deeper rules to merge with (usually
                // none); looking it up costs a few key lookups that usually miss.
                let base = node.children.isEmpty ? nil : baseDocument(at: node.path)
                guard let document = try documentValue(node, base) else { return .undefined }
                return try fastPath(document, ref.path, consumed, baseDocument: false)
            case .base:
                return try fastPath(data, ref.path, 0, baseDocument: true)
            default:
                return try fastData(ref.path)
            }
        default:
            return .general
        }
    }

    /// A path key: a constant, a bound variable, or a single-valued ref (`data.m[input.x]`).
    @inline(__always)
    private func fastKey(_ t: CTerm) throws(RegoError) -> Value? {
        switch t {
        case .constant(let v): return v
        case .local(let s): return slots[base + s]
        case .ref, .data:
            if case .value(let v) = try fastValue(t) { return v }
            return nil
        default: return nil
        }
    }

    private func fastPath(_ start: Value, _ path: [CTerm], _ from: Int, baseDocument: Bool) throws(RegoError) -> FastValue {
        var v = start
        var i = from
        while i < path.count {
            guard let key = try fastKey(path[i]) else { return .general }
            guard let child = v[key] ?? (baseDocument ? Self.jsonKeyLookup(v, key) : nil) else { return .undefined }
            v = child
            i += 1
        }
        return .value(v)
    }

    /// The base document at a rule path (usually none: rules and data rarely overlap).
    @inline(__always)
    func baseDocument(at path: [String]) -> Value? {
        var v: Value? = data
        for p in path {
            guard let current = v else { return nil }
            v = current[.string(p)]
        }
        return v
    }

    /// `data…` with constant or bound keys: walks the rule tree and the base document together.
    private func fastData(_ path: [CTerm]) throws(RegoError) -> FastValue {
        var node: RuleTreeNode? = program.root
        var baseValue: Value? = data
        var i = 0
        while let current = node {
            if !maskedPaths.isEmpty && maskedPaths.contains(current.path) { break }
            if current.ruleSet != nil {
                guard let document = try documentValue(current, baseValue) else { return .undefined }
                return try fastPath(document, path, i, baseDocument: false)
            }
            if i == path.count { return .value(try nodeValue(current, baseValue)) }
            guard let key = try fastKey(path[i]) else { return .general }
            if case .string(let name) = key, let child = current.children[name] {
                node = child
                baseValue = baseValue?[key]
                i += 1
                continue
            }
            node = nil
            guard let b = baseValue, let next = b[key] ?? Self.jsonKeyLookup(b, key) else { return .undefined }
            baseValue = next
            i += 1
        }
        guard let b = baseValue else { return .undefined }
        return try fastPath(b, path, i, baseDocument: true)
    }
}
