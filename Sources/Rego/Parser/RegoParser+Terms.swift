/// Terms: scalars, variables, refs, calls, collections, comprehensions, parenthesised expressions.
///
/// These functions call each other recursively for nested input, so each is kept small and
/// delegates the rest: the stack a nesting level costs is the sum of their frames.
extension RegoParser {
    /// One term with its ref/call suffixes (OPA's `parseTerm`). Binary operators are not included;
    /// see `parseExpression`.
    mutating func parseTerm() throws -> Term {
        try enterNesting()
        defer { leaveNesting() }
        let term = try parseOperand()
        return continuesRef ? try parseRefSuffixes(of: term) : term
    }

    @inline(never)
    private mutating func parseOperand() throws -> Term {
        switch token.kind {
        case .keyword(.null), .keyword(.true), .keyword(.false), .keyword(.contains), .identifier, .string, .rawString:
            return try parseAtom()
        case .number, .symbol(.dot):
            return try parseNumber(negative: false, at: currentLocation)
        case .symbol(.minus):
            return try parseNegation()
        case .templatePart:
            return try parseTemplate()
        case .symbol(.leftBracket):
            return try parseArray()
        case .symbol(.leftBrace):
            return try parseSetOrObject()
        case .symbol(.leftParen):
            return try parseParenthesized()
        default:
            try failUnexpected()
        }
    }

    /// `null`, `true`, `false`, a variable or a string.
    @inline(never)
    private mutating func parseAtom() throws -> Term {
        let kind: Term.Kind
        switch token.kind {
        case .keyword(.null): kind = .scalar(.null)
        case .keyword(.true): kind = .scalar(.true)
        case .keyword(.false): kind = .scalar(.false)
        // `contains` is a keyword only in rule heads; elsewhere it names the builtin.
        case .identifier, .keyword(.contains): kind = .variable(text(of: token))
        default: kind = .scalar(.string(try decodeString()))
        }
        let term = Term(kind, at: currentLocation)
        try advance()
        return term
    }

    @inline(never)
    private mutating func parseParenthesized() throws -> Term {
        try advance()
        let term = try parseExpression(allowKeyValueIn: true)
        guard token.isSymbol(.rightParen) else { try fail("non-terminated expression") }
        try advance()
        return term
    }

    /// Whether the current token continues a ref or call on the term before it: `.`, `[` or `(`
    /// written directly after it. `a [0]` is two terms, as in OPA.
    var continuesRef: Bool {
        guard !token.followsSpace, case .symbol(let symbol) = token.kind else { return false }
        return symbol == .dot || symbol == .leftBracket || symbol == .leftParen
    }

    /// `head.a[x]["b"]`, `f(x)`, `a.b.f(x).c`, `[1, 2][0]`. The current token continues a ref.
    @inline(never)
    mutating func parseRefSuffixes(of term: Term) throws -> Term {
        switch term.kind {
        case .variable, .array, .object, .set, .arrayComprehension, .setComprehension, .objectComprehension, .call:
            break
        default:
            try fail("illegal ref (head cannot be \(term.valueName))", at: term.location)
        }
        var head = term
        var path: [Term] = []
        while continuesRef {
            if token.isSymbol(.leftParen) {
                head = try parseCall(head, path)
                path = []
                // A call may be indexed (`f(x).y`, `f(x)[0]`) but not called again.
                if token.isSymbol(.leftParen) { return head }
            } else {
                path.append(try parseRefSegment())
            }
        }
        return path.isEmpty ? head : Term(.ref(head: head, path: path), at: head.location)
    }

    /// `.name` (any keyword is a name here) or `[expression]`.
    @inline(never)
    private mutating func parseRefSegment() throws -> Term {
        if token.isSymbol(.leftBracket) {
            try advance()
            let key = try parseExpression(allowKeyValueIn: true)
            guard token.isSymbol(.rightBracket) else { try failUnexpected("expected ]") }
            try advance()
            return key
        }
        try advance()
        if token.followsSpace { try fail("unexpected whitespace token: expected identifier") }
        switch token.kind {
        case .identifier, .keyword: break
        default: try failUnexpected("expected identifier")
        }
        let segment = Term(.scalar(.string(text(of: token))), at: currentLocation)
        try advance()
        return segment
    }

    /// A call of `head` followed by `path`; the current token is `(`. `set()` is the empty set,
    /// as in OPA.
    @inline(never)
    private mutating func parseCall(_ head: Term, _ path: [Term]) throws -> Term {
        let function = path.isEmpty ? head : Term(.ref(head: head, path: path), at: head.location)
        try advance()
        var arguments: [Term] = []
        if !token.isSymbol(.rightParen) {
            arguments = try parseTermList(end: .rightParen)
        } else if case .variable("set") = function.kind {
            try advance()
            return Term(.set([]), at: function.location)
        }
        try advance()
        return Term(.call(function: function, arguments: arguments), at: function.location)
    }

