/// Recursive-descent parser for Rego v1, modelled on OPA's `v1/ast/parser.go` so that the same
/// programs parse to the same structure and errors read the same.
///
/// State is one current token plus the lexer behind it. The struct is a value: trying an
/// alternative parse (OPA's save/restore) is `let saved = self … self = saved`. Alternatives are
/// only tried where the retry is cheap (see `parseMembership`, `parseSome`, `parseRuleBody`), so
/// parsing stays linear in the input.
///
/// The first error stops parsing. Errors that OPA only reports once the whole file parsed (the
/// Rego v1 rule checks, "package expected", …) are kept in `deferredError` and thrown at the end,
/// so a syntax error later in the file still wins, as in OPA.
struct RegoParser {
    var lexer: Lexer
    var token: Token
    /// End offset of the last consumed token: literal texts run from their first token to here.
    var previousEnd = 0
    var depth = 0
    var deferredError: RegoError?

    /// Maximum nesting of terms and bodies. Every level costs a few stack frames; the limit keeps
    /// hostile input (`[[[[…`) from overflowing the stack.
    static let maximumDepth = 1_000

    init(text: String, file: String) throws(RegoError) {
        lexer = Lexer(text: text, file: file)
        token = Token(kind: .eof, start: 0, end: 0, line: 1, column: 1, followsSpace: false, followsNewline: false)
        token = try lexer.next()
    }

    var file: String { lexer.file }

    // MARK: - Moving through tokens

    mutating func advance() throws(RegoError) {
        previousEnd = token.end
        token = try lexer.next()
    }

    /// Consumes `symbol` or fails with "unexpected … token: <note>".
    mutating func expect(_ symbol: Symbol, note: String? = nil) throws(RegoError) {
        guard token.isSymbol(symbol) else { throw unexpected(note) }
        try advance()
    }

    var isAtEnd: Bool { token.kind == .eof }

    func location(of token: Token) -> SourceLocation {
        SourceLocation(file: lexer.file, line: token.line, column: token.column, offset: token.start)
    }

    var currentLocation: SourceLocation { location(of: token) }

    func text(of token: Token) -> String { lexer.text(token.start, token.end) }

    func sourceText(from start: Int) -> String { lexer.text(start, Swift.max(start, previousEnd)) }

    /// Whether the byte right after the current token (no space between) is `.` or `[`.
    var refContinuesImmediately: Bool {
        guard let next = lexer.byte(at: token.end) else { return false }
        return next == UInt8(ascii: ".") || next == UInt8(ascii: "[")
    }

    /// OPA lets a keyword start a ref when `.` or `[` follows it directly (`else.x`, `not[0]`),
    /// at the start of literals, rules and paths. Turns such a keyword into an identifier.
    mutating func treatKeywordAsIdentifierBeforeRef() {
        if case .keyword = token.kind, refContinuesImmediately { token.kind = .identifier }
    }

    // MARK: - Nesting

    mutating func enterNesting() throws(RegoError) {
        depth += 1
        if depth > RegoParser.maximumDepth {
            throw RegoError(.parse, "max parsing recursion depth exceeded", at: currentLocation)
        }
    }

    mutating func leaveNesting() { depth -= 1 }

    // MARK: - Errors

    /// OPA's `illegal`: "unexpected <token> [token|keyword][: note]" at the current token.
    func unexpected(_ note: String? = nil) -> RegoError {
        var message = "unexpected \(token.description)"
        if let note { message += ": \(note)" }
        return RegoError(.parse, message, at: currentLocation)
    }

    func error(_ message: String, at location: SourceLocation) -> RegoError {
        RegoError(.parse, message, at: location)
    }

    /// Records an error OPA reports only after parsing succeeded; the first one wins.
    mutating func deferError(_ error: RegoError) {
        if deferredError == nil { deferredError = error }
    }

    func throwDeferredError() throws(RegoError) {
        if let deferredError { throw deferredError }
    }
}
