import Testing

@testable import Rego

/// The scan index changes which elements an iteration visits, never the results: every case runs
/// once with the filter right after the iteration (indexed) and once with a `true` literal in
/// between (a plain scan), and both must give the same solutions in the same order, or the
/// same error.
@Suite struct ScanIndexTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// A module body; `GAP` marks where the reference variant puts `true;`.
        var rules: String
        var query: String
        var data: String
        var inputs: [String]
        /// Whether some iteration is expected to go through a built index (not merely planned).
        var usesIndex = true
        var testDescription: String { name }
    }

    static let policies = """
        {"ps": [
          {"name": "a", "bins": ["/bin/a", "/bin/shared"], "port": 443, "tag": "x"},
          {"name": "b", "bins": ["/bin/b"], "port": 443.0, "tag": "y"},
          {"name": "c", "bins": ["/bin/c", "/bin/shared", "/bin/c"], "port": 80, "tag": "x"},
          {"name": "d", "bins": {"k1": "/bin/d", "k2": "/bin/shared"}, "port": 1.5, "tag": ["x"]},
          {"name": "e", "bins": "/bin/e", "port": 9223372036854775807, "tag": null},
          {"name": "f", "port": 1e19, "tag": true},
          {"name": "g", "bins": [["/bin/g"]], "port": "443", "tag": 1},
          {"name": "h", "bins": ["/bin/h", 7, 7.0], "port": 22, "tag": 1.0},
          {"name": "i", "bins": ["/bin/i"], "port": 443, "tag": "x"},
          {"name": "j", "bins": ["/bin/j", "/bin/shared"], "port": 8443, "tag": {"k": 1}}
        ],
        "byName": {
          "n0": {"kind": "web", "port": 80}, "n1": {"kind": "db", "port": 5432},
          "n2": {"kind": "web", "port": 443}, "n3": {"kind": "cache", "port": 6379},
          "n4": {"kind": "web", "port": 8080}, "n5": {"kind": "db", "port": 3306},
          "n6": {"kind": "queue", "port": 5672}, "n7": {"kind": "web", "port": 443.0},
          "n8": {"kind": "db"}
        },
        "hosts": ["h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h3"],
        "few": [{"tag": "x"}, {"tag": "y"}],
        "one": [{"tag": "x"}],
        "empty": []
        }
        """

    static let nested = """
        {"ps": [
          {"name": "a", "tag": "x", "eps": [{"host": "h1", "port": 1}, {"host": "h2", "port": 2}, {"host": "h1", "port": 3}]},
          {"name": "b", "tag": "y", "eps": [{"host": "h3", "port": 1}]},
          {"name": "c", "tag": "x", "eps": {"k": {"host": "h1", "port": 1.0}, "j": {"host": "h4", "port": 2}}},
          {"name": "d", "tag": "x", "eps": "h1"},
          {"name": "e", "tag": "x"},
          {"name": "f", "tag": "y", "eps": [{"host": "h1", "port": 2}, {"host": ["h1"], "port": 1}, {"port": 1}]}
        ]}
        """

    static let nestedProbes = [
        #"{"host": "h1", "port": 1, "tag": "x"}"#, #"{"host": "h3", "port": 1.0, "tag": "y"}"#,
        #"{"host": ["h1"], "port": 2, "tag": "y"}"#, #"{"host": "zz"}"#, "{}",
    ]

    static let probes = [
        #"{"bin": "/bin/shared", "port": 443, "tag": "x", "kind": "web", "host": "h3", "name": "n2"}"#,
        #"{"bin": "/bin/a", "port": 443.0, "tag": "y", "kind": "db", "host": "h9", "name": "n8"}"#,
        #"{"bin": "/bin/d", "port": 1.5, "tag": ["x"], "kind": "nope", "host": "h0", "name": "zz"}"#,
        #"{"bin": 7, "port": 9223372036854775807, "tag": 1, "name": 1}"#,
        #"{"bin": ["/bin/g"], "port": 1e19, "tag": null}"#,
        #"{"bin": "/bin/e", "port": "443", "tag": true}"#,
        #"{"bin": 7.0, "port": 1.0, "tag": {"k": 1}}"#,
        #"{}"#,
    ]

    static let cases: [Case] = [
        Case(
            name: "membership, as many times as the body holds",
            rules: "allow contains p.name if { some p in data.ps; GAP input.bin in p.bins }",
            query: "data.t.allow", data: policies, inputs: probes),
        Case(
            name: "membership, order kept in an array comprehension",
            rules: "names := [p.name | some p in data.ps; GAP input.bin in p.bins]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "equality on numbers: 443 == 443.0, 1.5, huge integers and doubles",
            rules: "names := [p.name | some p in data.ps; GAP p.port == input.port]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "equality with the probe on the left and mixed kinds",
            rules: "names := [p.name | some p in data.ps; GAP input.tag == p.tag]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "unification instead of comparison",
            rules: "names := [p.name | some p in data.ps; GAP p.tag = input.tag]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "an object iterated by value, with its key bound",
            rules: "names := [k | some k, v in data.byName; GAP v.kind == input.kind]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "an object iterated by key",
            rules: "ports := [v.port | some k, v in data.byName; GAP k == input.name]",
            query: "data.t.ports", data: policies, inputs: probes),
        Case(
            name: "an object's values compared whole, numbers across int and float",
            rules: "names := [k | some k, v in data.byName; GAP v.port == input.port]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "array elements compared whole, with a duplicate",
            rules: "idx := [i | some i, h in data.hosts; GAP h == input.host]",
            query: "data.t.idx", data: policies, inputs: probes),
        Case(
            name: "a probe that iterates (not ground): full scan",
            rules: "names := [p.name | some p in data.ps; GAP p.tag == input.tags[_]]",
            query: "data.t.names", data: policies,
            inputs: [#"{"tags": ["x", 1, true]}"#, #"{"tags": []}"#, "{}"]),
        Case(
            name: "a one-element collection is scanned",
            rules: "names := [p | some p in data.one; GAP p.tag == input.tag]",
            query: "data.t.names", data: policies, inputs: probes, usesIndex: false),
        Case(
            name: "a probe from a local bound earlier",
            rules: "names := [p.name | t := input.tag; some p in data.ps; GAP p.tag == t]",
            query: "data.t.names", data: policies, inputs: probes),
        Case(
            name: "empty and small collections",
            rules: """
                e := [p | some p in data.empty; GAP p.tag == input.tag]
                f := [p | some p in data.few; GAP p.tag == input.tag]
                """,
            query: "[data.t.e, data.t.f]", data: policies, inputs: probes),
        Case(
            name: "a missing collection",
            rules: "m := [p | some p in data.missing; GAP p.tag == input.tag]",
            query: "data.t.m", data: policies, inputs: probes, usesIndex: false),
        Case(
            name: "with replacing the collection, and with replacing input",
            rules: """
                names := [p.name | some p in data.ps; GAP input.bin in p.bins]
                swapped := x if { x := names with data.ps as [{"name": "z", "bins": ["/bin/a"]}] }
                moved := x if { x := names with input.bin as "/bin/c" }
                whole := x if { x := names with input as {"bin": "/bin/j"} }
                """,
            query: "[data.t.swapped, data.t.moved, data.t.whole]", data: policies, inputs: probes),
        Case(
            name: "with replacing data beside the collection",
            rules: """
                names := [p.name | some p in data.ps; GAP p.tag == data.want]
                r := x if { x := names with data.want as "x" }
                """,
            query: "data.t.r", data: policies, inputs: probes),
        Case(
            name: "collections inside each element of an outer iteration",
            rules: """
                eps := [[p.name, e.host] | some p in data.ps; some e in p.eps; GAP e.host == input.host]
                both := [[p.name, e.port] | some p in data.ps; GAP p.tag == input.tag; some e in p.eps; GAP e.port == input.port]
                """,
            query: "[data.t.eps, data.t.both]", data: nested, inputs: nestedProbes),
        Case(
            name: "collections inside each element, replaced by with",
            rules: """
                eps := [[p.name, e.host] | some p in data.ps; some e in p.eps; GAP e.host == input.host]
                r := x if { x := eps with data.ps as [{"name": "w", "eps": [{"host": "h1"}, {"host": "h2"}]}] }
                s := x if { x := eps with data.ps as [data.ps[0], {"name": "z", "eps": [{"host": "h1"}, {"host": "h1"}]}] }
                """,
            query: "[data.t.eps, data.t.r, data.t.s]", data: nested, inputs: nestedProbes),
        Case(
            name: "a query body",
            rules: "",
            query: "some p in data.ps; GAP input.bin in p.bins; n := p.name", data: policies, inputs: probes),
        Case(
            name: "nested iterations, each filtered",
            rules: """
                pairs := [[p.name, q.name] | some p in data.ps; GAP p.tag == input.tag; some q in data.ps; GAP q.port == p.port]
                """,
            query: "data.t.pairs", data: policies, inputs: probes),
    ]

    @Test(arguments: cases)
    func indexedScanAgreesWithFullScan(_ c: Case) throws {
        let indexed = try policy(c, gap: "")
        let reference = try policy(c, gap: "true;")
        let data = try JSONTextParser.parse(c.data)
        let indexedPolicy = try CompiledPolicy(modules: indexed, data: data)
        let indexedQuery = try indexedPolicy.prepare(c.query.replacing("GAP", with: ""))
        let referenceQuery = try CompiledPolicy(modules: reference, data: data)
            .prepare(c.query.replacing("GAP", with: "true;"))
        // Twice: the first evaluation builds the index, the second one uses the built one.
        for _ in 0..<2 {
            for text in c.inputs {
                let input = try JSONTextParser.parse(text)
                let want = try referenceQuery.evaluate(input: input).map(\.bindings)
                let got = try indexedQuery.evaluate(input: input).map(\.bindings)
                #expect(got == want, "input \(text)")
                let wantValue = try referenceQuery.evaluateValue(input: input)
                #expect(try indexedQuery.evaluateValue(input: input) == wantValue, "input \(text)")
            }
        }
        let sites = SiteCollector.sites(indexedPolicy.program) + SiteCollector.sites(indexedQuery.compiled.body)
        #expect(sites.contains { $0.builtIndexes.map { !$0.isEmpty } == true } == c.usesIndex)
    }

    private func policy(_ c: Case, gap: String) throws -> [SourceFile] {
        [SourceFile(name: "t.rego", text: "package t\n" + c.rules.replacing("GAP", with: gap))]
    }

    /// An error the filter's probe raises surfaces as in a full scan: when there are elements,
    /// and not when there are none.
    @Test func probeErrorsMatchAFullScan() throws {
        let data = try JSONTextParser.parse(Self.policies)
        for gap in ["", "true;"] {
            let source = """
                package t
                conflict := 1
                conflict := 2
                some_ps if { some p in data.ps; \(gap) p.tag == conflict }
                none if { some p in data.empty; \(gap) p.tag == conflict }
                """
            let policy = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: source)], data: data)
            #expect(try policy.prepare("data.t.none").evaluateValue() == nil)
            do {
                _ = try policy.prepare("data.t.some_ps").evaluateValue()
                Issue.record("expected a conflict error (gap \(gap))")
            } catch {
                #expect(error.code == .conflict)
            }
        }
    }

    /// Sets are collections too (base data built in Swift can hold them).
    @Test func setsAsCollections() throws {
        let members: [Value] = (0..<20).map { .object(RegoObject([("id", .int($0 % 7)), ("n", .int($0))])) }
        let data = Value.object(RegoObject([("s", .set(RegoSet(members)))]))
        for gap in ["", "true;"] {
            let source = "package t\nns := [m.n | some m in data.s; \(gap) m.id == input.id]"
            let query = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: source)], data: data)
                .prepare("data.t.ns")
            let got = try query.evaluateValue(input: .object(RegoObject([("id", .int(3))])))
            #expect(got == .array([.int(3), .int(10), .int(17)]))
        }
    }

    /// One policy evaluated from many tasks at once: the index is built once and shared.
    @Test func concurrentEvaluationsShareOneIndex() async throws {
        let data = try JSONTextParser.parse(Self.policies)
        let source = "package t\nnames := [p.name | some p in data.ps; input.bin in p.bins]"
        let policy = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: source)], data: data)
        let query = try policy.prepare("data.t.names")
        let results = try await withThrowingTaskGroup(of: Value?.self) { group in
            for _ in 0..<16 {
                group.addTask { try query.evaluateValue(input: .object(RegoObject([("bin", .string("/bin/shared"))]))) }
            }
            var all: [Value?] = []
            for try await r in group { all.append(r) }
            return all
        }
        let want = Value.array(["a", "c", "d", "j"].map { .string($0) })
        #expect(results.allSatisfy { $0 == want })
    }
}

