/// Rules and functions: heads, bodies, `else` chains, and the Rego v1 checks OPA applies to them.
extension RegoParser {
    private struct ParsedHead {
        var head: RuleHead
        var usesContains = false
        var isFunction: Bool { !(head.arguments ?? []).isEmpty }
        var kindName: String { isFunction ? "function" : "rule" }
        var name: String { Term.describeReference(head.reference) }
    }

    /// One rule statement. Usually one `Rule`; `p if { a } { b }` defines `p` once per body.
    mutating func parseRuleStatement() throws -> [Rule] {
        let location = currentLocation
        treatKeywordAsIdentifierBeforeRef()
        var isDefault = false
        if token.isKeyword(.default) {
            try advance()
            isDefault = true
            treatKeywordAsIdentifierBeforeRef()
            guard token.kind == .identifier else {
                try fail("unexpected default keyword", at: location)
            }
        }
        guard token.kind == .identifier else { return try parseNonRuleStatement() }

        let parsed = try parseRuleHead()
        if isDefault {
            try validateDefaultRule(parsed.head, at: location)
            return [Rule(head: parsed.head, body: [], isDefault: true, at: location)]
        }

        let reference = parsed.head.reference
        let hasIf = token.isKeyword(.if)
        // `p[x] { … }` / `p[x]`: OPA's old partial set, which v1 only accepts as `p contains x`.
        let isLegacyPartialSet =
            !hasIf && !parsed.usesContains && parsed.head.arguments == nil && reference.count == 2
            && parsed.head.value == nil
        // Rules OPA gives a key (so `else` is refused): multi-value rules, and `p[k] if` whose key
        // is not a constant.
        let hasKey =
            parsed.usesContains || isLegacyPartialSet
            || (hasIf && !parsed.isFunction && reference.count == 2 && (!reference[1].isGround || reference[1].isRef))

        let body: Body
        if hasIf {
            try advance()
            body = try parseBodyAfterIf()
        } else if token.isSymbol(.leftBrace) {
            try advance()
            body = try parseBody(end: .rightBrace)
            try advance()
            deferError(error("`if` keyword is required before \(parsed.kindName) body", at: location))
        } else {
            return [try finishBodilessRule(parsed, isLegacyPartialSet: isLegacyPartialSet, at: location)]
        }
        if isLegacyPartialSet {
            deferError(error("`contains` keyword is required for partial set rules", at: location))
        }

        var rule = Rule(head: parsed.head, body: body, at: location)
        if token.isKeyword(.else), !refContinuesImmediately {
            if !reference.allSatisfy(\.isGround) {
                try fail("else keyword cannot be used on rules with variables in head", at: currentLocation)
            }
            if hasKey { try fail("else keyword cannot be used on multi-value rules", at: currentLocation) }
            rule.elseClauses = try parseElseClauses()
        }

        var rules = [rule]
        // Further bodies of the same rule: `p if { a } { b }` means `p if { a }` and `p if { b }`.
        while token.isSymbol(.leftBrace) {
            if !rule.elseClauses.isEmpty { try fail("expected else keyword", at: currentLocation) }
            let bodyLocation = currentLocation
            try advance()
            let extraBody = try parseBody(end: .rightBrace)
            try advance()
            var head = parsed.head
            head.location = bodyLocation
            rules.append(Rule(head: head, body: extraBody, at: bodyLocation))
        }
        return rules
    }

