extension GraphQL {
    /// Reads ASTs given as objects the way OPA does: the value goes through JSON into gqlparser's
    /// Go structs. So Go's decoding rules apply: keys match field names, ignoring case except
    /// where gqlparser decodes by hand; unknown keys are ignored; `null` leaves a field unset; a
    /// value of the wrong JSON type is an error. Every selection decodes as a field when it can,
    /// because gqlparser tries that first and Go's decoder accepts any object for it.
    enum Decoding {
        struct Mismatch: Error {
            var message: String
        }

        static func queryDocument(_ value: Value) throws(BuiltinError) -> QueryDocument {
            do {
                var reader = Reader()
                return try reader.queryDocument(value)
            } catch {
                throw .builtin(error.message)
            }
        }

        static func schemaDocument(_ value: Value) throws(BuiltinError) -> SchemaDocument {
            do {
                var reader = Reader()
                return try reader.schemaDocument(value)
            } catch {
                throw .builtin(error.message)
            }
        }
    }
}

extension GraphQL.Decoding {
    typealias Failure = Mismatch

    /// One decoding pass, tracking depth so hostile nesting cannot exhaust the stack.
    struct Reader {
        private var depth = 0

        // MARK: - Members of Go structs

        /// The members of an object as Go's decoder matches them to a struct's fields: names equal
        /// but for case, the last such key (in key order) winning. `caseSensitive` is for
        /// gqlparser's hand-written decoders, which look names up exactly.
        private struct Members {
            let object: RegoObject
            let caseSensitive: Bool

            subscript(field: String) -> Value? {
                if caseSensitive { return object[field] }
                var found: Value?
                let folded = field.lowercased()
                for (key, value) in object {
                    if case .string(let name) = key, name.lowercased() == folded { found = value }
                }
                return found
            }
        }

        private mutating func members(_ value: Value, _ type: String, caseSensitive: Bool = false) throws(Failure) -> Members? {
            switch value {
            case .null: return nil
            case .object(let object):
                for key in object.keys where key.stringValue == nil {
                    throw Failure(message: "json: unsupported object key \(key.description) in \(type)")
                }
                return Members(object: object, caseSensitive: caseSensitive)
            default: throw mismatch(value, type)
            }
        }

        private func mismatch(_ value: Value, _ type: String) -> Failure {
            let jsonType: String
            switch value {
            case .null: jsonType = "null"
            case .bool: jsonType = "bool"
            case .number(let n): jsonType = "number " + n.description
            case .string: jsonType = "string"
            case .array, .set: jsonType = "array"
            case .object: jsonType = "object"
            }
            return Failure(message: "json: cannot unmarshal \(jsonType) into Go value of type \(type)")
        }

        private mutating func descend<T>(_ body: (inout Reader) throws(Failure) -> T) throws(Failure) -> T {
            guard depth < GraphQL.Limits.maxObjectDepth else {
                throw Failure(message: "GraphQL AST object nested deeper than \(GraphQL.Limits.maxObjectDepth) levels")
            }
            depth += 1
            defer { depth -= 1 }
            return try body(&self)
        }

        // MARK: - Scalars and lists

        private func string(_ value: Value?, into target: inout String) throws(Failure) {
            switch value {
            case nil, .null?: return
            case .string(let s)?: target = s
            case let other?: throw mismatch(other, "string")
            }
        }

        private func bool(_ value: Value?, into target: inout Bool) throws(Failure) {
            switch value {
            case nil, .null?: return
            case .bool(let b)?: target = b
            case let other?: throw mismatch(other, "bool")
            }
        }

        private func int(_ value: Value?, into target: inout Int) throws(Failure) {
            switch value {
            case nil, .null?: return
            case .number(let n)?:
                guard let i = n.intValue else { throw mismatch(.number(n), "int") }
                target = i
            case let other?: throw mismatch(other, "int")
            }
        }

