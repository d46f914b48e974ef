extension GraphQL {
    /// Parses an executable document (operations and fragments) as gqlparser's `ParseQuery` does.
    static func parseQuery(_ text: String) throws(Failure) -> QueryDocument {
        try QueryParser(text).parseDocument()
    }

    struct QueryParser {
        let parser: Parser

        init(_ text: String) {
            parser = Parser(text)
        }

        func parseDocument() throws(Failure) -> QueryDocument {
            let document = QueryDocument()
            while parser.peek().kind != .eof {
                let token = parser.peek()
                switch token.kind {
                case .name:
                    switch token.value {
                    case "query", "mutation", "subscription":
                        document.operations.append(try parseOperationDefinition())
                    case "fragment":
                        document.fragments.append(try parseFragmentDefinition())
                    default:
                        throw parser.unexpected(token)
                    }
                case .braceL:
                    document.operations.append(try parseOperationDefinition())
                default:
                    throw parser.unexpected(token)
                }
            }
            return document
        }

        private func parseOperationDefinition() throws(Failure) -> OperationDefinition {
            let operation = OperationDefinition()
            operation.position = parser.peek().position
            if parser.peek().kind == .braceL {
                operation.operation = "query"
                operation.selectionSet = try parseRequiredSelectionSet()
                return operation
            }
            operation.operation = try parser.parseOperationType()
            if parser.peek().kind == .name { operation.name = try parser.next().value }
            operation.variableDefinitions = try parseVariableDefinitions()
            operation.directives = try parser.parseDirectives(isConst: false)
            operation.selectionSet = try parseRequiredSelectionSet()
            return operation
        }

        private func parseVariableDefinitions() throws(Failure) -> [VariableDefinition] {
            var definitions: [VariableDefinition] = []
            try parser.many(.parenL, .parenR) { () throws(Failure) in
                let definition = VariableDefinition()
                definition.position = parser.peek().position
                try parser.expect(.dollar)
                definition.variable = try parser.parseName()
                try parser.expect(.colon)
                definition.type = try parser.parseTypeReference()
                if try parser.skip(.equals) {
                    definition.defaultValue = try parser.parseValueLiteral(isConst: true)
                }
                definition.directives = try parser.parseDirectives(isConst: false)
                definitions.append(definition)
            }
            return definitions
        }

        private func parseRequiredSelectionSet() throws(Failure) -> [Selection] {
            let token = parser.peek()
            guard token.kind == .braceL else {
                throw parser.fail(at: token, "Expected \(TokenKind.braceL.name), found \(token.kind.name)")
            }
            return try parseSelectionSet()
        }

        private func parseSelectionSet() throws(Failure) -> [Selection] {
            try parser.nested { () throws(Failure) in
                var selections: [Selection] = []
                try parser.some(.braceL, .braceR) { () throws(Failure) in
                    selections.append(try parseSelection())
                }
                return selections
            }
        }

        private func parseSelection() throws(Failure) -> Selection {
            parser.peek().kind == .spread ? try parseFragment() : .field(try parseField())
        }

        private func parseField() throws(Failure) -> Field {
            let field = Field()
            field.position = parser.peek().position
            field.alias = try parser.parseName()
            field.name = try parser.skip(.colon) ? try parser.parseName() : field.alias
            field.arguments = try parser.parseArguments(isConst: false)
            field.directives = try parser.parseDirectives(isConst: false)
            if parser.peek().kind == .braceL {
                field.selectionSet = try parseSelectionSet()
            }
            return field
        }

        private func parseFragment() throws(Failure) -> Selection {
            try parser.expect(.spread)
            let token = parser.peek()
            if token.kind == .name, token.value != "on" {
                let spread = FragmentSpread()
                spread.position = token.position
                spread.name = try parseFragmentName()
                spread.directives = try parser.parseDirectives(isConst: false)
                return .fragmentSpread(spread)
            }
            let fragment = InlineFragment()
            fragment.position = token.position
            if token.value == "on" {
                try parser.next()
                fragment.typeCondition = try parser.parseName()
            }
            fragment.directives = try parser.parseDirectives(isConst: false)
            fragment.selectionSet = try parseRequiredSelectionSet()
            return .inlineFragment(fragment)
        }

        private func parseFragmentDefinition() throws(Failure) -> FragmentDefinition {
            let fragment = FragmentDefinition()
            fragment.position = parser.peek().position
            try parser.expectKeyword("fragment")
            fragment.name = try parseFragmentName()
            fragment.variableDefinition = try parseVariableDefinitions()
            try parser.expectKeyword("on")
            fragment.typeCondition = try parser.parseName()
            fragment.directives = try parser.parseDirectives(isConst: false)
            fragment.selectionSet = try parseRequiredSelectionSet()
            return fragment
        }

        private func parseFragmentName() throws(Failure) -> String {
            let token = parser.peek()
            if token.value == "on" { throw parser.unexpected(token) }
            return try parser.parseName()
        }
    }
}