    /// `p`, `a.b[x].c`, `f(x, y)` then `contains k`, `= v`, `:= v` or nothing.
    private mutating func parseRuleHead() throws -> ParsedHead {
        let nameLocation = currentLocation
        let name = text(of: token)
        try advance()
        // OPA's parseHeadFinish: an operator written directly after the name is an error.
        if !token.followsSpace, case .symbol(let symbol) = token.kind, symbol.infixPrecedence != nil {
            try failUnexpected()
        }

        var reference = [Term(.scalar(.string(name)), at: nameLocation)]
        var arguments: [Term]?
        if case .symbol(let symbol) = token.kind, symbol == .dot || symbol == .leftBracket || symbol == .leftParen {
            // Unlike in expressions, the first suffix of a head may follow a space (`p [x]`).
            token.followsSpace = false
            let term = try parseRefSuffixes(of: Term(.variable(name), at: nameLocation))
            switch term.kind {
            case .ref(let head, let path):
                // `f(x).y := …` indexes a call: no rule can be named that way.
                guard case .variable = head.kind else { try fail("invalid rule head", at: term.location) }
                reference += path
            case .call(let function, let callArguments):
                if case .ref(let head, let path) = function.kind {
                    guard case .variable = head.kind else { try fail("invalid rule head", at: term.location) }
                    reference += path
                }
                arguments = callArguments
            default:
                // `set()` became an empty set.
                try failUnexpected("expected rule head name")
            }
        }

        var parsed = ParsedHead(head: RuleHead(reference: reference, arguments: arguments, at: nameLocation))
        switch token.kind {
        case .keyword(.contains):
            if arguments != nil {
                try failUnexpected(
                    "the contains keyword can only be used with multi-value rule definitions (e.g., \(parsed.name) contains <VALUE> { ... })"
                )
            }
            try advance()
            parsed.head.key = try parseExpression(allowKeyValueIn: true)
            parsed.usesContains = true
        case .symbol(.unify):
            try advance()
            parsed.head.value = try parseExpression(allowKeyValueIn: true)
        case .symbol(.assign):
            try advance()
            parsed.head.value = try parseExpression(allowKeyValueIn: true)
            parsed.head.usesAssignment = true
        default:
            break
        }
        return parsed
    }

    /// The body after `if`: a single literal (`p if x > 1`) or a block. OPA tries a literal first,
    /// so `p if {"a": 1}` has an object as its one literal; only a set (`p if { x }`) or
    /// something that is no literal at all is re-read as a block.
    private mutating func parseBodyAfterIf() throws -> Body {
        guard token.isSymbol(.leftBrace) else { return [try parseLiteral()] }
        let saved = self
        do {
            let literal = try parseLiteral()
            if case .term(let term) = literal.kind, case .set = term.kind {
                // A set literal is always true: read the braces as a body instead.
            } else {
                return [literal]
            }
        } catch {
            // Not a literal: a block body.
            try rethrowIfTooDeep(error)
        }
        self = saved
        try advance()
        let body = try parseBody(end: .rightBrace)
        try advance()
        return body
    }

    /// `else [= v | := v] [if] [{ body } | literal]` clauses. A clause without a body ends the chain.
    private mutating func parseElseClauses() throws -> [ElseClause] {
        var clauses: [ElseClause] = []
        while token.isKeyword(.else) {
            let location = currentLocation
            try advance()
            var value: Term?
            switch token.kind {
            case .symbol(.leftBrace), .keyword(.if):
                break
            case .symbol(.assign), .symbol(.unify):
                try advance()
                value = try parseExpression(allowKeyValueIn: true)
            default:
                try failUnexpected("expected else value term or rule body")
            }
            let hasIf = token.isKeyword(.if)
            guard hasIf || token.isSymbol(.leftBrace) else {
                clauses.append(ElseClause(value: value, body: [], at: location))
                return clauses
            }
            if hasIf { try advance() }
            let body: Body
            if token.isSymbol(.leftBrace) {
                try advance()
                body = try parseBody(end: .rightBrace)
                try advance()
            } else if !isAtEnd {
                body = [try parseLiteral()]
            } else {
                try failUnexpected("rule body expected")
            }
            clauses.append(ElseClause(value: value, body: body, at: location))
        }
        return clauses
    }