        private func elements(_ value: Value?, _ type: String) throws(Failure) -> [Value]? {
            switch value {
            case nil, .null?: return nil
            case .array(let a)?: return a
            case .set(let s)?: return s.sorted
            case let other?: throw mismatch(other, type)
            }
        }

        private func strings(_ value: Value?, into target: inout [String]) throws(Failure) {
            guard let elements = try elements(value, "[]string") else { return }
            var result: [String] = []
            for element in elements {
                var text = ""
                try string(element, into: &text)
                result.append(text)
            }
            target = result
        }

        /// A list of pointers to structs; `null` elements (nil pointers in Go) are left out.
        private mutating func list<T>(
            _ value: Value?, _ type: String, _ decode: (inout Reader, Value) throws(Failure) -> T?
        ) throws(Failure) -> [T]? {
            guard let elements = try elements(value, type) else { return nil }
            var result: [T] = []
            for element in elements {
                if let item = try descend({ (reader: inout Reader) throws(Failure) in try decode(&reader, element) }) {
                    result.append(item)
                }
            }
            return result
        }

        private mutating func optional<T>(
            _ value: Value?, _ decode: (inout Reader, Value) throws(Failure) -> T?
        ) throws(Failure) -> T? {
            guard let value else { return nil }
            return try descend { (reader: inout Reader) throws(Failure) in try decode(&reader, value) }
        }

        // MARK: - Executable documents

        mutating func queryDocument(_ value: Value) throws(Failure) -> GraphQL.QueryDocument {
            let document = GraphQL.QueryDocument()
            guard let m = try members(value, "ast.QueryDocument") else { return document }
            document.operations = try list(m["Operations"], "ast.OperationList") { r, v throws(Failure) in try r.operation(v) } ?? []
            document.fragments = try list(m["Fragments"], "ast.FragmentDefinitionList") { r, v throws(Failure) in try r.fragment(v) } ?? []
            return document
        }

        private mutating func operation(_ value: Value) throws(Failure) -> GraphQL.OperationDefinition? {
            guard let m = try members(value, "ast.OperationDefinition", caseSensitive: true) else { return nil }
            let operation = GraphQL.OperationDefinition()
            try string(m["Operation"], into: &operation.operation)
            try string(m["Name"], into: &operation.name)
            operation.variableDefinitions = try list(m["VariableDefinitions"], "ast.VariableDefinitionList") { r, v throws(Failure) in try r.variableDefinition(v) } ?? []
            operation.directives = try directives(m["Directives"])
            operation.selectionSet = try selectionSet(m["SelectionSet"])
            operation.position = try position(m["Position"])
            return operation
        }

        private mutating func variableDefinition(_ value: Value) throws(Failure) -> GraphQL.VariableDefinition? {
            guard let m = try members(value, "ast.VariableDefinition") else { return nil }
            let definition = GraphQL.VariableDefinition()
            try string(m["Variable"], into: &definition.variable)
            definition.type = try optional(m["Type"]) { r, v throws(Failure) in try r.typeRef(v) }
            definition.defaultValue = try optional(m["DefaultValue"]) { r, v throws(Failure) in try r.valueNode(v) }
            definition.directives = try directives(m["Directives"])
            definition.definition = try optional(m["Definition"]) { r, v throws(Failure) in try r.definition(v) }
            try bool(m["Used"], into: &definition.used)
            return definition
        }

        /// gqlparser's `UnmarshalSelectionSet`: each element is tried as a field, then a fragment
        /// spread, then an inline fragment; one that fits none is dropped.
        private mutating func selectionSet(_ value: Value?) throws(Failure) -> [GraphQL.Selection] {
            guard let elements = try elements(value, "ast.SelectionSet") else { return [] }
            var selections: [GraphQL.Selection] = []
            for element in elements {
                let selection = try descend { (reader: inout Reader) throws(Failure) -> GraphQL.Selection? in
                    if let field = try? reader.field(element) { return .field(field) }
                    if let spread = try? reader.fragmentSpread(element) { return .fragmentSpread(spread) }
                    if let fragment = try? reader.inlineFragment(element) { return .inlineFragment(fragment) }
                    return nil
                }
                if let selection { selections.append(selection) }
            }
            return selections
        }

