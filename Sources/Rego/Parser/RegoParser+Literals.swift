/// Bodies and their literals: expressions, `not`, `some`, `every` and `with` modifiers.
extension RegoParser {
    /// Literals up to (not including) `end`, separated by `;` or line breaks.
    mutating func parseBody(end: Symbol) throws -> Body {
        try enterNesting()
        defer { leaveNesting() }
        if token.isSymbol(end) {
            try fail("found empty body", at: currentLocation)
        }
        var body: Body = []
        while true {
            body.append(try parseLiteral())
            if token.isSymbol(.semicolon) {
                try advance()
                continue
            }
            if token.isSymbol(end) { return body }
            if !token.followsNewline {
                try failUnexpected("expected \\n or ; or \(end.name)")
            }
        }
    }

    /// A whole query: literals until the end of input. Like OPA, literals on one line need no
    /// separator at the top level (`x := 1 y := 2` is two literals), and a `;` must be followed
    /// by another literal.
    mutating func parseQueryBody() throws -> Body {
        var body: Body = []
        var literalRequired = false
        while literalRequired || !isAtEnd {
            body.append(try parseLiteral())
            literalRequired = token.isSymbol(.semicolon)
            if literalRequired { try advance() }
        }
        return body
    }

    mutating func parseLiteral() throws -> Literal {
        try enterNesting()
        defer { leaveNesting() }
        let start = token.start
        var literal = try parseLiteralContent()
        literal.text = sourceText(from: start)
        return literal
    }

    @inline(never)
    private mutating func parseLiteralContent() throws -> Literal {
        let location = currentLocation
        treatKeywordAsIdentifierBeforeRef()
        var negated = false
        if token.isKeyword(.not) {
            try advance()
            negated = true
        }
        switch token.kind {
        case .keyword(.some):
            if negated { try failUnexpected("illegal negation of 'some'") }
            return try parseSome(at: location)
        case .keyword(.every):
            if negated { try failUnexpected("illegal negation of 'every'") }
            return try parseEvery(at: location)
        default:
            let term = try parseAssignmentOrExpression()
            return Literal(.term(term), negated: negated, with: try parseWithModifiers(), at: location)
        }
    }

    /// `expr`, `a := b` or `a = b`: the assignment operators bind loosest of all.
    @inline(never)
    private mutating func parseAssignmentOrExpression() throws -> Term {
        let left = try parseExpression(allowKeyValueIn: true)
        guard case .symbol(let symbol) = token.kind, symbol == .assign || symbol == .unify else { return left }
        let operatorLocation = currentLocation
        try advance()
        let right = try parseExpression(allowKeyValueIn: true)
        return .builtinCall(symbol.name, [left, right], at: left.location, operatorAt: operatorLocation)
    }

    /// `with target as value …`, or none.
    @inline(never)
    mutating func parseWithModifiers() throws -> [WithModifier] {
        var modifiers: [WithModifier] = []
        while token.isKeyword(.with) {
            let location = currentLocation
            try advance()
            guard token.kind == .identifier else { try failUnexpected("expected ident") }
            let target = try parseTerm()
            switch target.kind {
            case .variable, .ref: break
            default: try failUnexpected("expected with target path")
            }
            guard token.isKeyword(.as) else { try failUnexpected("expected as keyword") }
            try advance()
            let value = try parseExpression(allowKeyValueIn: true)
            modifiers.append(WithModifier(target: target, value: value, at: location))
        }
        return modifiers
    }

    /// `some x, y` or `some [k,] v in xs`. OPA first reads an expression; only when that is not a
    /// membership test does it re-read the clause as a list of variables.
    @inline(never)
    private mutating func parseSome(at location: SourceLocation) throws -> Literal {
        let saved = self
        var declaration: Term?
        do {
            try advance()
            declaration = try parseExpression(allowKeyValueIn: true)
        } catch {
            try rethrowIfTooDeep(error)
            declaration = nil
        }
        if let declaration, case .call = declaration.kind {
            guard let operands = declaration.membershipOperands else {
                try failUnexpected("expected `x in xs` or `x, y in xs` expression")
            }
            let kind: Literal.Kind =
                operands.count == 3
                ? .someIn(key: operands[0], value: operands[1], collection: operands[2])
                : .someIn(key: nil, value: operands[0], collection: operands[1])
            return Literal(kind, with: try parseWithModifiers(), at: location)
        }

        self = saved
        var variables: [Term] = []
        repeat {
            try advance()
            guard token.kind == .identifier else { try failUnexpected("expected var") }
            variables.append(Term(.variable(text(of: token)), at: currentLocation))
            try advance()
        } while token.isSymbol(.comma)
        return Literal(.some(variables), at: location)
    }

    /// `every [k,] v in xs { body }`.
    @inline(never)
    private mutating func parseEvery(at location: SourceLocation) throws -> Literal {
        try advance()
        let domainTerm = try parseExpression(allowKeyValueIn: true)
        guard let operands = domainTerm.membershipOperands else {
            try failUnexpected("expected `x[, y] in xs { ... }` expression")
        }
        let key: Term? = operands.count == 3 ? operands[0] : nil
        let value = operands[operands.count - 2]
        if let key, !key.isPlainVariable { try failUnexpected("expected key to be a variable") }
        if !value.isPlainVariable { try failUnexpected("expected value to be a variable") }
        guard token.isSymbol(.leftBrace) else { try failUnexpected("missing body") }
        try advance()
        let body = try parseBody(end: .rightBrace)
        try advance()
        let kind = Literal.Kind.every(key: key, value: value, domain: operands[operands.count - 1], body: body)
        return Literal(kind, with: try parseWithModifiers(), at: location)
    }
}

extension Term {
    /// A variable other than `data`/`input` (which OPA parses as refs).
    var isPlainVariable: Bool {
        if case .variable(let name) = kind { return !Term.isRootDocument(name) }
        return false
    }
}
