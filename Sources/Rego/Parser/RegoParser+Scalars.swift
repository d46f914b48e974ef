/// Numbers, strings and template strings.
extension RegoParser {
    /// A number literal; the current token is its digits, or a `.` before them (OPA reads `.5`).
    /// `negative` when a `-` was already consumed: `-1` is a literal, not a call.
    mutating func parseNumber(negative: Bool, at location: SourceLocation) throws(RegoError) -> Term {
        var literal = negative ? "-" : ""
        var fractionOnly = false
        if token.isSymbol(.dot) {
            try advance()
            literal += "."
            fractionOnly = true
        }
        guard token.kind == .number else { throw unexpected("expected number") }
        let digits = lexer.bytes[token.start..<token.end]
        if !fractionOnly, digits.count > 1, digits.first == UInt8(ascii: "0") {
            // Only `0.…` and `0e…` may start with a zero.
            let second = digits[digits.startIndex + 1]
            let scientific = digits.count > 2 && second | 0x20 == UInt8(ascii: "e")
            if second != UInt8(ascii: "."), !scientific {
                throw unexpected("expected number without leading zero")
            }
        }
        literal += text(of: token)
        guard let number = Number(literal: literal) ?? RegoParser.overflowingNumber(literal) else {
            throw error("number too big", at: currentLocation)
        }
        try advance()
        return Term(.scalar(.number(number)), at: location)
    }

    /// A literal beyond the range of `Double` (`2e308`). OPA keeps such numbers exactly and only
    /// rejects exponents beyond about 10^±30000; `Number` has no exact big case yet, so within
    /// OPA's limit the value becomes ±infinity rather than a parse error.
    static func overflowingNumber(_ literal: String) -> Number? {
        let negative = literal.hasPrefix("-")
        let unsigned = negative ? literal.dropFirst() : literal[...]
        let parts = unsigned.split(whereSeparator: { $0 == "e" || $0 == "E" })
        guard let mantissa = parts.first else { return nil }
        let exponent = parts.count > 1 ? Int(parts[1]) : 0
        guard let exponent else { return nil }
        let integerDigits = mantissa.prefix(while: { $0 != "." }).drop(while: { $0 == "0" }).count
        guard integerDigits + exponent <= 30_000 else { return nil }
        return Number(negative ? -Double.infinity : Double.infinity)
    }

    /// `-` in front of a term. Before a number it makes a negative literal. Before a variable or
    /// ref it means `minus(0, x)`, as OPA 1.16 parses it; anything else is an error, as in OPA.
    mutating func parseNegation() throws(RegoError) -> Term {
        let location = currentLocation
        try advance()
        switch token.kind {
        case .number, .symbol(.dot):
            return try parseNumber(negative: true, at: location)
        case .identifier:
            let operand = try parseTerm()
            let zero = Term(.scalar(.number(.zero)), at: location)
            return .builtinCall("minus", [zero, operand], at: location, operatorAt: location)
        default:
            throw unexpected("expected number")
        }
    }

    /// The value of the current `"…"` or `` `…` `` token.
    mutating func decodeString() throws(RegoError) -> String {
        if token.kind == .rawString { return lexer.text(token.start + 1, token.end - 1) }
        guard let text = StringDecoding.decodeQuoted(lexer.bytes, token.start + 1, token.end - 1, braceEscape: false)
        else {
            throw error("illegal string literal: \(text(of: token))", at: currentLocation)
        }
        return text
    }

    /// `$"a {x} b"` / `` $`…` ``: literal text and embedded expressions in order (empty texts are
    /// dropped, as in OPA). The current token is the first part.
    mutating func parseTemplate() throws(RegoError) -> Term {
        let location = currentLocation
        var parts: [Term.TemplatePart] = []
        while true {
            guard case .templatePart(let raw, let last) = token.kind else { throw unexpected() }
            let opener = lexer.bytes[token.start] == UInt8(ascii: "$") ? 2 : 1
            let start = token.start + opener
            let end = token.end - 1
            let text: String
            if raw {
                text = StringDecoding.decodeRawTemplate(lexer.bytes, start, end)
            } else if let decoded = StringDecoding.decodeQuoted(lexer.bytes, start, end, braceEscape: true) {
                text = decoded
            } else {
                throw error("illegal template-string part: \(self.text(of: token))", at: currentLocation)
            }
            if !text.isEmpty { parts.append(.text(text)) }
            if last {
                try advance()
                return Term(.template(parts), at: location)
            }
            try advance()
            parts.append(.expression(try parseTemplateExpression()))
            guard token.isSymbol(.rightBrace) else {
                throw error("expected } to end template string expression", at: currentLocation)
            }
            previousEnd = token.end
            token = try lexer.continueTemplate(raw: raw, closingBrace: token)
        }
    }

    /// The expression inside `{…}` of a template string. OPA reads a whole literal and then
    /// rejects the forms that make no sense there.
    private mutating func parseTemplateExpression() throws(RegoError) -> Term {
        let literal = try parseLiteral()
        if literal.negated {
            throw error("unexpected negation ('not') in template-string expression", at: literal.location)
        }
        switch literal.kind {
        case .some, .someIn:
            throw error("unexpected 'some' in template-string expression", at: literal.location)
        case .every:
            throw error("unexpected 'every' in template-string expression", at: literal.location)
        case .term(let term):
            switch term.calledFunctionName {
            case "eq": throw error("unexpected unification ('=') in template-string expression", at: literal.location)
            case "assign": throw error("unexpected assignment (':=') in template-string expression", at: literal.location)
            default: break
            }
            // The AST keeps a term per expression, so `with` cannot be represented here.
            if !literal.withModifiers.isEmpty {
                throw error("unexpected 'with' in template-string expression", at: literal.withModifiers[0].location)
            }
            return term
        }
    }
}