        private mutating func field(_ value: Value) throws(Failure) -> GraphQL.Field {
            let field = GraphQL.Field()
            guard let m = try members(value, "ast.Field", caseSensitive: true) else { return field }
            try string(m["Alias"], into: &field.alias)
            try string(m["Name"], into: &field.name)
            field.arguments = try arguments(m["Arguments"])
            field.directives = try directives(m["Directives"])
            field.selectionSet = try selectionSet(m["SelectionSet"])
            field.position = try position(m["Position"])
            field.definition = try optional(m["Definition"]) { r, v throws(Failure) in try r.fieldDefinition(v) }
            field.objectDefinition = try optional(m["ObjectDefinition"]) { r, v throws(Failure) in try r.definition(v) }
            return field
        }

        private mutating func fragmentSpread(_ value: Value) throws(Failure) -> GraphQL.FragmentSpread {
            let spread = GraphQL.FragmentSpread()
            guard let m = try members(value, "ast.FragmentSpread") else { return spread }
            try string(m["Name"], into: &spread.name)
            spread.directives = try directives(m["Directives"])
            spread.objectDefinition = try optional(m["ObjectDefinition"]) { r, v throws(Failure) in try r.definition(v) }
            spread.definition = try optional(m["Definition"]) { r, v throws(Failure) in try r.fragment(v) }
            return spread
        }

        private mutating func inlineFragment(_ value: Value) throws(Failure) -> GraphQL.InlineFragment {
            let fragment = GraphQL.InlineFragment()
            guard let m = try members(value, "ast.InlineFragment", caseSensitive: true) else { return fragment }
            try string(m["TypeCondition"], into: &fragment.typeCondition)
            fragment.directives = try directives(m["Directives"])
            fragment.selectionSet = try selectionSet(m["SelectionSet"])
            fragment.objectDefinition = try optional(m["ObjectDefinition"]) { r, v throws(Failure) in try r.definition(v) }
            fragment.position = try position(m["Position"])
            return fragment
        }

        private mutating func fragment(_ value: Value) throws(Failure) -> GraphQL.FragmentDefinition? {
            guard let m = try members(value, "ast.FragmentDefinition", caseSensitive: true) else { return nil }
            let fragment = GraphQL.FragmentDefinition()
            try string(m["Name"], into: &fragment.name)
            fragment.variableDefinition = try list(m["VariableDefinition"], "ast.VariableDefinitionList") { r, v throws(Failure) in try r.variableDefinition(v) } ?? []
            try string(m["TypeCondition"], into: &fragment.typeCondition)
            fragment.directives = try directives(m["Directives"])
            fragment.selectionSet = try selectionSet(m["SelectionSet"])
            fragment.definition = try optional(m["Definition"]) { r, v throws(Failure) in try r.definition(v) }
            fragment.position = try position(m["Position"])
            return fragment
        }

        private mutating func arguments(_ value: Value?) throws(Failure) -> [GraphQL.Argument] {
            try list(value, "ast.ArgumentList") { r, v throws(Failure) -> GraphQL.Argument? in
                guard let m = try r.members(v, "ast.Argument") else { return nil }
                let argument = GraphQL.Argument()
                try r.string(m["Name"], into: &argument.name)
                argument.value = try r.optional(m["Value"]) { r, v throws(Failure) in try r.valueNode(v) }
                return argument
            } ?? []
        }

