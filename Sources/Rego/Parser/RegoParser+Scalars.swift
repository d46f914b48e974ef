/// Numbers, strings and template strings.
extension RegoParser {
    /// A number literal; the current token is its digits, or a `.` before them (OPA reads `.5`).
    /// `negative` when a `-` was already consumed: `-1` is a literal, not a call.
    @inline(never)
    mutating func parseNumber(negative: Bool, at location: SourceLocation) throws -> Term {
        var literal = negative ? "-" : ""
        var fractionOnly = false
        if token.isSymbol(.dot) {
            try advance()
            literal += "."
            fractionOnly = true
        }
        guard token.kind == .number else { try failUnexpected("expected number") }
        let digits = lexer.bytes[token.start..<token.end]
        if !fractionOnly, digits.count > 1, digits.first == UInt8(ascii: "0") {
            // Only `0.…` and `0e…` may start with a zero.
            let second = digits[digits.startIndex + 1]
            let scientific = digits.count > 2 && second | 0x20 == UInt8(ascii: "e")
            if second != UInt8(ascii: "."), !scientific {
                try failUnexpected("expected number without leading zero")
            }
        }
        literal += text(of: token)
        guard let number = Number(literal: literal) ?? RegoParser.overflowingNumber(literal) else {
            try fail("number too big", at: currentLocation)
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
    @inline(never)
    mutating func parseNegation() throws -> Term {
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
            try failUnexpected("expected number")
        }
    }

    /// The value of the current `"…"` or `` `…` `` token.
    mutating func decodeString() throws -> String {
        if token.kind == .rawString { return lexer.text(token.start + 1, token.end - 1) }
        guard let text = StringDecoding.decodeQuoted(lexer.bytes, token.start + 1, token.end - 1, braceEscape: false)
        else {
            try fail("illegal string literal: \(text(of: token))", at: currentLocation)
        }
        return text
    }

    /// `$"a {x} b"` / `` $`…` ``: literal text and embedded expressions in order (empty texts are
    /// dropped, as in OPA). The current token is the first part.
    @inline(never)
    mutating func parseTemplate() throws -> Term {
        let location = currentLocation
        var parts: [Term.TemplatePart] = []
        while true {
            guard case .templatePart(let raw, let last) = token.kind else { try failUnexpected() }
            let text = try templateText(raw: raw)
            if !text.isEmpty { parts.append(.text(text)) }
            try advance()
            if last { return Term(.template(parts), at: location) }
            parts.append(try parseTemplateExpression())
            guard token.isSymbol(.rightBrace) else { try fail("expected } to end template string expression") }
            previousEnd = token.end
            token = try lexer.continueTemplate(raw: raw, closingBrace: token)
        }
    }

    /// The text of the current template part, between its delimiters.
    private func templateText(raw: Bool) throws -> String {
        let opener = lexer.bytes[token.start] == UInt8(ascii: "$") ? 2 : 1
        let start = token.start + opener
        let end = token.end - 1
        if raw { return StringDecoding.decodeRawTemplate(lexer.bytes, start, end) }
        guard let text = StringDecoding.decodeQuoted(lexer.bytes, start, end, braceEscape: true) else {
            try fail("illegal template-string part: \(self.text(of: token))")
        }
        return text
    }

    /// The expression inside `{…}` of a template string. OPA reads a whole literal and then
    /// rejects the forms that make no sense there.
    @inline(never)
    private mutating func parseTemplateExpression() throws -> Term.TemplatePart {
        let literal = try parseLiteral()
        if literal.negated {
            try fail("unexpected negation ('not') in template-string expression", at: literal.location)
        }
        switch literal.kind {
        case .some, .someIn:
            try fail("unexpected 'some' in template-string expression", at: literal.location)
        case .every:
            try fail("unexpected 'every' in template-string expression", at: literal.location)
        case .term(let term):
            switch term.calledFunctionName {
            case "eq": try fail("unexpected unification ('=') in template-string expression", at: literal.location)
            case "assign": try fail("unexpected assignment (':=') in template-string expression", at: literal.location)
            default: break
            }
            if !literal.withModifiers.isEmpty { return .modified(term, with: literal.withModifiers) }
            return .expression(term)
        }
    }
}
