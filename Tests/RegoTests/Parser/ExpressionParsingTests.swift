import Testing

@testable import Rego

@Suite struct ExpressionParsingTests {
    static func render(_ query: String) throws -> String {
        ASTRendering.render(try Parser.parseQuery(query))
    }

    @Test(arguments: [
        ("1 + 2 * 3", "plus(1, mul(2, 3))"),
        ("1 * 2 + 3", "plus(mul(1, 2), 3)"),
        ("1 - 2 - 3", "minus(minus(1, 2), 3)"),
        ("8 / 4 / 2", "div(div(8, 4), 2)"),
        ("7 % 4 * 2", "mul(rem(7, 4), 2)"),
        ("(1 + 2) * 3", "mul(plus(1, 2), 3)"),
        ("a | b & c", "or(a, and(b, c))"),
        ("a & b | c", "or(and(a, b), c)"),
        ("a + b & c", "and(plus(a, b), c)"),
        ("a | b == c", "equal(or(a, b), c)"),
        ("a == b != c", "neq(equal(a, b), c)"),
        ("a < b", "lt(a, b)"),
        ("a <= b", "lte(a, b)"),
        ("a > b", "gt(a, b)"),
        ("a >= b", "gte(a, b)"),
        ("x in xs", "internal.member_2(x, xs)"),
        ("x == y in z", "internal.member_2(equal(x, y), z)"),
        ("x in xs == true", "internal.member_2(x, equal(xs, true))"),
        ("x in xs in ys", "internal.member_2(internal.member_2(x, xs), ys)"),
        ("k, v in obj", "internal.member_3(k, v, obj)"),
        ("k, v in obj in s", "internal.member_2(internal.member_3(k, v, obj), s)"),
        ("x := 1 + 2", "assign(x, plus(1, 2))"),
        ("x = y in z", "eq(x, internal.member_2(y, z))"),
        ("x := k, v in o", "assign(x, internal.member_3(k, v, o))"),
        ("[x | y]", "[x | y]"),
        ("[(x | y)]", "[or(x, y)]"),
        ("[a + b | c]", "[or(plus(a, b), c)]"),
        ("{a + b | c}", "{or(plus(a, b), c)}"),
        ("f(a, b, c)", "f(a, b, c)"),
        ("f(x in y, k, v in o)", "f(internal.member_2(x, y), k, internal.member_2(v, o))"),
    ])
    func operatorsFollowOPAPrecedence(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test(arguments: [
        ("a.b[c][\"d\"][0]", "a.b[c].d[0]"),
        ("a[\"x-y\"]", "a[\"x-y\"]"),
        ("input.if.else.contains", "input.if.else.contains"),
        ("f(x).y", "f(x).y"),
        ("f(x)[0].z", "f(x)[0].z"),
        ("a.b.c(x)", "a.b.c(x)"),
        ("a[0](x)", "a[0](x)"),
        ("[1, 2][0]", "[1, 2][0]"),
        ("{\"a\": 1}.a", "{\"a\": 1}.a"),
        ("{1}[1]", "{1}[1]"),
        ("[x | x := 1][0]", "[x | assign(x, 1)][0]"),
        ("(x)[0]", "x[0]"),
        ("a[b[c]]", "a[b[c]]"),
        ("a[k, v in o]", "a[internal.member_3(k, v, o)]"),
        ("contains(s, \"a\")", "contains(s, \"a\")"),
        ("f()", "f()"),
        ("set()", "set()"),
    ])
    func refsAndCalls(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func emptySetConstructorIsAnEmptySetTerm() throws {
        let term = try Parser.parseTerm("set()")
        guard case .set(let items) = term.kind else {
            Issue.record("expected a set, got \(ASTRendering.render(term))")
            return
        }
        #expect(items.isEmpty)
    }

    @Test func refsNeedAdjacentSuffixes() throws {
        // `a [0]` is the term `a` followed by the array `[0]`: not a ref. (A query, like OPA's,
        // needs no separator between literals on one line; a rule body does.)
        #expect(try Self.render("a [0]") == "a; [0]")
        #expect(throws: RegoError.self) { try Parser.parseModule(SourceFile(name: "m", text: "package m\np if { a [0] }")) }
        #expect(try Self.render("x := a\n[1][0] == 1") == "assign(x, a); equal([1][0], 1)")
        #expect(try Self.render("x := f\n(1)") == "assign(x, f); 1")
    }

    @Test(arguments: [
        ("{}", "{}"),
        ("{1, 2}", "{1, 2}"),
        ("{\"a\": 1, \"b\": [true, null]}", "{\"a\": 1, \"b\": [true, null]}"),
        ("{a: 1}", "{a: 1}"),
        ("{1 + 2: 3}", "{plus(1, 2): 3}"),
        ("{\"a\": 1 + 2, \"b\": x | y}", "{\"a\": plus(1, 2), \"b\": or(x, y)}"),
        ("[1, [2, [3]]]", "[1, [2, [3]]]"),
        ("[1, 2,]", "[1, 2]"),
        ("{1, 2,}", "{1, 2}"),
        ("{\"a\": 1,}", "{\"a\": 1}"),
        ("[, 1, 2]", "[1, 2]"),
        ("{, a | b}", "{or(a, b)}"),
        ("[\n  1,\n  2\n]", "[1, 2]"),
    ])
    func collections(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test(arguments: [
        ("[x | x := xs[_]]", "[x | assign(x, xs[_])]"),
        ("{x | some x in xs}", "{x | some x in xs}"),
        ("{k: v | some k, v in o}", "{k: v | some k, v in o}"),
        ("{a | b}", "{a | b}"),
        ("{\"a\": x | y}", "{\"a\": x | y}"),
        ("[x | x := 1; x > 0]", "[x | assign(x, 1); gt(x, 0)]"),
        ("[x |\n  x := 1\n  x > 0\n]", "[x | assign(x, 1); gt(x, 0)]"),
        ("[[y | y := x] | x := 1]", "[[y | assign(y, x)] | assign(x, 1)]"),
        ("{x: {y | y := x} | x := 1}", "{x: {y | assign(y, x)} | assign(x, 1)}"),
    ])
    func comprehensions(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test(arguments: [
        ("-1", "-1"),
        ("- 1", "-1"),
        ("-1.5e3", "-1500"),
        ("x - -1", "minus(x, -1)"),
        ("1-1", "minus(1, 1)"),
        ("[-1, - 2]", "[-1, -2]"),
        ("-x", "minus(0, x)"),
        ("-input.n * 2", "mul(minus(0, input.n), 2)"),
        ("-f(x)", "minus(0, f(x))"),
        (".5", "0.5"),
        ("-.5", "-0.5"),
        ("0.25", "0.25"),
        ("0e3", "0"),
        ("1e3", "1000"),
        ("2E-1", "0.2"),
    ])
    func numbersAndUnaryMinus(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func negativeLiteralsAreScalarsNotCalls() throws {
        let term = try Parser.parseTerm("-7")
        guard case .scalar(.number(let number)) = term.kind else {
            Issue.record("expected a number, got \(ASTRendering.render(term))")
            return
        }
        #expect(number.intValue == -7)
    }

    @Test func numbersBeyondDoubleStillParse() throws {
        // OPA keeps 2e308 exactly; `Number` has no such case yet, so it becomes infinity.
        let term = try Parser.parseTerm("2e308")
        guard case .scalar(.number(let number)) = term.kind else {
            Issue.record("expected a number")
            return
        }
        #expect(number.doubleValue == .infinity)
    }

    @Test(arguments: [
        (#""a\tb""#, "a\tb"),
        (#""\u00e9\ud83d\ude00""#, "é😀"),
        ("`raw \\n {x}`", "raw \\n {x}"),
        ("`two\nlines`", "two\nlines"),
        (#""""#, ""),
    ])
    func strings(source: String, expected: String) throws {
        let term = try Parser.parseTerm(source)
        guard case .scalar(.string(let text)) = term.kind else {
            Issue.record("expected a string, got \(ASTRendering.render(term))")
            return
        }
        #expect(text == expected)
    }

    @Test(arguments: [
        (#"$"a {x} b""#, #"$"a {x} b""#),
        (#"$"{x}{y}""#, #"$"{x}{y}""#),
        (#"$"n={count(xs) + 1}""#, #"$"n={plus(count(xs), 1)}""#),
        (#"$"set {{1, 2}} obj {{"a": 1}}""#, #"$"set {{1, 2}} obj {{"a": 1}}""#),
        (#"$"esc \{x} \u00e9 \"q\"""#, #"$"esc {x} é "q"""#),
        (#"$"""#, #"$"""#),
        ("$`multi\nline {x}`", "$\"multi\nline {x}\""),
        ("$`raw \\{ \\n`", "$\"raw { \\n\""),
        (#"$"outer {$"inner {x}"}""#, #"$"outer {$"inner {x}"}""#),
        (#"$"{x in xs}""#, #"$"{internal.member_2(x, xs)}""#),
    ])
    func templateStrings(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func templateStringPartsKeepTextAndExpressionsApart() throws {
        let term = try Parser.parseTerm(#"$"a {x} b""#)
        guard case .template(let parts) = term.kind, parts.count == 3,
            case .text("a ") = parts[0], case .expression(let expression) = parts[1], case .text(" b") = parts[2]
        else {
            Issue.record("unexpected template \(ASTRendering.render(term))")
            return
        }
        #expect(expression.variableName == "x")
        #expect(term.location.column == 1)
        #expect(expression.location.column == 6)
    }

    @Test func bareRootDocumentsAreVariables() throws {
        #expect(try Parser.parseTerm("input").variableName == "input")
        #expect(try Parser.parseTerm("data.a.b").staticPath == ["data", "a", "b"])
    }

    @Test func wildcardsStayUnderscores() throws {
        #expect(try Self.render("xs[_] == ys[_]") == "equal(xs[_], ys[_])")
    }

    @Test func operatorCallsSitAtTheirFirstOperandAndNameTheOperatorPosition() throws {
        let body = try Parser.parseQuery("x :=  a +  b")
        guard case .term(let assign) = body[0].kind, case .call(let assignName, let operands) = assign.kind,
            case .call(let plusName, _) = operands[1].kind
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(assign.location.column == 1)
        #expect(assignName.location.column == 3)
        #expect(operands[1].location.column == 7)
        #expect(plusName.location.column == 9)
        #expect(plusName.variableName == "plus")
        // `in` calls a builtin with a dotted name, so its function is a ref.
        let member = try Parser.parseQuery("1 in [1]")
        guard case .term(let call) = member[0].kind, case .call(let function, _) = call.kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(function.staticPath == ["internal", "member_2"])
    }
}
