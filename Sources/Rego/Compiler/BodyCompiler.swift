/// Compiles bodies and terms of one frame (a rule definition or a query): resolves names to
/// slots, data paths, builtins and functions, then orders each body for safety.
struct BodyCompiler {
    let context: ModuleContext
    var layout = FrameLayout()

    init(context: ModuleContext) { self.context = context }

    // MARK: Scopes

    /// Declares the variables a scope owns: names declared with `some` or `:=`, and names used in
    /// it that resolve to nothing else (implicit locals, bound by unification).
    mutating func declareScope(_ body: Body, extraTerms: [Term] = [], scope: Int) {
        var declared: [String] = []
        var used: [String] = []
        for lit in body {
            switch lit.kind {
            case .some(let vars):
                for v in vars { collectVariables(v, into: &declared) }
            case .someIn(let key, let value, let collection):
                if let key { collectVariables(key, into: &declared) }
                collectVariables(value, into: &declared)
                collectVariables(collection, into: &used)
            case .every(_, _, let domain, _):
                collectVariables(domain, into: &used)
            case .term(let t):
                if case .call(let f, let args) = t.kind, f.variableName == "assign", args.count == 2 {
                    collectVariables(args[0], into: &declared)
                    collectVariables(args[1], into: &used)
                } else {
                    collectVariables(t, into: &used)
                }
            }
            for w in lit.withModifiers where !namesFunction(w.value) { collectVariables(w.value, into: &used) }
        }
        for t in extraTerms { collectVariables(t, into: &used) }
        for name in declared where name != "_" { _ = layout.declare(name, in: scope) }
        for name in used where name != "_" {
            if layout.lookup(name, from: scope) != nil || context.isGlobalName(name) { continue }
            _ = layout.declare(name, in: scope)
        }
    }

    /// `with f as g`: a value that names a function or builtin is not a variable.
    func namesFunction(_ t: Term) -> Bool {
        guard let path = t.staticPath, !context.isGlobalName(path[0]) || path[0] == "data" else {
            return t.staticPath.map { resolveFunction($0) != nil } ?? false
        }
        return resolveFunction(path) != nil
    }

    /// Variable names used in a term, not descending into comprehension bodies (their own scope).
    func collectVariables(_ term: Term, into out: inout [String]) {
        switch term.kind {
        case .scalar: break
        case .variable(let name): out.append(name)
        case .ref(let head, let path):
            collectVariables(head, into: &out)
            for p in path { collectVariables(p, into: &out) }
        case .array(let items), .set(let items):
            for i in items { collectVariables(i, into: &out) }
        case .object(let items):
            for i in items {
                collectVariables(i.key, into: &out)
                collectVariables(i.value, into: &out)
            }
        case .arrayComprehension, .setComprehension, .objectComprehension: break
        case .call(_, let args):
            for a in args { collectVariables(a, into: &out) }
        case .template(let parts):
            for part in parts {
                switch part {
                case .text: break
                case .expression(let e): collectVariables(e, into: &out)
                case .modified(let e, let modifiers):
                    collectVariables(e, into: &out)
                    for w in modifiers where !namesFunction(w.value) { collectVariables(w.value, into: &out) }
                }
            }
        }
    }

    // MARK: Bodies

    mutating func compileBody(_ body: Body, scope: Int, bound: Set<Int> = []) throws(RegoError) -> CBody {
        var compiled: CBody = []
        compiled.reserveCapacity(body.count)
        for lit in body { compiled.append(try compileLiteral(lit, scope: scope)) }
        return ScanIndexPlanner.plan(Scheduler(layout: layout, scope: scope).order(compiled, bound: bound))
    }

    mutating func compileLiteral(_ lit: Literal, scope: Int) throws(RegoError) -> CLiteral {
        var withs: [CWith] = []
        for w in lit.withModifiers { withs.append(try compileWith(w, scope: scope)) }
        let kind: CLiteral.Kind
        switch lit.kind {
        case .some:
            kind = .noop
        case .someIn(let key, let value, let collection):
            kind = .someIn(
                key: try key.map { (k) throws(RegoError) in try compileTerm(k, scope: scope) },
                value: try compileTerm(value, scope: scope),
                collection: try compileTerm(collection, scope: scope))
        case .every(let key, let value, let domain, let body):
            let domainTerm = try compileTerm(domain, scope: scope)
            let inner = layout.newScope(parent: scope)
            var locals: [Int] = []
            var patternVars: [String] = []
            if let key { collectVariables(key, into: &patternVars) }
            collectVariables(value, into: &patternVars)
            for name in patternVars where name != "_" { locals.append(layout.declare(name, in: inner)) }
            let keyTerm = try key.map { (k) throws(RegoError) in try compileTerm(k, scope: inner) }
            let valueTerm = try compileTerm(value, scope: inner)
            declareScope(body, scope: inner)
            let compiledBody = try compileBody(body, scope: inner)
            kind = .every(key: keyTerm, value: valueTerm, domain: domainTerm, body: compiledBody, locals: locals)
        case .term(let t):
            kind = .term(try compileTerm(t, scope: scope))
        }
        if lit.negated {
            let inner = CLiteral(kind: kind, with: withs, location: lit.location)
            return CLiteral(kind: .not([inner]), with: [], location: lit.location)
        }
        return CLiteral(kind: kind, with: withs, location: lit.location)
    }

