extension GraphQL {
    /// Turns ASTs into the objects OPA returns: gqlparser's Go field names, with OPA's pruning
    /// applied (positions, nulls and empty arrays or objects dropped; empty strings, `false` and
    /// zero kept, since Go marshals them).
    enum Encoding {
        static func encode(_ document: QueryDocument) -> Value {
            var object = ObjectBuilder()
            object.add("Operations", document.operations.map(encode))
            object.add("Fragments", document.fragments.map(encode))
            return object.value
        }

        static func encode(_ document: SchemaDocument) -> Value {
            var object = ObjectBuilder()
            object.add("Schema", document.schema.map(encode))
            object.add("SchemaExtension", document.schemaExtension.map(encode))
            object.add("Directives", document.directives.map(encode))
            object.add("Definitions", document.definitions.map(encode))
            object.add("Extensions", document.extensions.map(encode))
            return object.value
        }

        // MARK: - Executable documents

        static func encode(_ operation: OperationDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Operation", operation.operation)
            object.add("Name", operation.name)
            object.add("VariableDefinitions", operation.variableDefinitions.map(encode))
            object.add("Directives", operation.directives.map(encode))
            object.add("SelectionSet", operation.selectionSet.map(encode))
            return object.value
        }

        static func encode(_ definition: VariableDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Variable", definition.variable)
            object.add("Type", definition.type.map(encode))
            object.add("DefaultValue", definition.defaultValue.map(encode))
            object.add("Directives", definition.directives.map(encode))
            object.add("Definition", definition.definition.map(encode))
            object.add("Used", definition.used)
            return object.value
        }

        static func encode(_ selection: Selection) -> Value {
            var object = ObjectBuilder()
            switch selection {
            case .field(let field):
                object.add("Alias", field.alias)
                object.add("Name", field.name)
                object.add("Arguments", field.arguments.map(encode))
                object.add("Directives", field.directives.map(encode))
                object.add("SelectionSet", field.selectionSet.map(encode))
                object.add("Definition", field.definition.map(encode))
                object.add("ObjectDefinition", field.objectDefinition.map(encode))
            case .fragmentSpread(let spread):
                object.add("Name", spread.name)
                object.add("Directives", spread.directives.map(encode))
                object.add("ObjectDefinition", spread.objectDefinition.map(encode))
                object.add("Definition", spread.definition.map(encode))
            case .inlineFragment(let fragment):
                object.add("TypeCondition", fragment.typeCondition)
                object.add("Directives", fragment.directives.map(encode))
                object.add("SelectionSet", fragment.selectionSet.map(encode))
                object.add("ObjectDefinition", fragment.objectDefinition.map(encode))
            }
            return object.value
        }

        static func encode(_ fragment: FragmentDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Name", fragment.name)
            object.add("VariableDefinition", fragment.variableDefinition.map(encode))
            object.add("TypeCondition", fragment.typeCondition)
            object.add("Directives", fragment.directives.map(encode))
            object.add("SelectionSet", fragment.selectionSet.map(encode))
            object.add("Definition", fragment.definition.map(encode))
            return object.value
        }

        static func encode(_ argument: Argument) -> Value {
            var object = ObjectBuilder()
            object.add("Name", argument.name)
            object.add("Value", argument.value.map(encode))
            return object.value
        }

        static func encode(_ directive: Directive) -> Value {
            var object = ObjectBuilder()
            object.add("Name", directive.name)
            object.add("Arguments", directive.arguments.map(encode))
            object.add("ParentDefinition", directive.parentDefinition.map(encode))
            object.add("Definition", directive.definition.map(encode))
            object.add("Location", directive.location)
            return object.value
        }

        static func encode(_ value: ValueNode) -> Value {
            var object = ObjectBuilder()
            object.add("Raw", value.raw)
            object.add("Children", value.children.map(encode))
            object.add("Kind", .int(value.kindNumber))
            object.add("Definition", value.definition.map(encode))
            object.add("VariableDefinition", value.variableDefinition.map(encode))
            object.add("ExpectedType", value.expectedType.map(encode))
            object.add("ExpectedTypeHasDefault", value.expectedTypeHasDefault)
            return object.value
        }

        static func encode(_ child: ChildValue) -> Value {
            var object = ObjectBuilder()
            object.add("Name", child.name)
            object.add("Value", child.value.map(encode))
            return object.value
        }

        static func encode(_ type: TypeRef) -> Value {
            var object = ObjectBuilder()
            object.add("NamedType", type.namedType)
            object.add("Elem", type.elem.map(encode))
            object.add("NonNull", type.nonNull)
            return object.value
        }

        // MARK: - Schema documents

        static func encode(_ schema: SchemaDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Description", schema.description)
            object.add("Directives", schema.directives.map(encode))
            object.add("OperationTypes", schema.operationTypes.map(encode))
            return object.value
        }

        static func encode(_ operationType: OperationTypeDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Operation", operationType.operation)
            object.add("Type", operationType.type)
            return object.value
        }

        static func encode(_ definition: Definition) -> Value {
            var object = ObjectBuilder()
            object.add("Kind", definition.kind)
            object.add("Description", definition.description)
            object.add("Name", definition.name)
            object.add("Directives", definition.directives.map(encode))
            object.add("Interfaces", definition.interfaces.map(Value.string))
            object.add("Fields", definition.fields.map(encode))
            object.add("Types", definition.types.map(Value.string))
            object.add("EnumValues", definition.enumValues.map(encode))
            object.add("BuiltIn", definition.builtIn)
            return object.value
        }

        static func encode(_ field: FieldDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Description", field.description)
            object.add("Name", field.name)
            object.add("Arguments", field.arguments.map(encode))
            object.add("DefaultValue", field.defaultValue.map(encode))
            object.add("Type", field.type.map(encode))
            object.add("Directives", field.directives.map(encode))
            return object.value
        }

        static func encode(_ argument: ArgumentDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Description", argument.description)
            object.add("Name", argument.name)
            object.add("DefaultValue", argument.defaultValue.map(encode))
            object.add("Type", argument.type.map(encode))
            object.add("Directives", argument.directives.map(encode))
            return object.value
        }

        static func encode(_ value: EnumValueDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Description", value.description)
            object.add("Name", value.name)
            object.add("Directives", value.directives.map(encode))
            return object.value
        }

        static func encode(_ directive: DirectiveDefinition) -> Value {
            var object = ObjectBuilder()
            object.add("Description", directive.description)
            object.add("Name", directive.name)
            object.add("Arguments", directive.arguments.map(encode))
            object.add("Locations", directive.locations.map(Value.string))
            object.add("IsRepeatable", directive.isRepeatable)
            return object.value
        }
    }

    /// Collects an object's members, leaving out what OPA's pruning would remove.
    struct ObjectBuilder {
        private var members: [(String, Value)] = []

        mutating func add(_ key: String, _ text: String) { members.append((key, .string(text))) }
        mutating func add(_ key: String, _ flag: Bool) { members.append((key, .bool(flag))) }

        mutating func add(_ key: String, _ value: Value?) {
            guard let value, !ObjectBuilder.isPrunable(value) else { return }
            members.append((key, value))
        }

        mutating func add(_ key: String, _ elements: [Value]) {
            let kept = elements.filter { !ObjectBuilder.isPrunable($0) }
            if !kept.isEmpty { members.append((key, .array(kept))) }
        }

        private static func isPrunable(_ value: Value) -> Bool {
            switch value {
            case .null: return true
            case .array(let elements): return elements.isEmpty
            case .object(let object): return object.isEmpty
            default: return false
            }
        }

        var value: Value { .object(RegoObject(members)) }
    }
}
