import Testing

@testable import Rego

/// Errors carry OPA's messages (conformance cases match them as substrings) and point at the
/// offending token.
@Suite struct ParseErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var message: String
        var line: Int
        var column: Int
        var testDescription: String { source.debugDescription }

        init(_ source: String, _ message: String, _ line: Int, _ column: Int) {
            self.source = source
            self.message = message
            self.line = line
            self.column = column
        }
    }

    static func moduleError(_ source: String) -> RegoError? {
        do {
            _ = try Parser.parseModule(SourceFile(name: "test.rego", text: source))
            return nil
        } catch {
            return error
        }
    }

    static func check(_ error: RegoError?, _ expected: Case) {
        guard let error else {
            Issue.record("no error for \(expected.source.debugDescription)")
            return
        }
        #expect(error.code == .parse)
        #expect(error.message == expected.message)
        #expect(error.location?.line == expected.line)
        #expect(error.location?.column == expected.column)
    }

    @Test(arguments: [
        // Rego v1 requires `if` and `contains` (checked after the whole file parsed, as in OPA).
        Case("package p\np { true }", "`if` keyword is required before rule body", 2, 1),
        Case("package p\nf(x) { x }", "`if` keyword is required before function body", 2, 1),
        Case("package p\np[x] { x := 1 }", "`if` keyword is required before rule body", 2, 1),
        Case("package p\np[x]", "`contains` keyword is required for partial set rules", 2, 1),
        Case("package p\nq := 1\n  p.q", "`contains` keyword is required for partial set rules", 3, 3),
        Case("package p\np", "var cannot be used for rule name", 2, 1),
        Case("package p\na.b.c", "rule must have value assignment and/or body declaration", 2, 1),
        Case("package p\n1 := 2", "number cannot be used for rule name", 2, 1),
        Case("package p\n[x] := 2", "array cannot be used for rule name", 2, 1),
        Case("package p\nnot p", "negated expressions cannot be used for rule head", 2, 1),
        // A syntax error anywhere wins over the v1 checks, as OPA reports it first.
        Case("package p\np { true }\nq := [", "unexpected eof token", 3, 7),
        Case("p := 1", "package expected", 1, 1),
        Case("", "empty module", 1, 1),
        Case("# just a comment\n", "empty module", 1, 1),
        Case("package p\npackage q", "unexpected package", 2, 1),
    ])
    func regoV1RuleChecks(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test(arguments: [
        Case("package p\np if {", "unexpected eof token", 2, 7),
        Case("package p\np if { x := 1 }}", "unexpected } token", 2, 16),
        Case("package p\np := ", "unexpected eof token", 2, 6),
        Case("package p\np if { x := if }", "unexpected if keyword", 2, 13),
        Case("package p\np if { x := else }", "unexpected else keyword", 2, 13),
        Case("package p\np if { x := [1, 2 }", "unexpected } token: expected \",\" or \"]\"", 2, 19),
        Case("package p\np if { f(1 2) }", "unexpected number token: expected \",\" or \")\"", 2, 12),
        Case("package p\np if { {\"a\" 1} }", "unexpected number token: non-terminated set", 2, 13),
        Case("package p\np if { {\"a\": 1 2} }", "unexpected number token: non-terminated object", 2, 16),
        Case("package p\np if { {\"a\": 1, \"b\" 2} }", "unexpected number token: expected \":\"", 2, 21),
        Case("package p\np if { x y }", "unexpected identifier token: expected \\n or ; or }", 2, 10),
        Case("package p\np if { [x | x y] }", "unexpected identifier token: expected \\n or ; or ]", 2, 15),
        Case("package p\np if { x := 1; }", "unexpected } token", 2, 16),
        Case("package p\np if { [x | ] }", "found empty body", 2, 13),
        Case("package p\np if { x := (1 + 2 }", "non-terminated expression", 2, 20),
        Case("package p\np if { a[1 }", "unexpected } token: expected ]", 2, 12),
        Case("package p\np if { a. b }", "unexpected whitespace token: expected identifier", 2, 11),
        Case("package p\np if { a.1 }", "unexpected number token: expected identifier", 2, 10),
        Case("package p\np if { \"a\".b }", "illegal ref (head cannot be string)", 2, 8),
        Case("package p\np if { 1[0] }", "illegal ref (head cannot be number)", 2, 8),
        Case("package p\np if { x := -[1] }", "unexpected [ token: expected number", 2, 14),
        Case("package p\np if { x := 01 }", "unexpected number token: expected number without leading zero", 2, 13),
        Case("package p\np if { x := 1e400000 }", "number too big", 2, 13),
        Case("package p\np if { x := \"\\q\" }", "illegal escape sequence", 2, 13),
        Case("package p\np if { x := \"abc }", "non-terminated string", 2, 13),
        Case("package p\np if { x := 1.a }", "expected fraction", 2, 13),
        Case("package p\np if { x := @ }", "illegal token", 2, 13),
        Case("package p\np+1", "unexpected plus token", 2, 2),
        Case("package p\np if { x == 1 } x", "var cannot be used for rule name", 2, 17),
    ])
    func syntaxErrors(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test(arguments: [
        Case("package p\np if { not some x }", "unexpected some keyword: illegal negation of 'some'", 2, 12),
        Case("package p\np if { not every x in y { x } }", "unexpected every keyword: illegal negation of 'every'", 2, 12),
        Case("package p\np if { some 1 }", "unexpected number token: expected var", 2, 13),
        Case("package p\np if { some f(x) }", "unexpected } token: expected `x in xs` or `x, y in xs` expression", 2, 18),
        Case("package p\np if { every x in xs }", "unexpected } token: missing body", 2, 22),
        Case("package p\np if { every x { true } }", "unexpected { token: expected `x[, y] in xs { ... }` expression", 2, 16),
        Case("package p\np if { every 1 in xs { true } }", "unexpected { token: expected value to be a variable", 2, 22),
        Case("package p\np if { every [k], v in xs { true } }", "unexpected { token: expected key to be a variable", 2, 27),
        Case("package p\np if { x with 1 as 2 }", "unexpected number token: expected ident", 2, 15),
        Case("package p\np if { x with input 2 }", "unexpected number token: expected as keyword", 2, 21),
        Case("package p\np if { x with f(1) as 2 }", "unexpected as keyword: expected with target path", 2, 20),
    ])
    func literalErrors(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test(arguments: [
        Case("package p\ndefault p := x", "illegal default rule (value cannot contain var)", 2, 1),
        Case("package p\ndefault p := input.x", "illegal default rule (value cannot contain ref)", 2, 1),
        Case("package p\ndefault p := [1, count(x)]", "illegal default rule (value cannot contain call)", 2, 1),
        Case("package p\ndefault p", "illegal default rule (must have a value)", 2, 1),
        Case("package p\ndefault f(x, x) := 1", "illegal default rule (arguments cannot be repeated x)", 2, 1),
        Case("package p\ndefault f(1) := 1", "illegal default rule (arguments cannot contain number)", 2, 1),
        Case("package p\ndefault 1", "unexpected default keyword", 2, 1),
        Case("package p\np[x] := 1 if { true } else := 2", "else keyword cannot be used on rules with variables in head", 2, 23),
        Case("package p\np contains x if { true } else := 2", "else keyword cannot be used on multi-value rules", 2, 26),
        Case("package p\np := 1 if { true } else", "unexpected eof token: expected else value term or rule body", 2, 24),
        Case("package p\np := 1 if { true } else := 2 if", "unexpected eof token: rule body expected", 2, 32),
        Case("package p\np := 1 if { true } else := 2 { false } { true }", "expected else keyword", 2, 40),
        Case(
            "package p\nf(x) contains 1",
            "unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })",
            2, 6),
    ])
    func ruleErrors(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test(arguments: [
        Case("package p\nimport foo.bar",
             "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo (hint: if this is unexpected, try updating OPA)",
             2, 8),
        Case("package p\nimport rego.v2", "invalid import `rego.v2`, must be `rego.v1`", 2, 8),
        Case("package p\nimport future.keywords.foo", "unexpected keyword, must be one of [contains every if in]", 2, 8),
        Case("package p\nimport future.stuff", "invalid import, must be `future.keywords`", 2, 8),
        Case("package p\nimport future.keywords as k", "`future` imports cannot be aliased", 2, 8),
        Case("package p\nimport data.x as 1", "unexpected number token: expected var", 2, 18),
        Case("package p\nimport data.x[y]", "unexpected var token: expecting string", 2, 15),
        Case("package p\nimport data.foo.if", "unexpected import path, must not end with a keyword, got: if", 2, 8),
        Case("package a[1]", "unexpected number token: expecting string", 1, 11),
        Case("package 1", "unexpected number token", 1, 9),
    ])
    func packageAndImportErrors(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test(arguments: [
        Case("package p\np := $\"{}\"", "unexpected } token", 2, 9),
        Case("package p\np := $\"{x := 1}\"", "unexpected assignment (':=') in template-string expression", 2, 9),
        Case("package p\np := $\"{x = 1}\"", "unexpected unification ('=') in template-string expression", 2, 9),
        Case("package p\np := $\"{not x}\"", "unexpected negation ('not') in template-string expression", 2, 9),
        Case("package p\np := $\"{some x in y}\"", "unexpected 'some' in template-string expression", 2, 9),
        Case("package p\np := $\"{x y}\"", "expected } to end template string expression", 2, 11),
        Case("package p\np := $\"abc", "non-terminated string", 2, 6),
        Case("package p\np := $\"a \\}\"", "illegal escape sequence", 2, 6),
    ])
    func templateStringErrors(testCase: Case) {
        Self.check(Self.moduleError(testCase.source), testCase)
    }

    @Test func errorsNameTheFileAndPosition() {
        let error = Self.moduleError("package p\n\np if {\n  x := [1,\n}")
        #expect(error?.description == "test.rego:5:1: rego_parse_error: unexpected } token")
        #expect(error?.location?.offset == 29)
    }

    @Test func queryAndTermErrors() {
        #expect(throws: RegoError.self) { try Parser.parseQuery("x := ") }
        #expect(throws: RegoError.self) { try Parser.parseQuery("x := 1;") }
        #expect(throws: RegoError.self) { try Parser.parseTerm("1 + 2") }
        #expect(throws: RegoError.self) { try Parser.parseTerm("x = 1") }
        #expect(throws: RegoError.self) { try Parser.parseTerm("1; 2") }
        #expect(throws: RegoError.self) { try Parser.parseTerm("") }
        do {
            _ = try Parser.parseQuery("a[", file: "q")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "q:1:3: rego_parse_error: unexpected eof token")
        }
    }
}