    mutating func compileWith(_ w: WithModifier, scope: Int) throws(RegoError) -> CWith {
        let value: CTerm = namesFunction(w.value) && layout.lookup(w.value.staticPath![0], from: scope) == nil
            ? .constant(.null) : try compileTerm(w.value, scope: scope)
        guard let path = w.target.staticPath else {
            throw RegoError(.compile, "with keyword target must reference existing input, data, or a function", at: w.location)
        }
        let target: CWith.Target
        if path[0] == "input" {
            target = .input(Array(path.dropFirst()))
        } else if path[0] == "data", let f = functionPath(path), context.functionArity[f] != nil {
            target = .function((["data"] + f).joined(separator: "."))
        } else if path[0] == "data" {
            target = .data(Array(path.dropFirst()))
        } else if let full = context.globalPath(path[0]), full[0] == "data",
            context.functionArity[Array((full + path.dropFirst()).dropFirst())] != nil
        {
            target = .function((full + path.dropFirst()).joined(separator: "."))
        } else if let full = context.globalPath(path[0]) {
            let joined = full + path.dropFirst()
            target = joined[0] == "input" ? .input(Array(joined.dropFirst())) : .data(Array(joined.dropFirst()))
        } else {
            let name = path.joined(separator: ".")
            guard BuiltinTable.lookup(name) != nil || SpecialCall(rawValue: name) != nil else {
                throw RegoError(.compile, "with keyword target must reference existing input, data, or a function", at: w.location)
            }
            target = .function(name)
        }
        var replacement: Callee? = nil
        if case .function = target, let vpath = w.value.staticPath, layout.lookup(vpath[0], from: scope) == nil {
            replacement = resolveFunction(vpath)
        }
        return CWith(target: target, value: value, replacement: replacement)
    }

    private func functionPath(_ path: [String]) -> [String]? {
        path.first == "data" ? Array(path.dropFirst()) : nil
    }

    // MARK: Terms

    mutating func compileTerm(_ term: Term, scope: Int) throws(RegoError) -> CTerm {
        switch term.kind {
        case .scalar(let v):
            return .constant(v)
        case .variable(let name):
            return try resolveVariable(name, scope: scope, at: term.location)
        case .ref(let head, let path):
            var compiledPath: [CTerm] = []
            compiledPath.reserveCapacity(path.count)
            for p in path { compiledPath.append(try compileTerm(p, scope: scope)) }
            let h = try compileTerm(head, scope: scope)
            return appendPath(h, compiledPath)
        case .array(let items):
            var out: [CTerm] = []
            for i in items { out.append(try compileTerm(i, scope: scope)) }
            if let values = Self.constants(out) { return .constant(.array(values)) }
            return .array(out)
        case .set(let items):
            var out: [CTerm] = []
            for i in items { out.append(try compileTerm(i, scope: scope)) }
            if let values = Self.constants(out) { return .constant(.set(RegoSet(values))) }
            return .set(out)
        case .object(let items):
            var out: [(key: CTerm, value: CTerm)] = []
            for i in items {
                out.append((try compileTerm(i.key, scope: scope), try compileTerm(i.value, scope: scope)))
            }
            if let keys = Self.constants(out.map(\.key)), let values = Self.constants(out.map(\.value)) {
                return .constant(.object(RegoObject(zip(keys, values).map { ($0, $1) })))
            }
            return .object(out)
        case .arrayComprehension(let head, let body):
            let inner = layout.newScope(parent: scope)
            declareScope(body, extraTerms: [head], scope: inner)
            let b = try compileBody(body, scope: inner)
            return .arrayComprehension(try compileTerm(head, scope: inner), b)
        case .setComprehension(let head, let body):
            let inner = layout.newScope(parent: scope)
            declareScope(body, extraTerms: [head], scope: inner)
            let b = try compileBody(body, scope: inner)
            return .setComprehension(try compileTerm(head, scope: inner), b)
        case .objectComprehension(let key, let value, let body):
            let inner = layout.newScope(parent: scope)
            declareScope(body, extraTerms: [key, value], scope: inner)
            let b = try compileBody(body, scope: inner)
            return .objectComprehension(
                try compileTerm(key, scope: inner), try compileTerm(value, scope: inner), b)
        case .call(let function, let arguments):
            return try compileCall(function, arguments, scope: scope, at: term.location)
        case .template(let parts):
            var out: [CTemplatePart] = []
            for p in parts {
                switch p {
                case .text(let s): out.append(.text(s))
                case .expression(let e): out.append(.term(try compileTerm(e, scope: scope)))
                case .modified(let e, let modifiers):
                    var withs: [CWith] = []
                    for w in modifiers { withs.append(try compileWith(w, scope: scope)) }
                    let literal = CLiteral(
                        kind: .term(try compileTerm(e, scope: scope)), with: withs, location: term.location,
                        resultSlot: layout.wildcard(in: scope), reportsValue: true)
                    out.append(.literal(literal))
                }
            }
            return .template(out, location: term.location)
        }
    }

