/// Infix expressions. From loosest to tightest: `in` < relations (`==` `!=` `<` `<=` `>` `>=`) <
/// `|` < `&` < `+` `-` < `*` `/` `%` < terms; every level is left-associative. (`:=` and `=` sit
/// above these and are handled per literal; see `parseAssignmentOrExpression`.)
extension RegoParser {
    /// OPA's `parseTermInfixCall` (`allowKeyValueIn`) and `parseTermInfixCallInList` (not): a full
    /// expression below `:=`/`=`. In lists (`[…]`, `{…}`, call arguments) a comma separates items,
    /// so `k, v in xs` is only recognised elsewhere.
    ///
    /// `first`, when given, is an already parsed first term to continue from: collection parsing
    /// reads one term before it knows whether it is looking at a comprehension.
    mutating func parseExpression(allowKeyValueIn: Bool, startingWith first: Term? = nil) throws -> Term {
        try enterNesting()
        defer { leaveNesting() }
        let left = try parseOperatorChain(startingWith: first)
        // As OPA's parseTermIn does: a keyword right before `.`/`[` after an expression starts
        // the next ref (`p contains 1` then `if.x contains 2` on the next line), not a clause.
        treatKeywordAsIdentifierBeforeRef()
        guard (allowKeyValueIn && token.isSymbol(.comma)) || isMembershipOperator else { return left }
        return try parseMembership(after: left, allowKeyValueIn: allowKeyValueIn)
    }

    /// `left in xs [in ys …]` or, when allowed, `left, v in xs`.
    @inline(never)
    private mutating func parseMembership(after first: Term, allowKeyValueIn: Bool) throws -> Term {
        var left = first
        if allowKeyValueIn, token.isSymbol(.comma) {
            left = try parseKeyValueMembership(key: left) ?? left
        }
        treatKeywordAsIdentifierBeforeRef()
        while isMembershipOperator {
            let operatorLocation = currentLocation
            try advance()
            let collection = try parseOperatorChain(startingWith: nil)
            left = .builtinCall(Term.memberName, [left, collection], at: left.location, operatorAt: operatorLocation)
            treatKeywordAsIdentifierBeforeRef()
        }
        return left
    }

    /// `k, v in xs` after `k` was read and a comma is next. When no `in` follows the second
    /// operand, the comma belongs to someone else (`some x, y`): the parser rewinds to the comma
    /// and returns nil. The rewind only happens where the caller then stops at that comma, so no
    /// input is parsed more than twice.
    @inline(never)
    private mutating func parseKeyValueMembership(key: Term) throws -> Term? {
        let saved = self
        do {
            try advance()
            let value = try parseOperatorChain(startingWith: nil)
            if isMembershipOperator {
                let operatorLocation = currentLocation
                try advance()
                let collection = try parseOperatorChain(startingWith: nil)
                return .builtinCall(
                    Term.memberWithKeyName, [key, value, collection], at: key.location, operatorAt: operatorLocation)
            }
        } catch {
            // OPA discards errors of this attempt too, except running out of nesting depth.
            try rethrowIfTooDeep(error)
        }
        self = saved
        return nil
    }

    /// `in` as an operator; `in` directly followed by `.` or `[` starts a ref in OPA instead.
    var isMembershipOperator: Bool {
        token.isKeyword(.in) && !refContinuesImmediately
    }

    /// Binary operators below `in`. Most operands have none, so that case returns at once.
    mutating func parseOperatorChain(startingWith first: Term?) throws -> Term {
        let operand = try first ?? parseTerm()
        guard case .symbol(let symbol) = token.kind, symbol.infixPrecedence != nil else { return operand }
        return try parseInfixOperators(after: operand)
    }

    /// Resolves operators by precedence with explicit stacks, so a long chain (`a + b + c + …`)
    /// takes one stack frame rather than one per operator or precedence level.
    @inline(never)
    private mutating func parseInfixOperators(after first: Term) throws -> Term {
        var operands = [first]
        var operators: [(symbol: Symbol, precedence: Int, location: SourceLocation)] = []
        while case .symbol(let symbol) = token.kind, let precedence = symbol.infixPrecedence {
            while let top = operators.last, top.precedence >= precedence {
                reduce(&operands, &operators)
            }
            operators.append((symbol, precedence, currentLocation))
            try advance()
            operands.append(try parseTerm())
        }
        while !operators.isEmpty { reduce(&operands, &operators) }
        return operands[0]
    }

    private func reduce(_ operands: inout [Term],
                        _ operators: inout [(symbol: Symbol, precedence: Int, location: SourceLocation)]) {
        let op = operators.removeLast()
        let right = operands.removeLast()
        let left = operands.removeLast()
        operands.append(.builtinCall(op.symbol.name, [left, right], at: left.location, operatorAt: op.location))
    }
}
