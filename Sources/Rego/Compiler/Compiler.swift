/// Modules → `Program`: parse, resolve names, compile rule definitions, build the rule tree and
/// indexes. Queries compile against a program.
enum Compiler {
    static func compile(modules sources: [SourceFile], data: Value) throws(RegoError) -> Program {
        var modules: [Module] = []
        for source in sources { modules.append(try Parser.parseModule(source)) }
        return try compile(parsed: modules)
    }

    static func compile(parsed modules: [Module]) throws(RegoError) -> Program {
        // Names first: which rule names each package defines and every function's arity.
        var ruleNames: [[String]: Set<String>] = [:]
        var functionArity: [[String]: Int] = [:]
        for module in modules {
            for rule in module.rules {
                guard let name = rule.head.reference.first.flatMap(Self.stringConstant) else { continue }
                ruleNames[module.package, default: []].insert(name)
                if let args = rule.head.arguments {
                    let path = module.package + Self.groundPrefix(rule.head.reference).prefix
                    functionArity[path] = args.count
                }
            }
        }

        var rulePaths: [[String]] = []
        for module in modules {
            for rule in module.rules { rulePaths.append(module.package + Self.groundPrefix(rule.head.reference).prefix) }
        }
        let (tree, treeNodes) = PathTree.build(rulePaths: rulePaths, packages: modules.map(\.package))

        var byPath: [[String]: [CRule]] = [:]
        var defaults: [[String]: CRule] = [:]
        var order: [[String]] = []
        for module in modules {
            var imports: [String: [String]] = [:]
            for imp in module.imports where imp.path.first == "data" || imp.path.first == "input" {
                imports[imp.boundName] = imp.path
            }
            let context = ModuleContext(
                package: module.package, imports: imports, ruleNames: ruleNames[module.package] ?? [],
                functionArity: functionArity, file: module.file, tree: tree)
            for rule in module.rules {
                let compiled = try compileRule(rule, context: context)
                if byPath[compiled.path] == nil && defaults[compiled.path] == nil { order.append(compiled.path) }
                if rule.isDefault {
                    if defaults[compiled.path] != nil {
                        throw RegoError(.typeCheck, "multiple default rules \((["data"] + compiled.path).joined(separator: ".")) found", at: rule.location)
                    }
                    defaults[compiled.path] = compiled
                } else {
                    byPath[compiled.path, default: []].append(compiled)
                }
            }
        }

        var sets: [[String]: RuleSet] = [:]
        var functions: [[String]: RuleSet] = [:]
        for path in order {
            let rules = byPath[path] ?? []
            let kind = (rules.first ?? defaults[path]!).kind
            for r in rules where r.kind != kind && !(Self.compatible(r.kind, kind)) {
                throw RegoError(.typeCheck, "conflicting rules \((["data"] + path).joined(separator: ".")) found", at: r.location)
            }
            let set = RuleSet(
                id: sets.count, path: path, kind: kind, rules: rules, defaultRule: defaults[path],
                index: kind == .function ? nil : RuleIndex.build(rules: rules))
            sets[path] = set
            if kind == .function { functions[path] = set }
        }
        var nodes = [RuleTreeNode?](repeating: nil, count: treeNodes.count)
        let root = freeze(tree, path: [], sets: sets, into: &nodes)
        let tests = order.filter { path in
            guard let last = path.last, let set = sets[path] else { return false }
            return last.hasPrefix("test_") && set.kind == .complete
        }.map { (["data"] + $0).joined(separator: ".") }
        return Program(
            root: root, nodes: nodes.map { $0! }, ruleSetCount: sets.count, tree: tree, functions: functions,
            testRuleNames: tests)
    }

    private static func compatible(_ a: CRule.Kind, _ b: CRule.Kind) -> Bool {
        // Single-value and object-producing definitions may share a path (`p.q := 1`, `p[k] := v`
        // are different paths, but `p[x] := 1` and `p.q := 2` at one prefix both build objects).
        switch (a, b) {
        case (.partialObject, .partialObject), (.complete, .complete), (.multiValue, .multiValue),
            (.function, .function):
            return true
        default: return false
        }
    }

    static func stringConstant(_ t: Term) -> String? {
        if case .scalar(.string(let s)) = t.kind { return s }
        return nil
    }

    /// Splits a head reference into its leading string constants and the rest.
    static func groundPrefix(_ reference: [Term]) -> (prefix: [String], suffix: [Term]) {
        var prefix: [String] = []
        var i = 0
        while i < reference.count, let s = stringConstant(reference[i]) {
            prefix.append(s)
            i += 1
        }
        return (prefix, Array(reference[i...]))
    }

