/// Recursive-descent parser for Rego v1, modelled on OPA's `v1/ast/parser.go` so that the same
/// programs parse to the same structure and errors read the same.
///
/// State is one current token plus the lexer behind it. The struct is a value: trying an
/// alternative parse (OPA's save/restore) is `let saved = self … self = saved`. Alternatives are
/// only tried where the retry is cheap (see `parseKeyValueMembership`, `parseSome`, `parseBodyAfterIf`), so
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

    /// Maximum nesting, counted in the recursive functions that nest (terms, collections,
    /// expressions, literals, bodies), so one level of source nesting costs 2–5 units: `[[…]]`
    /// may nest about 500 deep, template strings about 330. Each unit costs at most about 2.5 KB
    /// of stack in release builds (6 KB in debug builds), so hostile input (`[[[[…`) fails with
    /// an error long before it could exhaust an 8 MB thread stack.
    static let maximumDepth = 1_000

    init(text: String, file: String) throws {
        lexer = Lexer(text: text, file: file)
        token = Token(kind: .eof, start: 0, end: 0, line: 1, column: 1, followsSpace: false, followsNewline: false)
        token = try lexer.next()
    }

    var file: String { lexer.file }

    // MARK: - Moving through tokens

    mutating func advance() throws {
        previousEnd = token.end
        token = try lexer.next()
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

    static let tooDeepMessage = "max parsing recursion depth exceeded"

    mutating func enterNesting() throws {
        depth += 1
        if depth > RegoParser.maximumDepth { try fail(RegoParser.tooDeepMessage) }
    }

    /// Where a failed attempt is normally retried another way, running out of depth is final:
    /// the retry would only bury it under a misleading message.
    func rethrowIfTooDeep(_ error: any Error) throws {
        if let error = error as? RegoError, error.message == RegoParser.tooDeepMessage { throw error }
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

    // Throwing through these keeps error values out of the frames of the recursive functions,
    // which matters for how deep input may nest before the stack runs out (debug builds give
    // every temporary its own stack slot).

    @inline(never)
    func failUnexpected(_ note: String? = nil) throws -> Never {
        throw unexpected(note)
    }

    @inline(never)
    func fail(_ message: String, at location: SourceLocation) throws -> Never {
        throw RegoError(.parse, message, at: location)
    }

    /// Fails with `message` at the current token.
    @inline(never)
    func fail(_ message: String) throws -> Never {
        throw RegoError(.parse, message, at: currentLocation)
    }

    /// Records an error OPA reports only after parsing succeeded; the first one wins.
    mutating func deferError(_ error: RegoError) {
        if deferredError == nil { deferredError = error }
    }

    func throwDeferredError() throws {
        if let deferredError { throw deferredError }
    }
}
