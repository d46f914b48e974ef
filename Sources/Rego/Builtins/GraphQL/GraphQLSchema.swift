extension GraphQL {
    /// A checked schema: types and directives by name and the root operation types, as
    /// gqlparser's `ast.Schema`.
    final class Schema {
        var query: Definition?
        var mutation: Definition?
        var subscription: Definition?
        var types: [String: Definition] = [:]
        var directives: [String: DirectiveDefinition] = [:]
        /// For each abstract type (and each object, for itself) the types that may stand in for
        /// it. Entries may be missing definitions for unknown union members, as in gqlparser.
        var possibleTypes: [String: [Definition?]] = [:] { didSet { possibleTypeNameSets = [:] } }
        private var possibleTypeNameSets: [String: Set<String>] = [:]

        /// The names in `possibleTypes[name]`, for membership tests.
        func possibleTypeNames(of name: String) -> Set<String> {
            if let names = possibleTypeNameSets[name] { return names }
            let names = Set((possibleTypes[name] ?? []).compactMap { $0?.name })
            possibleTypeNameSets[name] = names
            return names
        }

        /// The object types a union or interface stands for.
        func possibleTypes(of definition: Definition) -> [Definition?] {
            if definition.kind == DefinitionKind.union {
                return definition.types.map { types[$0] }
            }
            return possibleTypes[definition.name] ?? []
        }

        fileprivate func addPossibleType(_ name: String, _ definition: Definition?) {
            possibleTypes[name, default: []].append(definition)
        }
    }

    /// gqlparser's `ValidateSchemaDocument` on the prelude merged with `document`: collects
    /// types (applying extensions), directives and root types, then checks every definition.
    static func buildSchema(_ document: SchemaDocument) throws(Failure) -> Schema {
        let merged = SchemaDocument()
        merged.merge(preludeDocument())
        merged.merge(document)
        return try SchemaBuilder(merged).build()
    }

    struct SchemaBuilder {
        let document: SchemaDocument
        let schema = Schema()

        init(_ document: SchemaDocument) {
            self.document = document
        }

        /// Schema errors name a position; documents given as objects have none, and gqlparser
        /// then reports line and column -1.
        static func failure(_ position: Position?, _ message: String) -> Failure {
            Failure(message, at: position ?? Position(line: -1, column: -1))
        }

        func build() throws(Failure) -> Schema {
            for definition in document.definitions {
                if schema.types[definition.name] != nil {
                    throw SchemaBuilder.failure(definition.position, "Cannot redeclare type \(definition.name).")
                }
                schema.types[definition.name] = definition
            }
            var definitions = document.definitions
            for extensionDefinition in document.extensions {
                var base = schema.types[extensionDefinition.name]
                if base == nil {
                    // Extending an unknown type declares it.
                    let created = Definition()
                    created.kind = extensionDefinition.kind
                    created.name = extensionDefinition.name
                    created.position = extensionDefinition.position
                    schema.types[created.name] = created
                    definitions.append(created)
                    base = created
                }
                guard let base else { continue }
                if base.kind != extensionDefinition.kind {
                    throw SchemaBuilder.failure(
                        extensionDefinition.position,
                        "Cannot extend type \(extensionDefinition.name) because the base type is a \(base.kind), not \(extensionDefinition.kind).")
                }
                base.directives += extensionDefinition.directives
                base.interfaces += extensionDefinition.interfaces
                base.fields += extensionDefinition.fields
                base.types += extensionDefinition.types
                base.enumValues += extensionDefinition.enumValues
            }
            for definition in definitions {
                switch definition.kind {
                case DefinitionKind.union:
                    for member in definition.types { schema.addPossibleType(definition.name, schema.types[member]) }
                case DefinitionKind.inputObject, DefinitionKind.object:
                    for interface in definition.interfaces { schema.addPossibleType(interface, definition) }
                    schema.addPossibleType(definition.name, definition)
                case DefinitionKind.interface:
                    for interface in definition.interfaces { schema.addPossibleType(interface, definition) }
                default:
                    break
                }
            }
            for directive in document.directives {
                if schema.directives[directive.name] != nil {
                    // SDL may restate the built-in directives; the first definition stays.
                    switch directive.name {
                    case "include", "skip", "deprecated", "specifiedBy": continue
                    default: throw SchemaBuilder.failure(directive.position, "Cannot redeclare directive \(directive.name).")
                    }
                }
                schema.directives[directive.name] = directive
            }
            if document.schema.count > 1 {
                throw SchemaBuilder.failure(
                    document.schema[1].position, "Cannot have multiple schema entry points, consider schema extensions instead.")
            }
            for schemaDefinition in document.schema + document.schemaExtension {
                try assignRoots(schemaDefinition.operationTypes)
            }
            try SchemaChecks(schema: schema).check()
            // Without a schema definition, types with the conventional names are the roots.
            if document.schema.isEmpty {
                if schema.query == nil { schema.query = schema.types["Query"] }
                if schema.mutation == nil { schema.mutation = schema.types["Mutation"] }
                if schema.subscription == nil { schema.subscription = schema.types["Subscription"] }
            }
            if let query = schema.query {
                let schemaField = FieldDefinition()
                schemaField.name = "__schema"
                schemaField.type = TypeRef(named: "__Schema", nonNull: true)
                let typeField = FieldDefinition()
                typeField.name = "__type"
                typeField.type = TypeRef(named: "__Type")
                let nameArgument = ArgumentDefinition()
                nameArgument.name = "name"
                nameArgument.type = TypeRef(named: "String", nonNull: true)
                typeField.arguments = [nameArgument]
                query.fields += [schemaField, typeField]
            }
            return schema
        }

        private func assignRoots(_ operationTypes: [OperationTypeDefinition]) throws(Failure) {
            for entry in operationTypes {
                guard let definition = schema.types[entry.type] else {
                    throw SchemaBuilder.failure(
                        entry.position, "Schema root \(entry.operation) refers to a type \(entry.type) that does not exist.")
                }
                switch entry.operation {
                case "query": schema.query = definition
                case "mutation": schema.mutation = definition
                case "subscription": schema.subscription = definition
                default: break
                }
            }
        }
    }
}