    static func constants(_ terms: [CTerm]) -> [Value]? {
        var out: [Value] = []
        out.reserveCapacity(terms.count)
        for t in terms {
            guard case .constant(let v) = t else { return nil }
            out.append(v)
        }
        return out
    }

    /// Appends path elements to a compiled head, flattening nested refs.
    func appendPath(_ head: CTerm, _ path: [CTerm]) -> CTerm {
        if path.isEmpty { return head }
        switch head {
        case .data(let ref): return dataRef(ref.path + path)
        case .ref(let h, let p): return .ref(h, p + path)
        default: return .ref(head, path)
        }
    }

    mutating func resolveVariable(_ name: String, scope: Int, at location: SourceLocation) throws(RegoError) -> CTerm {
        if name == "_" { return .local(layout.wildcard(in: scope)) }
        if let slot = layout.lookup(name, from: scope) { return .local(slot) }
        if let path = context.globalPath(name) {
            let rest = path.dropFirst().map { CTerm.constant(.string($0)) }
            if path[0] == "input" { return rest.isEmpty ? .input : .ref(.input, rest) }
            return dataRef(rest)
        }
        // Not declared by the scope pass (e.g. only in a head): a local of this scope.
        return .local(layout.declare(name, in: scope))
    }

    /// A `data` ref, resolved against the rule tree as far as its constant prefix goes.
    func dataRef(_ path: [CTerm]) -> CTerm {
        var node = context.tree
        var consumed = 0
        for element in path {
            if node.hasRules { return .data(DataRef(path: path, resolution: .rules(node: node.id, consumed: consumed))) }
            guard case .constant(.string(let key)) = element else {
                return .data(DataRef(path: path, resolution: .dynamic))
            }
            guard let child = node.children[key] else {
                return .data(DataRef(path: path, resolution: .base))
            }
            node = child
            consumed += 1
        }
        if node.hasRules { return .data(DataRef(path: path, resolution: .rules(node: node.id, consumed: consumed))) }
        return .data(DataRef(path: path, resolution: .dynamic))
    }

    // MARK: Calls

    mutating func compileCall(_ function: Term, _ arguments: [Term], scope: Int, at location: SourceLocation)
        throws(RegoError) -> CTerm
    {
        guard let path = function.staticPath else {
            throw RegoError(.typeCheck, "invalid function reference", at: location)
        }
        guard let callee = resolveFunction(path) else {
            throw RegoError(.typeCheck, "undefined function \(path.joined(separator: "."))", at: location)
        }
        var args: [CTerm] = []
        args.reserveCapacity(arguments.count)
        for a in arguments { args.append(try compileTerm(a, scope: scope)) }
        let arity: Int
        switch callee {
        case .builtin(let b): arity = b.arity
        case .function(let p): arity = context.functionArity[p] ?? args.count
        case .special(let s): arity = s.arity
        }
        if arity >= 0 && args.count == arity + 1 {
            // `f(x, out)`: the last argument receives the result.
            let output = args.removeLast()
            return .call(.special(.eq), [output, .call(callee, args, location: location)], location: location)
        }
        if args.count != arity && arity >= 0 {
            throw RegoError(
                .typeCheck, "\(callee.name): arity mismatch\n\thave: \(args.count) arguments\n\twant: \(arity) arguments",
                at: location)
        }
        return .call(callee, args, location: location)
    }

    /// Resolves a function name as written (`f`, `lib.f`, `data.lib.f`, `count`, `a.b` operator).
    func resolveFunction(_ path: [String]) -> Callee? {
        var full: [String]? = nil
        if path[0] == "data" {
            full = Array(path.dropFirst())
        } else if let imported = context.imports[path[0]], imported[0] == "data" {
            full = Array(imported.dropFirst()) + path.dropFirst()
        } else if context.ruleNames.contains(path[0]) {
            full = context.package + path
        }
        if let full, context.functionArity[full] != nil { return .function(full) }
        let name = path.joined(separator: ".")
        if let special = SpecialCall(rawValue: name) { return .special(special) }
        if let builtin = BuiltinTable.lookup(name) { return .builtin(builtin) }
        return nil
    }
}

extension SpecialCall {
    /// Operand count (the evaluator's own calls); -1 for variadic.
    var arity: Int {
        switch self {
        case .eq, .assign, .member2, .equal, .neq, .lt, .lte, .gt, .gte: return 2
        case .member3: return 3
        case .print: return -1
        case .walk: return 1
        }
    }
}
