/// Rule definitions: complete values, multi-value sets, partial objects, functions; `else`
/// chains, defaults and conflict detection.
extension Evaluation {
    /// Candidate definitions for this input (all of them, or those the rule index selects).
    private func candidates(_ set: RuleSet) -> [CRule] {
        guard let index = set.index else { return set.rules }
        return index.candidates(input: input)
    }

    /// Runs one definition in a fresh frame: `onSolution` is called for each solution of its
    /// body (or of the first `else` clause that has one) with the head value term to evaluate.
    /// A function's `arguments` are unified with its parameters first.
    private func runDefinition(
        _ rule: CRule, arguments: [Value]? = nil, stopAtFirst: Bool,
        _ onSolution: (_ valueTerm: CTerm) throws(RegoError) -> Bool
    ) throws(RegoError) -> Bool {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth {
            throw RegoError(.limit, "evaluation exceeded maximum depth \(maxDepth)", at: rule.location)
        }
        try checkStack(rule.location)
        let saved = pushFrame(rule.frameSize)
        defer { popFrame(saved, rule.frameSize) }
        guard let arguments else { return try runBodies(rule, arguments: nil, stopAtFirst: stopAtFirst, onSolution) }
        guard rule.parameters.count == arguments.count else { return false }
        return try unifyParameters(rule, rule.leadingParameters, arguments, 0) { () throws(RegoError) -> Bool in
            try self.runBodies(rule, arguments: arguments, stopAtFirst: stopAtFirst, onSolution)
        }
    }

    private func runBodies(
        _ rule: CRule, arguments: [Value]?, stopAtFirst: Bool,
        _ onSolution: (_ valueTerm: CTerm) throws(RegoError) -> Bool
    ) throws(RegoError) -> Bool {
        var matched = false
        let stopped = try evalBody(rule.body, 0) { () throws(RegoError) -> Bool in
            if let arguments, !rule.trailingParameters.isEmpty {
                let holds = try self.unifyParameters(rule, rule.trailingParameters, arguments, 0) {
                    () throws(RegoError) -> Bool in true
                }
                if !holds { return false }
            }
            matched = true
            return try onSolution(rule.value) || stopAtFirst
        }
        if matched || rule.elseClauses.isEmpty { return stopped }
        for clause in rule.elseClauses {
            var elseMatched = false
            let r = try evalBody(clause.body, 0) { () throws(RegoError) -> Bool in
                elseMatched = true
                // The first clause that holds decides the value: stop after its first solution.
                _ = try onSolution(clause.value)
                return true
            }
            if elseMatched { return r && stopAtFirst }
        }
        return false
    }

    func evalComplete(_ set: RuleSet) throws(RegoError) -> Value? {
        var result: Value?
        for rule in candidates(set) {
            let done = try runDefinition(rule, stopAtFirst: rule.stopsAtFirstSolution) { (valueTerm) throws(RegoError) -> Bool in
                try self.evalTerm(valueTerm) { (v) throws(RegoError) -> Bool in
                    if let r = result, r != v {
                        throw RegoError(.conflict, "complete rules must not produce multiple outputs", at: rule.location)
                    }
                    result = v
                    return false
                }
            }
            _ = done
            if result != nil && set.settlesAtFirstDefinition { break }
        }
        if result == nil, let d = set.defaultRule {
            _ = try runDefinition(d, stopAtFirst: true) { (valueTerm) throws(RegoError) -> Bool in
                try self.evalTerm(valueTerm) { (v) throws(RegoError) -> Bool in
                    result = v
                    return true
                }
            }
        }
        return result
    }

    func evalMultiValue(_ set: RuleSet) throws(RegoError) -> RegoSet {
        var out: [Value] = []
        for rule in candidates(set) {
            guard let key = rule.key else { continue }
            _ = try runDefinition(rule, stopAtFirst: false) { (_) throws(RegoError) -> Bool in
                try self.evalTerm(key) { (v) throws(RegoError) -> Bool in
                    out.append(v)
                    return false
                }
            }
        }
        return RegoSet(out)
    }

    func evalPartialObject(_ set: RuleSet) throws(RegoError) -> RegoObject {
        var out = RegoObject()
        for rule in candidates(set) {
            _ = try runDefinition(rule, stopAtFirst: false) { (valueTerm) throws(RegoError) -> Bool in
                var keys: [Value] = []
                return try self.evalItems(rule.suffix, 0, &keys) { (keys) throws(RegoError) -> Bool in
                    if let member = rule.key {
                        // A set leaf (`p[q].r contains s`): add the member to the set there.
                        return try self.evalTerm(member) { (m) throws(RegoError) -> Bool in
                            out = try Self.merging(.set(RegoSet([m])), at: keys[...], into: out, location: rule.location)
                            return false
                        }
                    }
                    return try self.evalTerm(valueTerm) { (v) throws(RegoError) -> Bool in
                        out = try Self.inserting(v, at: keys[...], into: out, location: rule.location)
                        return false
                    }
                }
            }
        }
        return out
    }

