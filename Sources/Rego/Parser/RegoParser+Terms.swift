/// Terms: scalars, variables, refs, calls, collections, comprehensions, parenthesised expressions.
extension RegoParser {
    /// One term with its ref/call suffixes (OPA's `parseTerm`). Binary operators are not included;
    /// see `parseExpression`.
    mutating func parseTerm() throws(RegoError) -> Term {
        try enterNesting()
        defer { leaveNesting() }
        let location = currentLocation
        let term: Term
        switch token.kind {
        case .keyword(.null):
            term = Term(.scalar(.null), at: location)
            try advance()
        case .keyword(.true):
            term = Term(.scalar(.true), at: location)
            try advance()
        case .keyword(.false):
            term = Term(.scalar(.false), at: location)
            try advance()
        // `contains` is a keyword only in rule heads; elsewhere it names the builtin.
        case .identifier, .keyword(.contains):
            term = Term(.variable(text(of: token)), at: location)
            try advance()
        case .number, .symbol(.dot):
            term = try parseNumber(negative: false, at: location)
        case .symbol(.minus):
            term = try parseNegation()
        case .string, .rawString:
            term = Term(.scalar(.string(try decodeString())), at: location)
            try advance()
        case .templatePart:
            term = try parseTemplate()
        case .symbol(.leftBracket):
            term = try parseArray()
        case .symbol(.leftBrace):
            term = try parseSetOrObject()
        case .symbol(.leftParen):
            try advance()
            term = try parseExpression(allowKeyValueIn: true)
            guard token.isSymbol(.rightParen) else { throw error("non-terminated expression", at: currentLocation) }
            try advance()
        default:
            throw unexpected()
        }
        return try parseRefSuffixes(of: term)
    }

    /// Whether the current token continues a ref or call on the term before it: `.`, `[` or `(`
    /// written directly after it. `a [0]` is two terms, as in OPA.
    private var continuesRef: Bool {
        guard !token.followsSpace, case .symbol(let symbol) = token.kind else { return false }
        return symbol == .dot || symbol == .leftBracket || symbol == .leftParen
    }

    /// `head.a[x]["b"]`, `f(x)`, `a.b.f(x).c`, `[1, 2][0]`.
    mutating func parseRefSuffixes(of term: Term) throws(RegoError) -> Term {
        guard continuesRef else { return term }
        switch term.kind {
        case .variable, .array, .object, .set, .arrayComprehension, .setComprehension, .objectComprehension, .call:
            break
        default:
            throw error("illegal ref (head cannot be \(term.valueName))", at: term.location)
        }
        var head = term
        var path: [Term] = []
        while continuesRef {
            switch token.kind {
            case .symbol(.dot):
                try advance()
                if token.followsSpace { throw error("unexpected whitespace token: expected identifier", at: currentLocation) }
                switch token.kind {
                case .identifier, .keyword: break
                default: throw unexpected("expected identifier")
                }
                path.append(Term(.scalar(.string(text(of: token))), at: currentLocation))
                try advance()
            case .symbol(.leftBracket):
                try advance()
                path.append(try parseExpression(allowKeyValueIn: true))
                guard token.isSymbol(.rightBracket) else { throw unexpected("expected ]") }
                try advance()
            default:  // `(`
                let function = path.isEmpty ? head : Term(.ref(head: head, path: path), at: head.location)
                head = try parseCall(function)
                path = []
                // A call may be indexed (`f(x).y`, `f(x)[0]`) but not called again.
                if token.isSymbol(.leftParen) { return head }
            }
        }
        return path.isEmpty ? head : Term(.ref(head: head, path: path), at: head.location)
    }

    /// Arguments of a call; the current token is `(`. `set()` is the empty set, as in OPA.
    private mutating func parseCall(_ function: Term) throws(RegoError) -> Term {
        try advance()
        if token.isSymbol(.rightParen) {
            try advance()
            if case .variable("set") = function.kind { return Term(.set([]), at: function.location) }
            return Term(.call(function: function, arguments: []), at: function.location)
        }
        let arguments = try parseTermList(end: .rightParen)
        try advance()
        return Term(.call(function: function, arguments: arguments), at: function.location)
    }