    static func compileRule(_ rule: Rule, context: ModuleContext) throws(RegoError) -> CRule {
        let head = rule.head
        let (prefix, suffixTerms) = groundPrefix(head.reference)
        let kind: CRule.Kind
        if head.arguments != nil {
            kind = .function
        } else if head.key != nil {
            kind = .multiValue
        } else if suffixTerms.isEmpty {
            kind = .complete
        } else {
            kind = .partialObject
        }
        // `p[q].r contains s`: an object whose leaves are sets; built like a partial object.
        let setLeaves = kind == .multiValue && !suffixTerms.isEmpty
        let effectiveKind: CRule.Kind = setLeaves ? .partialObject : kind

        var compiler = BodyCompiler(context: context)
        var bound = Set<Int>()
        // Function parameters are locals even when they share a rule's name.
        var parameterNames: [String] = []
        for a in head.arguments ?? [] { compiler.collectVariables(a, into: &parameterNames) }
        for name in parameterNames where name != "_" { bound.insert(compiler.layout.declare(name, in: 0)) }
        var headTerms = suffixTerms
        if let key = head.key { headTerms.append(key) }
        if let value = head.value { headTerms.append(value) }
        compiler.declareScope(rule.body, extraTerms: headTerms, scope: 0)

        var parameters: [CTerm] = []
        for a in head.arguments ?? [] {
            let t = try compiler.compileTerm(a, scope: 0)
            bound.formUnion(Scheduler(layout: compiler.layout, scope: 0).shallowSlots(t))
            parameters.append(t)
        }
        let body = try compiler.compileBody(rule.body, scope: 0, bound: bound)
        var suffix: [CTerm] = []
        for t in suffixTerms { suffix.append(try compiler.compileTerm(t, scope: 0)) }
        let key = try head.key.map { (k) throws(RegoError) in try compiler.compileTerm(k, scope: 0) }
        let value = try head.value.map { (v) throws(RegoError) in try compiler.compileTerm(v, scope: 0) } ?? .constant(.true)
        var elses: [(value: CTerm, body: CBody)] = []
        for e in rule.elseClauses {
            compiler.declareScope(e.body, extraTerms: e.value.map { [$0] } ?? [], scope: 0)
            let b = try compiler.compileBody(e.body, scope: 0, bound: bound)
            let v = try e.value.map { (v) throws(RegoError) in try compiler.compileTerm(v, scope: 0) } ?? .constant(.true)
            elses.append((v, b))
        }
        return CRule(
            kind: effectiveKind, path: context.package + prefix, suffix: suffix, key: key, value: value,
            parameters: parameters, body: body, elseClauses: elses, frameSize: compiler.layout.frameSize,
            location: rule.location)
    }

    private static func freeze(
        _ tree: PathTree, path: [String], sets: [[String]: RuleSet], into nodes: inout [RuleTreeNode?]
    ) -> RuleTreeNode {
        var children: [String: RuleTreeNode] = [:]
        for (key, child) in tree.children {
            children[key] = freeze(child, path: path + [key], sets: sets, into: &nodes)
        }
        let node = RuleTreeNode(id: tree.id, children: children, ruleSet: sets[path], path: path)
        nodes[tree.id] = node
        return node
    }

    // MARK: Queries

    static func compileQuery(_ text: String, program: Program) throws(RegoError) -> CompiledQuery {
        let body = try Parser.parseQuery(text, file: "query")
        return try compileQuery(body, program: program)
    }

    static func compileQuery(_ body: Body, program: Program) throws(RegoError) -> CompiledQuery {
        var arities: [[String]: Int] = [:]
        for (path, set) in program.functions { arities[path] = set.rules.first?.parameters.count ?? set.defaultRule?.parameters.count ?? 0 }
        let context = ModuleContext(
            package: [], imports: [:], ruleNames: [], functionArity: arities, file: "query", tree: program.tree)
        var compiler = BodyCompiler(context: context)
        compiler.declareScope(body, scope: 0)
        var literals: CBody = []
        var expressions: [(slot: Int, text: String, location: SourceLocation)] = []
        for lit in body {
            var compiled = try compiler.compileLiteral(lit, scope: 0)
            var reportsValue = false
            if case .term(let t) = compiled.kind, !lit.negated {
                if case .call = t {} else { reportsValue = true }
            }
            compiled = compiled.reporting(into: compiler.layout.wildcard(in: 0), value: reportsValue)
            expressions.append((compiled.resultSlot, lit.text, lit.location))
            literals.append(compiled)
        }
        let ordered = ScanIndexPlanner.plan(Scheduler(layout: compiler.layout, scope: 0).order(literals))
        var bindings: [(name: String, slot: Int)] = []
        for (slot, name) in compiler.layout.slotNames.enumerated()
        where compiler.layout.slotOwner[slot] == 0 && name != "_" && !name.hasPrefix("$") {
            bindings.append((name, slot))
        }
        return CompiledQuery(body: ordered, frameSize: compiler.layout.frameSize, bindings: bindings, expressions: expressions)
    }
}
