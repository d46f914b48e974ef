extension GraphQL {
    /// Limits that keep hostile documents from exhausting memory or the stack. gqlparser has
    /// none; these are far above what real schemas and queries need.
    enum Limits {
        /// Longest document text, in bytes, the builtins parse.
        static let maxDocumentBytes = 1 << 20
        /// Deepest nesting of selection sets, values and list types.
        static let maxNesting = 128
        /// Nesting allowed when reading a document given as an object.
        static let maxObjectDepth = 256
        /// Steps (nodes visited, pairs of fields compared) one validation may take.
        static let maxValidationSteps = 1_000_000
    }

    /// The token-level machinery shared by the query and schema parsers, with gqlparser's
    /// conventions: one token of lookahead, and the first error ends parsing (gqlparser keeps
    /// only its first error, so stopping there reports the same one).
    final class Parser {
        private var lexer: Lexer
        private var peeked: (token: Token, failure: Failure?)?
        /// The last token consumed.
        private(set) var previous = Token(kind: .invalid, value: "", position: Position(line: 1, column: 1))
        private var nesting = 0

        init(_ text: String) {
            lexer = Lexer(text)
        }

        func peek() -> Token {
            if let peeked { return peeked.token }
            let next = lexer.next()
            peeked = next
            return next.0
        }

        /// Consumes the next token; consuming a malformed one reports the lexer's error.
        @discardableResult
        func next() throws(Failure) -> Token {
            let (token, failure) = peeked ?? lexer.next()
            peeked = nil
            previous = token
            if let failure { throw failure }
            return token
        }

        func fail(at token: Token, _ message: String) -> Failure {
            Failure(message, at: token.position)
        }

        func unexpected(_ token: Token) -> Failure {
            fail(at: token, "Unexpected \(token.description)")
        }

        @discardableResult
        func expect(_ kind: TokenKind) throws(Failure) -> Token {
            let token = peek()
            guard token.kind == kind else { throw fail(at: token, "Expected \(kind.name), found \(token.kind.name)") }
            return try next()
        }

        func expectKeyword(_ keyword: String) throws(Failure) {
            let token = peek()
            guard token.kind == .name, token.value == keyword else {
                throw fail(at: token, "Expected \(GoText.quote(keyword)), found \(token.description)")
            }
            try next()
        }

        func skip(_ kind: TokenKind) throws(Failure) -> Bool {
            guard peek().kind == kind else { return false }
            try next()
            return true
        }

        /// `start item* end`, or nothing when the next token is not `start`.
        func many(_ start: TokenKind, _ end: TokenKind, _ item: () throws(Failure) -> Void) throws(Failure) {
            guard try skip(start) else { return }
            while peek().kind != end { try item() }
            try next()
        }

        /// `start item+ end`, or nothing when the next token is not `start`.
        func some(_ start: TokenKind, _ end: TokenKind, _ item: () throws(Failure) -> Void) throws(Failure) {
            guard try skip(start) else { return }
            var called = false
            while peek().kind != end {
                called = true
                try item()
            }
            guard called else {
                throw fail(at: peek(), "expected at least one definition, found \(peek().kind.name)")
            }
            try next()
        }

        func parseName() throws(Failure) -> String {
            try expect(.name).value
        }

        /// Runs `body` one level deeper, refusing documents nested beyond the limit.
        func nested<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
            guard nesting < Limits.maxNesting else {
                throw fail(at: peek(), "GraphQL document nested deeper than \(Limits.maxNesting) levels")
            }
            nesting += 1
            defer { nesting -= 1 }
            return try body()
        }

        // MARK: - Parts shared by queries and schemas

        func parseValueLiteral(isConst: Bool) throws(Failure) -> ValueNode {
            let token = peek()
            let kind: ValueKind
            switch token.kind {
            case .bracketL:
                return try nested { () throws(Failure) in try parseList(isConst: isConst) }
            case .braceL:
                return try nested { () throws(Failure) in try parseObject(isConst: isConst) }
            case .dollar:
                if isConst { throw unexpected(token) }
                try expect(.dollar)
                return ValueNode(kind: .variable, raw: try parseName(), at: token.position)
            case .int: kind = .int
            case .float: kind = .float
            case .string: kind = .string
            case .blockString: kind = .block
            case .name:
                switch token.value {
                case "true", "false": kind = .boolean
                case "null": kind = .null
                default: kind = .enumValue
                }
            default:
                throw unexpected(token)
            }
            try next()
            return ValueNode(kind: kind, raw: token.value, at: token.position)
        }

        private func parseList(isConst: Bool) throws(Failure) -> ValueNode {
            let position = peek().position
            var values: [ChildValue] = []
            try many(.bracketL, .bracketR) { () throws(Failure) in
                values.append(ChildValue(value: try parseValueLiteral(isConst: isConst)))
            }
            return ValueNode(kind: .list, children: values, at: position)
        }

        private func parseObject(isConst: Bool) throws(Failure) -> ValueNode {
            let position = peek().position
            var fields: [ChildValue] = []
            try many(.braceL, .braceR) { () throws(Failure) in
                let fieldPosition = peek().position
                let name = try parseName()
                try expect(.colon)
                fields.append(ChildValue(name: name, value: try parseValueLiteral(isConst: isConst), at: fieldPosition))
            }
            return ValueNode(kind: .object, children: fields, at: position)
        }

        func parseDirectives(isConst: Bool) throws(Failure) -> [Directive] {
            var directives: [Directive] = []
            while peek().kind == .at {
                try expect(.at)
                let directive = Directive()
                directive.position = peek().position
                directive.name = try parseName()
                directive.arguments = try parseArguments(isConst: isConst)
                directives.append(directive)
            }
            return directives
        }

        func parseArguments(isConst: Bool) throws(Failure) -> [Argument] {
            var arguments: [Argument] = []
            try many(.parenL, .parenR) { () throws(Failure) in
                let argument = Argument()
                argument.position = peek().position
                argument.name = try parseName()
                try expect(.colon)
                argument.value = try parseValueLiteral(isConst: isConst)
                arguments.append(argument)
            }
            return arguments
        }

        func parseTypeReference() throws(Failure) -> TypeRef {
            let type = TypeRef()
            if try skip(.bracketL) {
                type.position = peek().position
                type.elem = try nested { () throws(Failure) in try parseTypeReference() }
                try expect(.bracketR)
            } else {
                type.position = peek().position
                type.namedType = try parseName()
            }
            if try skip(.bang) {
                type.position = peek().position
                type.nonNull = true
            }
            return type
        }

        /// `query`, `mutation` or `subscription`, consuming the token whatever it is.
        func parseOperationType() throws(Failure) -> String {
            let token = try next()
            switch token.value {
            case "query", "mutation", "subscription": return token.value
            default: throw unexpected(token)
            }
        }
    }
}
