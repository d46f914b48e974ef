import Testing

@testable import Rego

@Suite struct LiteralParsingTests {
    static func render(_ query: String) throws -> String {
        ASTRendering.render(try Parser.parseQuery(query))
    }

    @Test(arguments: [
        ("some x", "some x"),
        ("some x, y, _", "some x, y, _"),
        ("some x in xs", "some x in xs"),
        ("some k, v in {\"a\": 1}", "some k, v in {\"a\": 1}"),
        ("some [a, b] in pairs", "some [a, b] in pairs"),
        ("some x in xs with input as 1", "some x in xs with input as 1"),
        ("some x\nx := 1", "some x; assign(x, 1)"),
        ("some x, y\nx := y", "some x, y; assign(x, y)"),
    ])
    func someDeclarations(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func someInKeepsKeyValueAndCollection() throws {
        let body = try Parser.parseQuery("some k, v in obj")
        guard case .someIn(let key, let value, let collection) = body[0].kind else {
            Issue.record("expected some-in")
            return
        }
        #expect(key?.variableName == "k")
        #expect(value.variableName == "v")
        #expect(collection.variableName == "obj")
    }

    @Test(arguments: [
        ("every x in xs { x > 0 }", "every x in xs { gt(x, 0) }"),
        ("every k, v in o { k == v; v }", "every k, v in o { equal(k, v); v }"),
        ("every x in [1, 2] {\n  x > 0\n  x < 3\n}", "every x in [1, 2] { gt(x, 0); lt(x, 3) }"),
        ("every x in xs { true } with input as {}", "every x in xs { true } with input as {}"),
    ])
    func everyLiterals(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test(arguments: [
        ("not p", "not p"),
        ("not x == 1", "not equal(x, 1)"),
        ("not f(x) with input as 1", "not f(x) with input as 1"),
        ("p with input as {\"a\": 1} with data.x.y as true", "p with input as {\"a\": 1} with data.x.y as true"),
        ("x := f(1) with f as g", "assign(x, f(1)) with f as g"),
        ("p with input.a as 1 + 2", "p with input.a as plus(1, 2)"),
        // A keyword written right before `.`/`[` starts a ref (OPA's keywords-in-refs).
        ("not.x == 1", "equal(not.x, 1)"),
        ("x := 1\nwith.y == 2", "assign(x, 1); equal(with.y, 2)"),
    ])
    func negationAndWith(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func literalTextIsTheSourceAsWritten() throws {
        let body = try Parser.parseQuery("x :=   [1,\n  2]  ;  not  p with input as {}\n# comment\nsome k, v in o # trailing")
        #expect(body.map(\.text) == ["x :=   [1,\n  2]", "not  p with input as {}", "some k, v in o"])
    }

    @Test func literalLocationsAreAtTheirFirstToken() throws {
        let body = try Parser.parseQuery("a\n  not b; c == 1\n\tevery x in y { x }")
        #expect(body.map { "\($0.location.line):\($0.location.column)" } == ["1:1", "2:3", "2:10", "3:2"])
        #expect(body.allSatisfy { $0.location.file == "query" })
        #expect(body[1].location.offset == 4)
    }

    @Test func withModifiersRecordTheirPositions() throws {
        let body = try Parser.parseQuery("p with input as 1\n  with data.a as 2")
        #expect(body[0].withModifiers.map { "\($0.location.line):\($0.location.column)" } == ["1:3", "2:3"])
        #expect(body[0].withModifiers.map { $0.target.staticPath ?? [] } == [["input"], ["data", "a"]])
    }

    @Test func queriesSeparateLiteralsBySemicolonsNewlinesOrNothing() throws {
        #expect(try Self.render("x := 1; y := 2\nz := 3 w := 4") == "assign(x, 1); assign(y, 2); assign(z, 3); assign(w, 4)")
        #expect(try Parser.parseQuery("").isEmpty)
        #expect(try Parser.parseQuery("  # nothing but a comment\n").isEmpty)
    }

    @Test func operatorsContinueAcrossLineBreaks() throws {
        // As in OPA, an operator at the start of the next line continues the expression.
        #expect(try Self.render("x := 1\n- 1") == "assign(x, minus(1, 1))")
        #expect(try Self.render("x := [1,\n2] == [\n1, 2]") == "assign(x, equal([1, 2], [1, 2]))")
    }
}
