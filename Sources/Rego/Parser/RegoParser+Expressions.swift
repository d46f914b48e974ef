/// Infix expressions. From loosest to tightest: `in` < relations (`==` `!=` `<` `<=` `>` `>=`) <
/// `|` < `&` < `+` `-` < `*` `/` `%` < terms; every level is left-associative. (`:=` and `=` sit
/// above these and are handled per literal; see `parseExpressionLiteral`.)
extension RegoParser {
    /// OPA's `parseTermInfixCall` (`allowKeyValueIn`) and `parseTermInfixCallInList` (not): a full
    /// expression below `:=`/`=`. In lists (`[…]`, `{…}`, call arguments) a comma separates items,
    /// so `k, v in xs` is only recognised elsewhere.
    ///
    /// `first`, when given, is an already parsed first term to continue from: collection parsing
    /// reads one term before it knows whether it is looking at a comprehension.
    mutating func parseExpression(allowKeyValueIn: Bool, startingWith first: Term? = nil) throws(RegoError) -> Term {
        var left = try parseOperatorChain(startingWith: first)
        if allowKeyValueIn, token.isSymbol(.comma) {
            left = try parseKeyValueMembership(key: left) ?? left
        }
        // As OPA's parseTermIn does: a keyword right before `.`/`[` after an expression starts
        // the next ref (`p contains 1` then `if.x contains 2` on the next line), not a clause.
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
    private mutating func parseKeyValueMembership(key: Term) throws(RegoError) -> Term? {
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
            // Fall through: OPA discards errors of this attempt as well.
        }
        self = saved
        return nil
    }

    /// `in` as an operator; `in` directly followed by `.` or `[` starts a ref in OPA instead.
    var isMembershipOperator: Bool {
        token.isKeyword(.in) && !refContinuesImmediately
    }

    /// Binary operators below `in`, resolved by precedence with explicit stacks so that long
    /// chains (`a + b + c + …`) use one stack frame rather than one per operator or level.
    mutating func parseOperatorChain(startingWith first: Term?) throws(RegoError) -> Term {
        let firstOperand: Term
        if let first { firstOperand = first } else { firstOperand = try parseTerm() }
        guard case .symbol(let symbol) = token.kind, symbol.infixPrecedence != nil else { return firstOperand }

        var operands = [firstOperand]
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
