import Testing

@testable import Rego

@Suite struct LexerTests {
    /// Every token of `source` as `kind text@line:col`.
    static func tokens(_ source: String) throws -> [String] {
        var lexer = Lexer(text: source, file: "t.rego")
        var out: [String] = []
        while true {
            let token = try lexer.next()
            if token.kind == .eof { return out }
            out.append("\(kindName(token.kind)) \(lexer.text(token.start, token.end))@\(token.line):\(token.column)")
        }
    }

    static func kindName(_ kind: Token.Kind) -> String {
        switch kind {
        case .eof: return "eof"
        case .identifier: return "ident"
        case .keyword: return "keyword"
        case .number: return "number"
        case .string: return "string"
        case .rawString: return "raw"
        case .templatePart(let raw, let last): return "template(\(raw ? "raw" : "quoted"),\(last ? "end" : "part"))"
        case .symbol(let symbol): return "symbol(\(symbol.name))"
        }
    }

    @Test func scansIdentifiersKeywordsNumbersAndSymbols() throws {
        let tokens = try Self.tokens("p contains x if {\n  x := a.b[0] + 1.5e3 # note\n}")
        #expect(tokens == [
            "ident p@1:1", "keyword contains@1:3", "ident x@1:12", "keyword if@1:14", "symbol({) {@1:17",
            "ident x@2:3", "symbol(assign) :=@2:5", "ident a@2:8", "symbol(.) .@2:9", "ident b@2:10",
            "symbol([) [@2:11", "number 0@2:12", "symbol(]) ]@2:13", "symbol(plus) +@2:15", "number 1.5e3@2:17",
            "symbol(}) }@3:1",
        ])
    }

    @Test(arguments: [
        ("==", "equal"), ("!=", "neq"), ("<=", "lte"), (">=", "gte"), ("<", "lt"), (">", "gt"), ("=", "eq"),
        (":=", "assign"), (":", ":"), ("|", "or"), ("&", "and"), ("*", "mul"), ("/", "div"), ("%", "rem"),
        ("-", "minus"), (";", ";"),
    ])
    func scansOperators(source: String, name: String) throws {
        #expect(try Self.tokens(source) == ["symbol(\(name)) \(source)@1:1"])
    }

    @Test func minusIsNeverPartOfANumber() throws {
        #expect(try Self.tokens("-1") == ["symbol(minus) -@1:1", "number 1@1:2"])
        #expect(try Self.tokens("1-2") == ["number 1@1:1", "symbol(minus) -@1:2", "number 2@1:3"])
    }

    @Test func aLeadingDotIsNotPartOfANumber() throws {
        #expect(try Self.tokens(".5") == ["symbol(.) .@1:1", "number 5@1:2"])
    }

    @Test func recordsSpacingBeforeTokens() throws {
        var lexer = Lexer(text: "a[0] b\n# c\n[1]", file: "t")
        var spacing: [(Bool, Bool)] = []
        while true {
            let token = try lexer.next()
            if token.kind == .eof { break }
            spacing.append((token.followsSpace, token.followsNewline))
        }
        let expected: [(Bool, Bool)] = [
            (false, false), (false, false), (false, false), (false, false), (true, false), (true, true),
            (false, false), (false, false),
        ]
        #expect(spacing.map(\.0) == expected.map(\.0))
        #expect(spacing.map(\.1) == expected.map(\.1))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        #expect(try Self.tokens("\"héllo\" x") == ["string \"héllo\"@1:1", "ident x@1:9"])
        #expect(try Self.tokens("# ünïcode\n  y") == ["ident y@2:3"])
    }

    @Test func locationsCarryByteOffsets() throws {
        var lexer = Lexer(text: "é x", file: "f.rego")
        // `é` is an illegal token: OPA identifiers are ASCII.
        #expect(throws: RegoError.self) { try lexer.next() }
        var other = Lexer(text: "ab\ncd", file: "f.rego")
        _ = try other.next()
        let second = try other.next()
        #expect(second.start == 3)
        #expect(other.location(at: second.start) == SourceLocation(file: "f.rego", line: 2, column: 1, offset: 3))
    }

    @Test func skipsALeadingByteOrderMark() throws {
        #expect(try Self.tokens("\u{FEFF}x") == ["ident x@1:1"])
    }

    @Test func scansRawAndTemplateStrings() throws {
        #expect(try Self.tokens("`a\nb` y") == ["raw `a\nb`@1:1", "ident y@2:4"])
        #expect(try Self.tokens("$\"a \\{ b\"") == ["template(quoted,end) $\"a \\{ b\"@1:1"])
        #expect(try Self.tokens("$`x {") == ["template(raw,part) $`x {@1:1"])
    }

    @Test func continuesTemplateStringsAfterAnExpression() throws {
        var lexer = Lexer(text: "$\"a {x} b\" c", file: "t")
        let first = try lexer.next()
        #expect(first.kind == .templatePart(raw: false, last: false))
        let expression = try lexer.next()
        #expect(lexer.text(expression.start, expression.end) == "x")
        let brace = try lexer.next()
        #expect(brace.isSymbol(.rightBrace))
        let rest = try lexer.continueTemplate(raw: false, closingBrace: brace)
        #expect(rest.kind == .templatePart(raw: false, last: true))
        #expect(lexer.text(rest.start, rest.end) == "} b\"")
        let after = try lexer.next()
        #expect(lexer.text(after.start, after.end) == "c")
    }

    @Test(arguments: [
        ("\"abc", "non-terminated string", 1),
        ("\"a\nb\"", "non-terminated string", 1),
        ("`abc", "non-terminated string", 1),
        ("x \"\\x\"", "illegal escape sequence", 3),
        ("1.", "expected fraction", 1),
        ("1e+", "expected exponent", 1),
        ("0a2b", "illegal number format", 1),
        ("a ! b", "illegal ! character", 3),
        ("$x", "illegal $ character", 1),
        ("x @", "illegal token", 3),
        ("x \u{0}", "illegal null character", 3),
        ("# a \u{0}", "illegal null character", 1),
        ("x \u{FEFF}", "illegal byte-order mark", 3),
        ("$\"abc", "non-terminated string", 1),
    ])
    func reportsScannerErrorsAtTheToken(source: String, message: String, column: Int) {
        #expect {
            _ = try Self.tokens(source)
        } throws: { error in
            guard let error = error as? RegoError else { return false }
            return error.code == .parse && error.message == message && error.location?.column == column
                && error.location?.line == 1
        }
    }
}