    /// Comma-separated expressions up to `end` (not consumed); a trailing comma is allowed.
    /// `first` is an already read term to continue the first item from.
    mutating func parseTermList(end: Symbol, startingWith first: Term? = nil) throws -> [Term] {
        var items: [Term] = []
        if first == nil, token.isSymbol(end) { return items }
        var pending = first
        while true {
            items.append(try parseExpression(allowKeyValueIn: false, startingWith: pending))
            pending = nil
            if token.isSymbol(end) { return items }
            guard token.isSymbol(.comma) else { try failUnexpected("expected \",\" or \"\(end.name)\"") }
            try advance()
            if token.isSymbol(end) { return items }
        }
    }

    /// `[…]` or `[head | body]`. The first item is read as a single term first: `[a | b]` is a
    /// comprehension, not an array holding `a | b` (OPA gives comprehensions priority).
    @inline(never)
    private mutating func parseArray() throws -> Term {
        try enterNesting()
        defer { leaveNesting() }
        let location = currentLocation
        try advance()
        var items: [Term] = []
        if !token.isSymbol(.rightBracket) {
            let mayBeComprehension = try skipLeadingComma()
            let head = try parseTerm()
            if mayBeComprehension, token.isSymbol(.bar) {
                let body = try parseComprehensionBody(end: .rightBracket)
                return Term(.arrayComprehension(head: head, body: body), at: location)
            }
            items = try parseTermList(end: .rightBracket, startingWith: head)
        }
        try advance()
        return Term(.array(items), at: location)
    }

    /// A leading comma (`[, x]`, `{, x}`) is accepted for compatibility and rules out a
    /// comprehension. Returns whether a comprehension is still possible.
    private mutating func skipLeadingComma() throws -> Bool {
        guard token.isSymbol(.comma) else { return true }
        try advance()
        return false
    }

    /// The body after `|` up to `end`, consuming both.
    @inline(never)
    private mutating func parseComprehensionBody(end: Symbol) throws -> Body {
        try advance()
        let body = try parseBody(end: end)
        try advance()
        return body
    }

    /// `{}` (empty object), `{a, b}`, `{k: v}`, `{x | body}`, `{k: v | body}`.
    @inline(never)
    private mutating func parseSetOrObject() throws -> Term {
        try enterNesting()
        defer { leaveNesting() }
        let location = currentLocation
        try advance()
        if token.isSymbol(.rightBrace) {
            try advance()
            return Term(.object([]), at: location)
        }
        let mayBeComprehension = try skipLeadingComma()
        var head = try parseTerm()
        if mayBeComprehension, token.isSymbol(.bar) {
            let body = try parseComprehensionBody(end: .rightBrace)
            return Term(.setComprehension(head: head, body: body), at: location)
        }
        if !token.isSymbol(.colon) {
            head = try parseExpression(allowKeyValueIn: false, startingWith: head)
        }
        if token.isSymbol(.colon) {
            return try parseObject(firstKey: head, mayBeComprehension: mayBeComprehension, at: location)
        }
        guard token.isSymbol(.rightBrace) || token.isSymbol(.comma) else { try failUnexpected("non-terminated set") }
        let items = try parseTermList(end: .rightBrace, startingWith: head)
        try advance()
        return Term(.set(items), at: location)
    }

    /// The rest of an object (or object comprehension) after its first key; the current token is
    /// the colon.
    @inline(never)
    private mutating func parseObject(firstKey: Term, mayBeComprehension: Bool, at location: SourceLocation)
        throws -> Term
    {
        try advance()
        let value = try parseTerm()
        if mayBeComprehension, token.isSymbol(.bar) {
            let body = try parseComprehensionBody(end: .rightBrace)
            return Term(.objectComprehension(key: firstKey, value: value, body: body), at: location)
        }
        let items = try parseObjectItems(firstKey: firstKey, firstValue: value)
        try advance()
        return Term(.object(items), at: location)
    }

    /// Object items up to (not consuming) `}`, continuing the first value from `firstValue`.
    @inline(never)
    private mutating func parseObjectItems(firstKey: Term, firstValue: Term) throws -> [Term.ObjectItem] {
        let value = try parseExpression(allowKeyValueIn: false, startingWith: firstValue)
        guard token.isSymbol(.rightBrace) || token.isSymbol(.comma) else { try failUnexpected("non-terminated object") }
        var items = [Term.ObjectItem(key: firstKey, value: value)]
        guard token.isSymbol(.comma) else { return items }
        try advance()
        while !token.isSymbol(.rightBrace) {
            let key = try parseExpression(allowKeyValueIn: false)
            guard token.isSymbol(.colon) else { try failUnexpected("expected \":\"") }
            try advance()
            items.append(Term.ObjectItem(key: key, value: try parseExpression(allowKeyValueIn: false)))
            if token.isSymbol(.rightBrace) { break }
            guard token.isSymbol(.comma) else { try failUnexpected("expected \",\" or \"}\"") }
            try advance()
        }
        return items
    }
}