/// Every scan index site of a program or body, nested bodies included.
enum SiteCollector {
    static func sites(_ program: Program) -> [ScanIndexSite] {
        program.nodes.flatMap { node in
            (node.ruleSet?.rules ?? []).flatMap { rule in
                sites(rule.body) + rule.elseClauses.flatMap { sites($0.body) + sites($0.value) } + sites(rule.value)
            }
        }
    }

    static func sites(_ body: CBody) -> [ScanIndexSite] {
        body.flatMap { lit -> [ScanIndexSite] in
            var out = lit.scanIndex.map { [$0] } ?? []
            switch lit.kind {
            case .term(let t): out += sites(t)
            case .someIn(_, _, let c): out += sites(c)
            case .every(_, _, let d, let b, _): out += sites(d) + sites(b)
            case .not(let b): out += sites(b)
            case .noop: break
            }
            return out
        }
    }

    static func sites(_ t: CTerm) -> [ScanIndexSite] {
        switch t {
        case .arrayComprehension(let h, let b), .setComprehension(let h, let b): return sites(h) + sites(b)
        case .objectComprehension(let k, let v, let b): return sites(k) + sites(v) + sites(b)
        case .call(_, let args, _), .array(let args), .set(let args): return args.flatMap(sites)
        case .object(let items): return items.flatMap { sites($0.key) + sites($0.value) }
        case .ref(let h, let p): return sites(h) + p.flatMap(sites)
        case .data(let ref): return ref.path.flatMap(sites)
        default: return []
        }
    }
}