    /// Comma-separated expressions up to `end` (not consumed); a trailing comma is allowed.
    /// `first` is an already read term to continue the first item from.
    mutating func parseTermList(end: Symbol, startingWith first: Term? = nil) throws(RegoError) -> [Term] {
        var items: [Term] = []
        if first == nil, token.isSymbol(end) { return items }
        var pending = first
        while true {
            items.append(try parseExpression(allowKeyValueIn: false, startingWith: pending))
            pending = nil
            if token.isSymbol(end) { return items }
            guard token.isSymbol(.comma) else { throw unexpected("expected \",\" or \"\(end.name)\"") }
            try advance()
            if token.isSymbol(end) { return items }
        }
    }

    /// `[…]` or `[head | body]`. The first item is read as a single term first: `[a | b]` is a
    /// comprehension, not an array holding `a | b` (OPA gives comprehensions priority).
    private mutating func parseArray() throws(RegoError) -> Term {
        let location = currentLocation
        try advance()
        if token.isSymbol(.rightBracket) {
            try advance()
            return Term(.array([]), at: location)
        }
        // A leading comma (`[, x]`) is accepted for compatibility and rules out a comprehension.
        var mayBeComprehension = true
        if token.isSymbol(.comma) {
            mayBeComprehension = false
            try advance()
        }
        let head = try parseTerm()
        if mayBeComprehension, token.isSymbol(.bar) {
            try advance()
            let body = try parseBody(end: .rightBracket)
            try advance()
            return Term(.arrayComprehension(head: head, body: body), at: location)
        }
        let items = try parseTermList(end: .rightBracket, startingWith: head)
        try advance()
        return Term(.array(items), at: location)
    }

    /// `{}` (empty object), `{a, b}`, `{k: v}`, `{x | body}`, `{k: v | body}`.
    private mutating func parseSetOrObject() throws(RegoError) -> Term {
        let location = currentLocation
        try advance()
        if token.isSymbol(.rightBrace) {
            try advance()
            return Term(.object([]), at: location)
        }
        var mayBeComprehension = true
        if token.isSymbol(.comma) {
            mayBeComprehension = false
            try advance()
        }
        var head = try parseTerm()
        if mayBeComprehension, token.isSymbol(.bar) {
            try advance()
            let body = try parseBody(end: .rightBrace)
            try advance()
            return Term(.setComprehension(head: head, body: body), at: location)
        }
        if !token.isSymbol(.colon) {
            head = try parseExpression(allowKeyValueIn: false, startingWith: head)
        }
        if token.isSymbol(.colon) {
            return try parseObject(firstKey: head, mayBeComprehension: mayBeComprehension, at: location)
        }
        guard token.isSymbol(.rightBrace) || token.isSymbol(.comma) else { throw unexpected("non-terminated set") }
        let items = try parseTermList(end: .rightBrace, startingWith: head)
        try advance()
        return Term(.set(items), at: location)
    }

    /// The rest of an object (or object comprehension) after its first key; the current token is
    /// the colon.
    private mutating func parseObject(firstKey: Term, mayBeComprehension: Bool, at location: SourceLocation)
        throws(RegoError) -> Term
    {
        try advance()
        let value = try parseTerm()
        if mayBeComprehension, token.isSymbol(.bar) {
            try advance()
            let body = try parseBody(end: .rightBrace)
            try advance()
            return Term(.objectComprehension(key: firstKey, value: value, body: body), at: location)
        }
        let firstValue = try parseExpression(allowKeyValueIn: false, startingWith: value)
        guard token.isSymbol(.rightBrace) || token.isSymbol(.comma) else { throw unexpected("non-terminated object") }
        var items = [Term.ObjectItem(key: firstKey, value: firstValue)]
        if token.isSymbol(.comma) {
            try advance()
            while !token.isSymbol(.rightBrace) {
                let key = try parseExpression(allowKeyValueIn: false)
                guard token.isSymbol(.colon) else { throw unexpected("expected \":\"") }
                try advance()
                let value = try parseExpression(allowKeyValueIn: false)
                items.append(Term.ObjectItem(key: key, value: value))
                if token.isSymbol(.rightBrace) { break }
                guard token.isSymbol(.comma) else { throw unexpected("expected \",\" or \"}\"") }
                try advance()
            }
        }
        try advance()
        return Term(.object(items), at: location)
    }
}
