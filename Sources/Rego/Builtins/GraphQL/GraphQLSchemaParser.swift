extension GraphQL {
    /// Parses schema definition language as gqlparser's `ParseSchema` does. `builtIn` marks the
    /// definitions as coming from the prelude.
    static func parseSchema(_ text: String, builtIn: Bool = false) throws(Failure) -> SchemaDocument {
        let document = try SchemaParser(text).parseDocument()
        for definition in document.definitions { definition.builtIn = builtIn }
        for definition in document.extensions { definition.builtIn = builtIn }
        return document
    }

    struct SchemaParser {
        let parser: Parser

        init(_ text: String) {
            parser = Parser(text)
        }

        func parseDocument() throws(Failure) -> SchemaDocument {
            let document = SchemaDocument()
            while parser.peek().kind != .eof {
                var description = ""
                if parser.peek().kind == .blockString || parser.peek().kind == .string {
                    description = try parser.next().value
                }
                let token = parser.peek()
                guard token.kind == .name else { throw parser.unexpected(token) }
                switch token.value {
                case "scalar", "type", "interface", "union", "enum", "input":
                    document.definitions.append(try parseTypeSystemDefinition(description: description))
                case "schema":
                    document.schema.append(try parseSchemaDefinition(description: description))
                case "directive":
                    document.directives.append(try parseDirectiveDefinition(description: description))
                case "extend":
                    // Extensions take no description; gqlparser blames the description itself.
                    if !description.isEmpty { throw parser.unexpected(parser.previous) }
                    try parseTypeSystemExtension(into: document)
                default:
                    throw parser.unexpected(token)
                }
            }
            return document
        }

        private func parseDescription() throws(Failure) -> String {
            let kind = parser.peek().kind
            guard kind == .blockString || kind == .string else { return "" }
            return try parser.next().value
        }

        private func parseTypeSystemDefinition(description: String) throws(Failure) -> Definition {
            let keyword = parser.peek().value
            try parser.expectKeyword(keyword)
            let definition = Definition()
            definition.position = parser.peek().position
            definition.description = description
            definition.name = try parser.parseName()
            switch keyword {
            case "scalar":
                definition.kind = DefinitionKind.scalar
                definition.directives = try parser.parseDirectives(isConst: true)
            case "type", "interface":
                definition.kind = keyword == "type" ? DefinitionKind.object : DefinitionKind.interface
                definition.interfaces = try parseImplementsInterfaces()
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.fields = try parseFieldsDefinition()
            case "union":
                definition.kind = DefinitionKind.union
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.types = try parseUnionMemberTypes()
            case "enum":
                definition.kind = DefinitionKind.enumeration
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.enumValues = try parseEnumValuesDefinition()
            default:
                definition.kind = DefinitionKind.inputObject
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.fields = try parseInputFieldsDefinition()
            }
            return definition
        }

        private func parseSchemaDefinition(description: String) throws(Failure) -> SchemaDefinition {
            try parser.expectKeyword("schema")
            let definition = SchemaDefinition()
            definition.position = parser.peek().position
            definition.description = description
            definition.directives = try parser.parseDirectives(isConst: true)
            try parser.some(.braceL, .braceR) { () throws(Failure) in
                definition.operationTypes.append(try parseOperationTypeDefinition())
            }
            return definition
        }

        private func parseOperationTypeDefinition() throws(Failure) -> OperationTypeDefinition {
            let operationType = OperationTypeDefinition()
            operationType.position = parser.peek().position
            operationType.operation = try parser.parseOperationType()
            try parser.expect(.colon)
            operationType.type = try parser.parseName()
            return operationType
        }

        private func parseImplementsInterfaces() throws(Failure) -> [String] {
            guard parser.peek().value == "implements" else { return [] }
            try parser.next()
            _ = try parser.skip(.amp)
            var types = [try parser.parseName()]
            while try parser.skip(.amp) { types.append(try parser.parseName()) }
            return types
        }

        private func parseFieldsDefinition() throws(Failure) -> [FieldDefinition] {
            var fields: [FieldDefinition] = []
            try parser.some(.braceL, .braceR) { () throws(Failure) in
                let field = FieldDefinition()
                field.position = parser.peek().position
                field.description = try parseDescription()
                field.name = try parser.parseName()
                field.arguments = try parseArgumentDefinitions()
                try parser.expect(.colon)
                field.type = try parser.parseTypeReference()
                field.directives = try parser.parseDirectives(isConst: true)
                fields.append(field)
            }
            return fields
        }

        private func parseArgumentDefinitions() throws(Failure) -> [ArgumentDefinition] {
            var arguments: [ArgumentDefinition] = []
            try parser.some(.parenL, .parenR) { () throws(Failure) in
                let argument = ArgumentDefinition()
                argument.position = parser.peek().position
                argument.description = try parseDescription()
                argument.name = try parser.parseName()
                try parser.expect(.colon)
                argument.type = try parser.parseTypeReference()
                if try parser.skip(.equals) {
                    argument.defaultValue = try parser.parseValueLiteral(isConst: true)
                }
                argument.directives = try parser.parseDirectives(isConst: true)
                arguments.append(argument)
            }
            return arguments
        }

        private func parseInputFieldsDefinition() throws(Failure) -> [FieldDefinition] {
            var fields: [FieldDefinition] = []
            try parser.some(.braceL, .braceR) { () throws(Failure) in
                let field = FieldDefinition()
                field.position = parser.peek().position
                field.description = try parseDescription()
                field.name = try parser.parseName()
                try parser.expect(.colon)
                field.type = try parser.parseTypeReference()
                if try parser.skip(.equals) {
                    field.defaultValue = try parser.parseValueLiteral(isConst: true)
                }
                field.directives = try parser.parseDirectives(isConst: true)
                fields.append(field)
            }
            return fields
        }

        private func parseUnionMemberTypes() throws(Failure) -> [String] {
            guard try parser.skip(.equals) else { return [] }
            _ = try parser.skip(.pipe)
            var types = [try parser.parseName()]
            while try parser.skip(.pipe) { types.append(try parser.parseName()) }
            return types
        }

        private func parseEnumValuesDefinition() throws(Failure) -> [EnumValueDefinition] {
            var values: [EnumValueDefinition] = []
            try parser.some(.braceL, .braceR) { () throws(Failure) in
                let value = EnumValueDefinition()
                value.position = parser.peek().position
                value.description = try parseDescription()
                value.name = try parser.parseName()
                value.directives = try parser.parseDirectives(isConst: true)
                values.append(value)
            }
            return values
        }

        // MARK: - Extensions

        private func parseTypeSystemExtension(into document: SchemaDocument) throws(Failure) {
            try parser.expectKeyword("extend")
            let keyword = parser.peek().value
            switch keyword {
            case "schema":
                document.schemaExtension.append(try parseSchemaExtension())
            case "scalar", "type", "interface", "union", "enum", "input":
                document.extensions.append(try parseTypeExtension(keyword))
            default:
                throw parser.unexpected(parser.peek())
            }
        }

        private func parseSchemaExtension() throws(Failure) -> SchemaDefinition {
            try parser.expectKeyword("schema")
            let definition = SchemaDefinition()
            definition.position = parser.peek().position
            definition.directives = try parser.parseDirectives(isConst: true)
            try parser.some(.braceL, .braceR) { () throws(Failure) in
                definition.operationTypes.append(try parseOperationTypeDefinition())
            }
            if definition.directives.isEmpty && definition.operationTypes.isEmpty {
                throw parser.unexpected(parser.peek())
            }
            return definition
        }

        /// An extension must add something; which parts count depends on the kind, as in gqlparser.
        private func parseTypeExtension(_ keyword: String) throws(Failure) -> Definition {
            try parser.expectKeyword(keyword)
            let definition = Definition()
            definition.position = parser.peek().position
            definition.name = try parser.parseName()
            let addsSomething: Bool
            switch keyword {
            case "scalar":
                definition.kind = DefinitionKind.scalar
                definition.directives = try parser.parseDirectives(isConst: true)
                addsSomething = !definition.directives.isEmpty
            case "type":
                definition.kind = DefinitionKind.object
                definition.interfaces = try parseImplementsInterfaces()
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.fields = try parseFieldsDefinition()
                addsSomething = !(definition.interfaces.isEmpty && definition.directives.isEmpty && definition.fields.isEmpty)
            case "interface":
                definition.kind = DefinitionKind.interface
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.fields = try parseFieldsDefinition()
                addsSomething = !(definition.directives.isEmpty && definition.fields.isEmpty)
            case "union":
                definition.kind = DefinitionKind.union
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.types = try parseUnionMemberTypes()
                addsSomething = !(definition.directives.isEmpty && definition.types.isEmpty)
            case "enum":
                definition.kind = DefinitionKind.enumeration
                definition.directives = try parser.parseDirectives(isConst: true)
                definition.enumValues = try parseEnumValuesDefinition()
                addsSomething = !(definition.directives.isEmpty && definition.enumValues.isEmpty)
            default:
                definition.kind = DefinitionKind.inputObject
                definition.directives = try parser.parseDirectives(isConst: false)
                definition.fields = try parseInputFieldsDefinition()
                addsSomething = !(definition.directives.isEmpty && definition.fields.isEmpty)
            }
            if !addsSomething { throw parser.unexpected(parser.peek()) }
            return definition
        }

        // MARK: - Directive definitions

        private func parseDirectiveDefinition(description: String) throws(Failure) -> DirectiveDefinition {
            try parser.expectKeyword("directive")
            try parser.expect(.at)
            let definition = DirectiveDefinition()
            definition.position = parser.peek().position
            definition.description = description
            definition.name = try parser.parseName()
            definition.arguments = try parseArgumentDefinitions()
            let token = parser.peek()
            if token.kind == .name, token.value == "repeatable" {
                definition.isRepeatable = true
                try parser.next()
            }
            try parser.expectKeyword("on")
            _ = try parser.skip(.pipe)
            definition.locations = [try parseDirectiveLocation()]
            while try parser.skip(.pipe) { definition.locations.append(try parseDirectiveLocation()) }
            return definition
        }

        private static let directiveLocations: Set<String> = [
            "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
            "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
            "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
            "INPUT_FIELD_DEFINITION",
        ]

        private func parseDirectiveLocation() throws(Failure) -> String {
            let token = try parser.expect(.name)
            guard SchemaParser.directiveLocations.contains(token.value) else { throw parser.unexpected(token) }
            return token.value
        }
    }
}
