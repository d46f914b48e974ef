import Testing

@testable import Rego

@Suite struct RuleParsingTests {
    static func module(_ rules: String) throws -> Module {
        try Parser.parseModule(SourceFile(name: "test.rego", text: "package test\n\n" + rules))
    }

    static func render(_ rules: String) throws -> [String] {
        try module(rules).rules.map(ASTRendering.render)
    }

    @Test(arguments: [
        ("p := 1", "p := 1"),
        ("p = 1", "p = 1"),
        ("p if { true }", "p if { true }"),
        ("p if true", "p if { true }"),
        ("p if x > 1", "p if { gt(x, 1) }"),
        ("p := v if { v := 1 }", "p := v if { assign(v, 1) }"),
        ("p = v if v := 1", "p = v if { assign(v, 1) }"),
        ("p contains x if { some x in [1, 2] }", "p contains x if { some x in [1, 2] }"),
        ("p contains \"a\"", "p contains \"a\""),
        ("p contains x if x := 1", "p contains x if { assign(x, 1) }"),
        ("default p := false", "default p := false"),
        ("default p = {\"a\": [1, {2}]}", "default p = {\"a\": [1, {2}]}"),
        ("default p := [x | x := 1]", "default p := [x | assign(x, 1)]"),
        ("p if {\n  x := 1\n  x > 0; x < 2\n}", "p if { assign(x, 1); gt(x, 0); lt(x, 2) }"),
        // OPA tries a literal first after `if`: an object (or comprehension) is the one literal.
        ("p if {\"a\": 1}", "p if { {\"a\": 1} }"),
        ("p if {}", "p if { {} }"),
        ("p if { x | x := 1 }", "p if { {x | assign(x, 1)} }"),
    ])
    func plainRules(source: String, expected: String) throws {
        #expect(try Self.render(source) == [expected])
    }

    @Test(arguments: [
        ("a.b.c := 1", "a.b.c := 1"),
        ("a.b[x].c := y if { y := x }", "a.b[x].c := y if { assign(y, x) }"),
        ("a.b contains x if { x := 1 }", "a.b contains x if { assign(x, 1) }"),
        ("p[x] := y if { y := x }", "p[x] := y if { assign(y, x) }"),
        ("p[x] if { x := 1 }", "p[x] if { assign(x, 1) }"),
        ("p[\"k\"] := 1", "p.k := 1"),
        ("p[\"a-b\"].c := 1", "p[\"a-b\"].c := 1"),
        ("p [x] := 1 if x := 1", "p[x] := 1 if { assign(x, 1) }"),
        ("a.if.else := 1", "a.if.else := 1"),
        ("if.foo contains \"a\"", "if.foo contains \"a\""),
        ("q[1] = 2", "q[1] = 2"),
    ])
    func refHeads(source: String, expected: String) throws {
        #expect(try Self.render(source) == [expected])
    }

    @Test func refHeadsKeepEachSegment() throws {
        let rule = try Self.module("a.b[x][\"c\"] := 1 if { x := 1 }").rules[0]
        let segments = rule.head.reference.map { element -> String in
            switch element.kind {
            case .scalar(.string(let text)): return "string \(text)"
            case .variable(let name): return "var \(name)"
            default: return "other"
            }
        }
        #expect(segments == ["string a", "string b", "var x", "string c"])
        #expect(rule.head.arguments == nil)
        #expect(rule.head.usesAssignment)
    }

    @Test(arguments: [
        ("f(x, y) := z if { z := x + y }", "f(x, y) := z if { assign(z, plus(x, y)) }"),
        ("f(x) if { x }", "f(x) if { x }"),
        ("f(1, [a, _]) := a", "f(1, [a, _]) := a"),
        ("lib.util.f(x) := x", "lib.util.f(x) := x"),
        ("f(x) := y if y := x", "f(x) := y if { assign(y, x) }"),
        ("default f(_) := 0", "default f(_) := 0"),
        ("default f(x, _, _) := 0", "default f(x, _, _) := 0"),
    ])
    func functions(source: String, expected: String) throws {
        #expect(try Self.render(source) == [expected])
    }

    @Test func functionsMayHaveSeveralDefinitions() throws {
        let rules = try Self.render("f(1) := \"one\"\nf(2) := \"two\"\nf(x) := \"many\" if { x > 2 }")
        #expect(rules == ["f(1) := \"one\"", "f(2) := \"two\"", "f(x) := \"many\" if { gt(x, 2) }"])
    }