    /// A head with neither `if` nor a body: `p := 1`, `p[k] = v`, `f(x) := y`, `a.b.c := 1`, or
    /// (function returning true) `f(x)`. OPA parses these as expressions turned into rules and
    /// reports the malformed ones after parsing.
    private mutating func finishBodilessRule(_ parsed: ParsedHead, isLegacyPartialSet: Bool,
                                             at location: SourceLocation) throws -> Rule {
        if parsed.head.value == nil, !parsed.usesContains {
            // A stray expression such as `x == 1` is no rule at all.
            switch token.kind {
            case .symbol(let symbol) where symbol.infixPrecedence != nil: try failUnexpected()
            case .keyword(.in), .keyword(.with): try failUnexpected()
            default: break
            }
            if let arguments = parsed.head.arguments {
                if arguments.isEmpty {
                    deferError(error("rule argument list must take at least one argument", at: location))
                }
            } else if parsed.head.reference.count == 1 {
                deferError(error("var cannot be used for rule name", at: location))
            } else if isLegacyPartialSet {
                deferError(error("`contains` keyword is required for partial set rules", at: location))
            } else {
                deferError(error("rule must have value assignment and/or body declaration", at: location))
            }
        }
        return Rule(head: parsed.head, body: [], at: location)
    }

    /// A statement that cannot start a rule (`1 := 2`, `not p`, `[x] = y`). OPA parses it as a
    /// query, then explains why it is no rule; so does this, after checking its syntax.
    private mutating func parseNonRuleStatement() throws -> [Rule] {
        let literal = try parseLiteral()
        let message: String
        if !literal.withModifiers.isEmpty {
            message = "expressions using with keyword cannot be used for rule head"
        } else if literal.negated {
            message = "negated expressions cannot be used for rule head"
        } else {
            switch literal.kind {
            case .some, .someIn: message = "'some' declarations cannot be used for rule head"
            case .every: message = "expression cannot be used for rule head"
            case .term(let term):
                if case .call(_, let arguments) = term.kind {
                    let name = term.calledFunctionName
                    if (name == "eq" || name == "assign"), let target = arguments.first {
                        message = "\(target.valueName) cannot be used for rule name"
                    } else {
                        message = "rule name conflicts with built-in function"
                    }
                } else {
                    message = "\(term.valueName) cannot be used for rule name"
                }
            }
        }
        deferError(error(message, at: literal.location))
        return []
    }

    /// `default p := v` needs a constant value; `default f(x) := v` needs distinct variables.
    private func validateDefaultRule(_ head: RuleHead, at location: SourceLocation) throws {
        guard let value = head.value else {
            try fail("illegal default rule (must have a value)", at: location)
        }
        if let offending = value.firstNonConstantKind {
            try fail("illegal default rule (value cannot contain \(offending))", at: location)
        }
        var seen: Set<String> = []
        for argument in head.arguments ?? [] {
            guard argument.isPlainVariable, case .variable(let name) = argument.kind else {
                try fail("illegal default rule (arguments cannot contain \(argument.valueName))", at: location)
            }
            if name != "_", !seen.insert(name).inserted {
                try fail("illegal default rule (arguments cannot be repeated \(name))", at: location)
            }
        }
    }
}

extension Term {
    var isRef: Bool {
        switch kind {
        case .ref: return true
        case .variable(let name): return Term.isRootDocument(name)
        default: return false
        }
    }

    /// The first variable, ref or call outside comprehensions ("var", "ref", "call"), if any.
    var firstNonConstantKind: String? {
        switch kind {
        case .scalar, .arrayComprehension, .setComprehension, .objectComprehension:
            return nil
        case .variable, .ref, .call:
            return valueName
        case .array(let items), .set(let items):
            return items.lazy.compactMap(\.firstNonConstantKind).first
        case .object(let items):
            return items.lazy.compactMap { $0.key.firstNonConstantKind ?? $0.value.firstNonConstantKind }.first
        case .template(let parts):
            for part in parts {
                switch part {
                case .text: continue
                case .expression(let term), .modified(let term, _):
                    if let found = term.firstNonConstantKind { return found }
                }
            }
            return nil
        }
    }
}
