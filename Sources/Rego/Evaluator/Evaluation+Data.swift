/// Refs into `data`: the base document merged with the virtual documents rules define.
extension Evaluation {
    func evalData(_ path: [CTerm], _ k: ValueContinuation) throws(RegoError) -> Bool {
        try walkData(program.root, data, path, 0, k)
    }

    private func walkData(_ node: RuleTreeNode?, _ base: Value?, _ path: [CTerm], _ i: Int, _ k: ValueContinuation)
        throws(RegoError) -> Bool
    {
        guard let node, !isMasked(node) else {
            guard let base else { return false }
            return try evalPath(base, path, i, baseDocument: true, k)
        }
        if node.ruleSet != nil {
            guard let document = try documentValue(node, base) else { return false }
            return try evalPath(document, path, i, k)
        }
        if i == path.count { return try k(try nodeValue(node, base)) }

        let segment = path[i]
        if case .local(let s) = segment, slots[self.base + s] == nil {
            // Iterate over the keys rules define here and the keys of the base document.
            var keys: [Value] = node.childKeys.map { .string($0) }
            if case .object(let o) = base {
                for key in o.keys where !(key.stringValue.map { node.children[$0] != nil } ?? false) {
                    keys.append(key)
                }
                keys.sort()
            }
            for key in keys {
                let mark = trail.count
                bind(s, key)
                let child = key.stringValue.flatMap { node.children[$0] }
                let r = try walkData(child, base?[key], path, i + 1, k)
                undo(to: mark)
                if r { return true }
            }
            return false
        }
        return try evalTerm(segment) { (key) throws(RegoError) -> Bool in
            if case .string(let name) = key, let child = node.children[name] {
                return try self.walkData(child, base?[key], path, i + 1, k)
            }
            guard let base, let b = base[key] ?? Self.jsonKeyLookup(base, key) else { return false }
            return try self.evalPath(b, path, i + 1, baseDocument: true, k)
        }
    }

    private func isMasked(_ node: RuleTreeNode) -> Bool {
        !maskedPaths.isEmpty && maskedPaths.contains(node.path)
    }

    /// The full document at a node: base data merged with every rule's value below it.
    func nodeValue(_ node: RuleTreeNode, _ base: Value?) throws(RegoError) -> Value {
        if isMasked(node) { return base ?? .emptyObject }
        var object = base?.objectValue ?? RegoObject()
        for name in node.childKeys {
            let child = node.children[name]!
            let key = Value.string(name)
            let childBase = base?[key]
            let value: Value?
            if isMasked(child) {
                value = childBase
            } else if child.ruleSet != nil {
                value = try documentValue(child, childBase)
            } else {
                value = try nodeValue(child, childBase)
            }
            guard let value else { continue }
            if let existing = object[key], !(existing.isCollection && value.isCollection) {
                continue  // the base document wins over a virtual one at the same key
            }
            if let existing = object[key] {
                object.insert(try Self.merge(existing, value, location: nil), forKey: key)
            } else {
                object.insert(value, forKey: key)
            }
        }
        return .object(object)
    }

    /// The value of the rules at `node` (nil when undefined), merged with the documents of rules
    /// deeper in the tree (`p.q[x] := …` beside `p.q.r := …`). Cached per evaluation.
    func documentValue(_ node: RuleTreeNode, _ base: Value?) throws(RegoError) -> Value? {
        let set = node.ruleSet!
        let id = ObjectIdentifier(set)
        if overrideDepth == 0 {
            if set.id < ruleCache.count, ruleCache[set.id].generation == generation { return ruleCache[set.id].value }
        } else if let cached = cache[id] {
            return cached
        }
        var value: Value?
        switch set.kind {
        case .complete: value = try evalComplete(set)
        case .multiValue: value = .set(try evalMultiValue(set))
        case .partialObject: value = .object(try evalPartialObject(set))
        case .function: value = nil
        }
        if !node.children.isEmpty {
            let deeper = try nodeValue(RuleTreeNode(id: -1, children: node.children, ruleSet: nil, path: node.path), base)
            if case .object(let extra) = deeper, !extra.isEmpty {
                // Deeper rules may add keys to the object levels the rules here build, but not
                // change the values those rules produce (below `leafDepth`).
                let leafDepth = set.rules.map(\.suffix.count).max() ?? 0
                value = try Self.merge(
                    value ?? .emptyObject, .object(extra), leafDepth: leafDepth, location: set.rules.first?.location)
            }
        }
        if overrideDepth == 0 {
            ruleCache[set.id] = CacheEntry(generation: generation, value: value)
        } else {
            cache[id] = .some(value)
        }
        return value
    }
}