        private mutating func directives(_ value: Value?) throws(Failure) -> [GraphQL.Directive] {
            try list(value, "ast.DirectiveList") { r, v throws(Failure) -> GraphQL.Directive? in
                guard let m = try r.members(v, "ast.Directive") else { return nil }
                let directive = GraphQL.Directive()
                try r.string(m["Name"], into: &directive.name)
                directive.arguments = try r.arguments(m["Arguments"])
                directive.parentDefinition = try r.optional(m["ParentDefinition"]) { r, v throws(Failure) in try r.definition(v) }
                directive.definition = try r.optional(m["Definition"]) { r, v throws(Failure) in try r.directiveDefinition(v) }
                try r.string(m["Location"], into: &directive.location)
                return directive
            } ?? []
        }

        private mutating func valueNode(_ value: Value) throws(Failure) -> GraphQL.ValueNode? {
            guard let m = try members(value, "ast.Value") else { return nil }
            let node = GraphQL.ValueNode()
            try string(m["Raw"], into: &node.raw)
            node.children = try list(m["Children"], "ast.ChildValueList") { r, v throws(Failure) -> GraphQL.ChildValue? in
                guard let m = try r.members(v, "ast.ChildValue") else { return nil }
                let child = GraphQL.ChildValue(value: nil)
                try r.string(m["Name"], into: &child.name)
                child.value = try r.optional(m["Value"]) { r, v throws(Failure) in try r.valueNode(v) }
                return child
            } ?? []
            try int(m["Kind"], into: &node.kindNumber)
            node.definition = try optional(m["Definition"]) { r, v throws(Failure) in try r.definition(v) }
            node.variableDefinition = try optional(m["VariableDefinition"]) { r, v throws(Failure) in try r.variableDefinition(v) }
            node.expectedType = try optional(m["ExpectedType"]) { r, v throws(Failure) in try r.typeRef(v) }
            try bool(m["ExpectedTypeHasDefault"], into: &node.expectedTypeHasDefault)
            return node
        }

        private mutating func typeRef(_ value: Value) throws(Failure) -> GraphQL.TypeRef? {
            guard let m = try members(value, "ast.Type") else { return nil }
            let type = GraphQL.TypeRef()
            try string(m["NamedType"], into: &type.namedType)
            type.elem = try optional(m["Elem"]) { r, v throws(Failure) in try r.typeRef(v) }
            try bool(m["NonNull"], into: &type.nonNull)
            return type
        }

        /// gqlparser's hand-written decoders read a `Position` member; Go's decoder matches its
        /// `Line` and `Column` fields ignoring case.
        private mutating func position(_ value: Value?) throws(Failure) -> GraphQL.Position? {
            guard let value, let m = try members(value, "ast.Position") else { return nil }
            var position = GraphQL.Position(line: 0, column: 0)
            try int(m["Line"], into: &position.line)
            try int(m["Column"], into: &position.column)
            return position
        }

        // MARK: - Schema documents

        mutating func schemaDocument(_ value: Value) throws(Failure) -> GraphQL.SchemaDocument {
            let document = GraphQL.SchemaDocument()
            guard let m = try members(value, "ast.SchemaDocument") else { return document }
            document.schema = try list(m["Schema"], "ast.SchemaDefinitionList") { r, v throws(Failure) in try r.schemaDefinition(v) } ?? []
            document.schemaExtension = try list(m["SchemaExtension"], "ast.SchemaDefinitionList") { r, v throws(Failure) in try r.schemaDefinition(v) } ?? []
            document.directives = try list(m["Directives"], "ast.DirectiveDefinitionList") { r, v throws(Failure) in try r.directiveDefinition(v) } ?? []
            document.definitions = try list(m["Definitions"], "ast.DefinitionList") { r, v throws(Failure) in try r.definition(v) } ?? []
            document.extensions = try list(m["Extensions"], "ast.DefinitionList") { r, v throws(Failure) in try r.definition(v) } ?? []
            return document
        }