    /// Inserts `value` at the nested key path, creating objects on the way; a different value
    /// already there is a conflict.
    static func inserting(_ value: Value, at keys: ArraySlice<Value>, into object: RegoObject, location: SourceLocation)
        throws(RegoError) -> RegoObject
    {
        try updating(at: keys, in: object, location: location) { (existing) throws(RegoError) -> Value in
            if let existing, existing != value {
                throw RegoError(.conflict, "object keys must be unique", at: location)
            }
            return value
        }
    }

    /// Merges `value` into the nested key path: objects merge key by key, sets unite, other
    /// values must be equal.
    static func merging(_ value: Value, at keys: ArraySlice<Value>, into object: RegoObject, location: SourceLocation)
        throws(RegoError) -> RegoObject
    {
        try updating(at: keys, in: object, location: location) { (existing) throws(RegoError) -> Value in
            guard let existing else { return value }
            return try merge(existing, value, location: location)
        }
    }

    /// Replaces the value at the nested key path with `leaf(old value)`, creating objects on the
    /// way; a non-object in the way is a conflict.
    private static func updating(
        at keys: ArraySlice<Value>, in object: RegoObject, location: SourceLocation,
        _ leaf: (Value?) throws(RegoError) -> Value
    ) throws(RegoError) -> RegoObject {
        let key = keys.first!
        var object = object
        if keys.count == 1 {
            object.insert(try leaf(object[key]), forKey: key)
            return object
        }
        let inner: RegoObject
        switch object[key] {
        case nil: inner = RegoObject()
        case .object(let o)?: inner = o
        default: throw RegoError(.conflict, "object keys must be unique", at: location)
        }
        object.insert(.object(try updating(at: keys.dropFirst(), in: inner, location: location, leaf)), forKey: key)
        return object
    }

    /// Deep merge of two documents defined at one path by different rules. Objects merge key by
    /// key down to `leafDepth` levels (the levels rule heads build); below that only sets unite.
    static func merge(_ a: Value, _ b: Value, leafDepth: Int = .max, location: SourceLocation?) throws(RegoError) -> Value {
        switch (a, b) {
        case (.object(var x), .object(let y)) where leafDepth > 0:
            for (k, v) in y {
                if let existing = x[k] {
                    x.insert(try merge(existing, v, leafDepth: leafDepth - 1, location: location), forKey: k)
                } else {
                    x.insert(v, forKey: k)
                }
            }
            return .object(x)
        case (.set(let x), .set(let y)):
            return .set(x.union(y))
        default:
            if a == b { return a }
            throw RegoError(.conflict, "object keys must be unique", at: location)
        }
    }

    /// Calls a user function; nil when no definition applies.
    func callFunction(_ path: [String], _ args: [Value], location: SourceLocation) throws(RegoError) -> Value? {
        guard let set = program.functions[path] else {
            throw RegoError(.typeCheck, "undefined function data.\(path.joined(separator: "."))", at: location)
        }
        var result: Value?
        for rule in set.rules {
            _ = try runDefinition(rule, arguments: args, stopAtFirst: rule.stopsAtFirstSolution) {
                (valueTerm) throws(RegoError) -> Bool in
                try self.evalTerm(valueTerm) { (v) throws(RegoError) -> Bool in
                    if let r = result, r != v {
                        throw RegoError(.conflict, "functions must not produce multiple outputs for same inputs", at: rule.location)
                    }
                    result = v
                    return false
                }
            }
        }
        if result == nil, let d = set.defaultRule {
            _ = try runDefinition(d, arguments: args, stopAtFirst: true) { (valueTerm) throws(RegoError) -> Bool in
                try self.evalTerm(valueTerm) { (v) throws(RegoError) -> Bool in
                    result = v
                    return true
                }
            }
        }
        return result
    }

    /// Unifies the parameters at `positions` with their arguments.
    private func unifyParameters(_ rule: CRule, _ positions: [Int], _ args: [Value], _ i: Int, _ k: Continuation)
        throws(RegoError) -> Bool
    {
        if i == positions.count { return try k() }
        let p = positions[i]
        return try unify(rule.parameters[p], args[p]) { () throws(RegoError) -> Bool in
            try self.unifyParameters(rule, positions, args, i + 1, k)
        }
    }
}
