/// Calls: builtins, user functions, the evaluator's own operators, and `with` replacements.
extension Evaluation {
    func evalCall(_ callee: Callee, _ args: [CTerm], location: SourceLocation, _ k: ValueContinuation)
        throws(RegoError) -> Bool
    {
        if !functionOverrides.isEmpty, let override = functionOverrides[callee.name] {
            switch override {
            case .value(let v):
                var acc: [Value] = []
                return try evalItems(args, 0, &acc) { (_) throws(RegoError) -> Bool in try k(v) }
            case .callee(let replacement):
                // Arguments are evaluated with the mocks in force (they may call mocked functions);
                // the replacement itself runs without any mock: inside it `f` and other mocked
                // functions are the originals (a mock never calls another mock), as in OPA.
                var acc: [Value] = []
                return try evalItems(args, 0, &acc) { (values) throws(RegoError) -> Bool in
                    let saved = self.functionOverrides
                    self.functionOverrides = [:]
                    defer { self.functionOverrides = saved }
                    return try self.evalCall(replacement, values.map { .constant($0) }, location: location) {
                        (result) throws(RegoError) -> Bool in
                        // The rest of the body sees the mocks again.
                        let inner = self.functionOverrides
                        self.functionOverrides = saved
                        defer { self.functionOverrides = inner }
                        return try k(result)
                    }
                }
            }
        }
        switch callee {
        case .special(let s):
            return try evalSpecial(s, args, location: location, k)
        case .builtin(let builtin):
            var acc: [Value] = []
            acc.reserveCapacity(args.count)
            return try evalItems(args, 0, &acc) { (values) throws(RegoError) -> Bool in
                guard let result = try self.invoke(builtin, values, location: location) else { return false }
                return try k(result)
            }
        case .function(let path):
            var acc: [Value] = []
            acc.reserveCapacity(args.count)
            return try evalItems(args, 0, &acc) { (values) throws(RegoError) -> Bool in
                guard let result = try self.callFunction(path, values, location: location) else { return false }
                return try k(result)
            }
        }
    }

    /// Runs a builtin; its errors abort in strict mode and make the call undefined otherwise.
    func invoke(_ builtin: Builtin, _ args: [Value], location: SourceLocation) throws(RegoError) -> Value? {
        do {
            return try builtin.implementation(args, builtinContext)
        } catch {
            guard strict else { return nil }
            let code: RegoError.Code = error.kind == .type ? .evalType : .evalBuiltin
            throw RegoError(code, "\(builtin.name): \(error.message)", at: location)
        }
    }

    private func evalSpecial(_ s: SpecialCall, _ args: [CTerm], location: SourceLocation, _ k: ValueContinuation)
        throws(RegoError) -> Bool
    {
        switch s {
        case .eq, .assign:
            return try unifyTerms(args[0], args[1], location: location) { () throws(RegoError) -> Bool in try k(.true) }
        case .equal, .neq, .lt, .lte, .gt, .gte:
            return try evalTerm(args[0]) { (a) throws(RegoError) -> Bool in
                try self.evalTerm(args[1]) { (b) throws(RegoError) -> Bool in
                    try k(.bool(Evaluation.compare(s, a, b)))
                }
            }
        case .member2:
            return try evalTerm(args[0]) { (x) throws(RegoError) -> Bool in
                try self.evalTerm(args[1]) { (c) throws(RegoError) -> Bool in
                    try k(.bool(Evaluation.contains(c, x)))
                }
            }
        case .member3:
            var acc: [Value] = []
            return try evalItems(args, 0, &acc) { (v) throws(RegoError) -> Bool in
                let member: Bool
                switch v[2] {
                case .array, .object: member = v[2][v[0]] == v[1]
                default: member = false
                }
                return try k(.bool(member))
            }
        case .print:
            var parts: [String] = []
            for a in args {
                var values: [String] = []
                _ = try evalTerm(a) { (v) throws(RegoError) -> Bool in
                    if case .string(let str) = v { values.append(str) } else { values.append(v.description) }
                    return false
                }
                parts.append(values.isEmpty ? "<undefined>" : values.joined(separator: " "))
            }
            builtinContext.printSink(parts.joined(separator: " "))
            return try k(.true)
        case .walk:
            return try evalTerm(args[0]) { (root) throws(RegoError) -> Bool in
                try Evaluation.walk(root, path: []) { (path, value) throws(RegoError) -> Bool in
                    try k(.array([.array(path), value]))
                }
            }
        }
    }

    /// `x in c`: arrays and objects by value, sets by membership; false for anything else.
    static func contains(_ collection: Value, _ x: Value) -> Bool {
        switch collection {
        case .array(let a): return a.contains(x)
        case .set(let s): return s.contains(x)
        case .object(let o):
            for (_, v) in o where v == x { return true }
            return false
        default: return false
        }
    }

    /// Pre-order walk of every (path, value) pair, as OPA's `walk`.
    static func walk(_ value: Value, path: [Value], _ f: ([Value], Value) throws(RegoError) -> Bool) throws(RegoError) -> Bool {
        if try f(path, value) { return true }
        switch value {
        case .array(let a):
            for (i, e) in a.enumerated() where try walk(e, path: path + [.int(i)], f) { return true }
        case .object(let o):
            for (key, v) in o where try walk(v, path: path + [key], f) { return true }
        case .set(let s):
            for e in s where try walk(e, path: path + [e], f) { return true }
        default: break
        }
        return false
    }
}