        private mutating func schemaDefinition(_ value: Value) throws(Failure) -> GraphQL.SchemaDefinition? {
            guard let m = try members(value, "ast.SchemaDefinition") else { return nil }
            let schema = GraphQL.SchemaDefinition()
            try string(m["Description"], into: &schema.description)
            schema.directives = try directives(m["Directives"])
            schema.operationTypes = try list(m["OperationTypes"], "ast.OperationTypeDefinitionList") { r, v throws(Failure) -> GraphQL.OperationTypeDefinition? in
                guard let m = try r.members(v, "ast.OperationTypeDefinition") else { return nil }
                let operationType = GraphQL.OperationTypeDefinition()
                try r.string(m["Operation"], into: &operationType.operation)
                try r.string(m["Type"], into: &operationType.type)
                return operationType
            } ?? []
            return schema
        }

        private mutating func definition(_ value: Value) throws(Failure) -> GraphQL.Definition? {
            guard let m = try members(value, "ast.Definition") else { return nil }
            let definition = GraphQL.Definition()
            try string(m["Kind"], into: &definition.kind)
            try string(m["Description"], into: &definition.description)
            try string(m["Name"], into: &definition.name)
            definition.directives = try directives(m["Directives"])
            try strings(m["Interfaces"], into: &definition.interfaces)
            definition.fields = try list(m["Fields"], "ast.FieldList") { r, v throws(Failure) in try r.fieldDefinition(v) } ?? []
            try strings(m["Types"], into: &definition.types)
            definition.enumValues = try list(m["EnumValues"], "ast.EnumValueList") { r, v throws(Failure) -> GraphQL.EnumValueDefinition? in
                guard let m = try r.members(v, "ast.EnumValueDefinition") else { return nil }
                let enumValue = GraphQL.EnumValueDefinition()
                try r.string(m["Description"], into: &enumValue.description)
                try r.string(m["Name"], into: &enumValue.name)
                enumValue.directives = try r.directives(m["Directives"])
                return enumValue
            } ?? []
            try bool(m["BuiltIn"], into: &definition.builtIn)
            return definition
        }

        private mutating func fieldDefinition(_ value: Value) throws(Failure) -> GraphQL.FieldDefinition? {
            guard let m = try members(value, "ast.FieldDefinition") else { return nil }
            let field = GraphQL.FieldDefinition()
            try string(m["Description"], into: &field.description)
            try string(m["Name"], into: &field.name)
            field.arguments = try argumentDefinitions(m["Arguments"])
            field.defaultValue = try optional(m["DefaultValue"]) { r, v throws(Failure) in try r.valueNode(v) }
            field.type = try optional(m["Type"]) { r, v throws(Failure) in try r.typeRef(v) }
            field.directives = try directives(m["Directives"])
            return field
        }

        private mutating func argumentDefinitions(_ value: Value?) throws(Failure) -> [GraphQL.ArgumentDefinition] {
            try list(value, "ast.ArgumentDefinitionList") { r, v throws(Failure) -> GraphQL.ArgumentDefinition? in
                guard let m = try r.members(v, "ast.ArgumentDefinition") else { return nil }
                let argument = GraphQL.ArgumentDefinition()
                try r.string(m["Description"], into: &argument.description)
                try r.string(m["Name"], into: &argument.name)
                argument.defaultValue = try r.optional(m["DefaultValue"]) { r, v throws(Failure) in try r.valueNode(v) }
                argument.type = try r.optional(m["Type"]) { r, v throws(Failure) in try r.typeRef(v) }
                argument.directives = try r.directives(m["Directives"])
                return argument
            } ?? []
        }

        private mutating func directiveDefinition(_ value: Value) throws(Failure) -> GraphQL.DirectiveDefinition? {
            guard let m = try members(value, "ast.DirectiveDefinition") else { return nil }
            let directive = GraphQL.DirectiveDefinition()
            try string(m["Description"], into: &directive.description)
            try string(m["Name"], into: &directive.name)
            directive.arguments = try argumentDefinitions(m["Arguments"])
            try strings(m["Locations"], into: &directive.locations)
            try bool(m["IsRepeatable"], into: &directive.isRepeatable)
            return directive
        }
    }
}