    @Test(arguments: [
        (
            "p := 1 if { false } else := 2 if { false } else := 3",
            "p := 1 if { false } else := 2 if { false } else := 3"
        ),
        ("p := 1 if { false } else = 2 { true }", "p := 1 if { false } else := 2 if { true }"),
        ("p if { false } else if { true }", "p if { false } else if { true }"),
        ("p if { false } else := false", "p if { false } else := false"),
        ("p := 1 if false else := 2 if true", "p := 1 if { false } else := 2 if { true }"),
        ("f(x) := 1 if { x } else := 2", "f(x) := 1 if { x } else := 2"),
        ("p[\"k\"] := 1 if { false } else := 2", "p.k := 1 if { false } else := 2"),
        (
            "p := 1 if {\n  false\n} else := 2 if {\n  false\n} else := 3",
            "p := 1 if { false } else := 2 if { false } else := 3"
        ),
    ])
    func elseChains(source: String, expected: String) throws {
        #expect(try Self.render(source) == [expected])
    }

    @Test func elseClausesRecordValueBodyAndLocation() throws {
        let rule = try Self.module("p := 1 if { false }\n  else := 2 if { true }\n  else { true }\n  else := 4").rules[0]
        #expect(rule.elseClauses.count == 3)
        #expect(rule.elseClauses.map { "\($0.location.line):\($0.location.column)" } == ["4:3", "5:3", "6:3"])
        #expect(rule.elseClauses[1].value == nil)
        #expect(rule.elseClauses[2].body.isEmpty)
    }

    @Test func severalBodiesDefineTheRuleSeveralTimes() throws {
        let rules = try Self.module("p if { a } { b }\nq := 1 if { c }\n{ d }").rules
        #expect(rules.map(ASTRendering.render) == ["p if { a }", "p if { b }", "q := 1 if { c }", "q := 1 if { d }"])
        #expect(rules.map { "\($0.location.line):\($0.location.column)" } == ["3:1", "3:12", "4:1", "5:1"])
    }

    @Test func rulesAndHeadsAreLocatedAtTheirFirstToken() throws {
        let rules = try Self.module("default  allow := false\n\n  a.b[x] := 1 if { x := 1 }").rules
        #expect("\(rules[0].location.line):\(rules[0].location.column)" == "3:1")
        #expect("\(rules[0].head.location.line):\(rules[0].head.location.column)" == "3:10")
        #expect("\(rules[1].location.line):\(rules[1].location.column)" == "5:3")
        #expect(rules[1].head.reference.map(\.location.column) == [3, 5, 7])
    }

    @Test func bodyLiteralsKeepTheirText() throws {
        let rule = try Self.module("p if {\n  x := input.a   # the a\n  not x == 2\n}").rules[0]
        #expect(rule.body.map(\.text) == ["x := input.a", "not x == 2"])
        #expect(rule.body.map(\.location.line) == [4, 5])
    }

    @Test func packagesAndImports() throws {
        let module = try Parser.parseModule(SourceFile(name: "m.rego", text: """
            # header comment
            package a.b["c-d"]

            import rego.v1
            import future.keywords.in
            import future.keywords
            import data.x.y as z
            import input.headers
            import data.lib["util-x"]

            p := z
            """))
        #expect(module.package == ["a", "b", "c-d"])
        #expect(module.file == "m.rego")
        #expect("\(module.location.line):\(module.location.column)" == "2:1")
        #expect(module.imports.map(\.path) == [
            ["rego", "v1"], ["future", "keywords", "in"], ["future", "keywords"], ["data", "x", "y"],
            ["input", "headers"], ["data", "lib", "util-x"],
        ])
        #expect(module.imports.map(\.boundName) == ["v1", "in", "keywords", "z", "headers", "util-x"])
        #expect(module.imports.map(\.location.line) == [4, 5, 6, 7, 8, 9])
        #expect(module.rules.count == 1)
    }

    @Test func keywordsMayBeRefSegments() throws {
        #expect(try Self.render("p if {\n  in.foo == 1\n  foo.in == 2\n}\nin.foo := 1\nfoo.in := 2") == [
            "p if { equal(in.foo, 1); equal(foo.in, 2) }", "in.foo := 1", "foo.in := 2",
        ])
    }
}
