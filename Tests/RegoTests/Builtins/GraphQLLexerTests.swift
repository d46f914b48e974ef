import Testing

@testable import Rego

/// The GraphQL lexer against gqlparser's lexing: token kinds, decoded values, and positions
/// counted in Unicode scalars (with gqlparser's quirks kept, since OPA's messages show them).
@Suite struct GraphQLLexerTests {
    struct Lexed: Equatable, CustomStringConvertible {
        var kind: GraphQL.TokenKind
        var value: String
        var line: Int
        var column: Int

        var description: String { "\(kind.name) \(GraphQL.GoText.quote(value)) \(line):\(column)" }
    }

    /// All tokens up to and including the end (or the first malformed one).
    static func lex(_ text: String) -> [Lexed] {
        var lexer = GraphQL.Lexer(text)
        var tokens: [Lexed] = []
        while true {
            let (token, _) = lexer.next()
            tokens.append(Lexed(kind: token.kind, value: token.value, line: token.position.line, column: token.position.column))
            if token.kind == .eof || token.kind == .invalid { return tokens }
        }
    }

    @Test func punctuationNamesAndEnd() {
        #expect(
            GraphQLLexerTests.lex("{ a(b: $c) ... }")
                == [
                    Lexed(kind: .braceL, value: "", line: 1, column: 1),
                    Lexed(kind: .name, value: "a", line: 1, column: 3),
                    Lexed(kind: .parenL, value: "", line: 1, column: 4),
                    Lexed(kind: .name, value: "b", line: 1, column: 5),
                    Lexed(kind: .colon, value: "", line: 1, column: 6),
                    Lexed(kind: .dollar, value: "", line: 1, column: 8),
                    Lexed(kind: .name, value: "c", line: 1, column: 9),
                    Lexed(kind: .parenR, value: "", line: 1, column: 10),
                    Lexed(kind: .spread, value: "", line: 1, column: 12),
                    Lexed(kind: .braceR, value: "", line: 1, column: 16),
                    Lexed(kind: .eof, value: "", line: 1, column: 17),
                ])
    }

    @Test func numbers() {
        let tokens = GraphQLLexerTests.lex("-12 0 3.5e+2 4E1")
        #expect(tokens.map(\.kind) == [.int, .int, .float, .float, .eof])
        #expect(tokens.map(\.value) == ["-12", "0", "3.5e+2", "4E1", ""])
    }

    @Test(arguments: [
        ("\"plain\"", "plain"),
        ("\"a\\nb\\t\\\"q\\\" \\\\ \\/\"", "a\nb\t\"q\" \\ /"),
        ("\"\\u0041\\u00e9\"", "Aé"),
        ("\"ਊ multi-byte\"", "ਊ multi-byte"),
        // A lone surrogate escape becomes U+FFFD, as Go writes it.
        ("\"\\uD800\"", "\u{FFFD}"),
    ])
    func strings(text: String, value: String) {
        let token = GraphQLLexerTests.lex(text)[0]
        #expect(token.kind == .string)
        #expect(token.value == value)
        // A string's position is that of its first character, after the quote.
        #expect(token.column == 2)
    }

    @Test(arguments: [
        ("\"\"\"\n    hello\n      world\n\"\"\"", "hello\n  world"),
        ("\"\"\"  first line\n    second\n  \"\"\"", "  first line\nsecond"),
        ("\"\"\"say \\\"\"\"hi\\\"\"\"\"\"\"", "say \"\"\"hi\"\"\""),
        ("\"\"\"a\r\nb\"\"\"", "a\nb"),
        ("\"\"\"\n\n   \n\"\"\"", ""),
    ])
    func blockStrings(text: String, value: String) {
        let token = GraphQLLexerTests.lex(text)[0]
        #expect(token.kind == .blockString)
        #expect(token.value == value)
    }

    @Test func columnsCountScalarsNotBytes() {
        let tokens = GraphQLLexerTests.lex("\"ਊé\" x")
        #expect(tokens[1] == Lexed(kind: .name, value: "x", line: 1, column: 6))
    }

    @Test func linesCommentsAndByteOrderMarks() {
        #expect(GraphQLLexerTests.lex("# a comment ਊ\n  x")[0] == Lexed(kind: .name, value: "x", line: 2, column: 3))
        #expect(GraphQLLexerTests.lex("\u{FEFF}x")[0] == Lexed(kind: .name, value: "x", line: 1, column: 2))
        #expect(GraphQLLexerTests.lex(",\t, x")[0].column == 5)
        // gqlparser starts the line after "\r" and then skips the "\n": columns on the next
        // line come out one too high.
        #expect(GraphQLLexerTests.lex("a\r\nb")[1] == Lexed(kind: .name, value: "b", line: 2, column: 2))
        #expect(GraphQLLexerTests.lex("a\rb")[1] == Lexed(kind: .name, value: "b", line: 2, column: 1))
    }

    @Test(arguments: [
        ("'", "Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 1),
        ("?", "Cannot parse the unexpected character \"?\".", 1, 1),
        ("..", "Cannot parse the unexpected character \".\".", 1, 1),
        ("\u{01}", "Cannot contain the invalid character \"\\u0001\"", 1, 1),
        ("\"abc", "Unterminated string.", 1, 5),
        ("\"abc\ndef\"", "Unterminated string.", 1, 5),
        ("\"a\\qb\"", "Invalid character escape sequence: \\q.", 1, 4),
        ("\"a\\u12G4\"", "Invalid character escape sequence: \\u12G4.", 1, 4),
        ("00", "Invalid number, unexpected digit after 0: \"0\".", 1, 2),
        ("1.", "Invalid number, expected digit but got: <EOF>.", 1, 3),
        ("1.e", "Invalid number, expected digit but got: \"e\".", 1, 3),
        ("-x", "Invalid number, expected digit but got: \"x\".", 1, 2),
        ("\"\"\"\r", "Unterminated string.", 2, 1),
    ])
    func malformedTokens(text: String, message: String, line: Int, column: Int) {
        var lexer = GraphQL.Lexer(text)
        let (token, failure) = lexer.next()
        #expect(token.kind == .invalid)
        #expect(failure?.message == message)
        #expect(failure?.position == GraphQL.Position(line: line, column: column))
        #expect(token.position == GraphQL.Position(line: line, column: column))
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("a\"b\\c", "\"a\\\"b\\\\c\""),
        ("tab\tnew\nline", "\"tab\\tnew\\nline\""),
        ("\u{01}\u{7F}", "\"\\x01\\x7f\""),
        ("ਊ é", "\"ਊ é\""),
        ("\u{00A0}\u{200B}", "\"\\u00a0\\u200b\""),
    ])
    func goQuoting(text: String, quoted: String) {
        #expect(GraphQL.GoText.quote(text) == quoted)
    }
}
