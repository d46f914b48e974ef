extension GraphQL {
    // The schema-definition AST, shaped like gqlparser's (see GraphQLQueryAST.swift).

    final class SchemaDocument {
        var schema: [SchemaDefinition] = []
        var schemaExtension: [SchemaDefinition] = []
        var directives: [DirectiveDefinition] = []
        var definitions: [Definition] = []
        var extensions: [Definition] = []

        /// gqlparser's `Merge`: appends another document's parts to this one's.
        func merge(_ other: SchemaDocument) {
            schema += other.schema
            schemaExtension += other.schemaExtension
            directives += other.directives
            definitions += other.definitions
            extensions += other.extensions
        }
    }

    final class SchemaDefinition {
        var description = ""
        var directives: [Directive] = []
        var operationTypes: [OperationTypeDefinition] = []
        var position: Position?
    }

    final class OperationTypeDefinition {
        var operation = ""
        var type = ""
        var position: Position?
    }

    /// Kinds of type definitions, spelled as gqlparser's `DefinitionKind` strings.
    enum DefinitionKind {
        static let scalar = "SCALAR"
        static let object = "OBJECT"
        static let interface = "INTERFACE"
        static let union = "UNION"
        static let enumeration = "ENUM"
        static let inputObject = "INPUT_OBJECT"
    }

    /// A type definition or extension of any kind (gqlparser uses one struct for all of them).
    final class Definition {
        var kind = ""
        var description = ""
        var name = ""
        var directives: [Directive] = []
        var interfaces: [String] = []
        var fields: [FieldDefinition] = [] { didSet { fieldIndex.reset() } }
        var types: [String] = []
        var enumValues: [EnumValueDefinition] = [] { didSet { enumValueIndex.reset() } }
        var position: Position?
        /// Whether the definition comes from the prelude of built-in types.
        var builtIn = false
        private var fieldIndex = NameIndex()
        private var enumValueIndex = NameIndex()

        func field(named name: String) -> FieldDefinition? {
            fieldIndex.first(name, in: fields, \.name)
        }

        func enumValue(named name: String) -> EnumValueDefinition? {
            enumValueIndex.first(name, in: enumValues, \.name)
        }

        var isLeafType: Bool { kind == DefinitionKind.enumeration || kind == DefinitionKind.scalar }
        var isAbstractType: Bool { kind == DefinitionKind.interface || kind == DefinitionKind.union }
        var isCompositeType: Bool {
            kind == DefinitionKind.object || kind == DefinitionKind.interface || kind == DefinitionKind.union
        }
        var isInputType: Bool {
            kind == DefinitionKind.scalar || kind == DefinitionKind.enumeration || kind == DefinitionKind.inputObject
        }
    }

    final class FieldDefinition {
        var description = ""
        var name = ""
        var arguments: [ArgumentDefinition] = [] { didSet { argumentIndex.reset() } }
        var defaultValue: ValueNode?
        var type: TypeRef?
        var directives: [Directive] = []
        var position: Position?
        private var argumentIndex = NameIndex()

        func argument(named name: String) -> ArgumentDefinition? {
            argumentIndex.first(name, in: arguments, \.name)
        }
    }

    final class ArgumentDefinition {
        var description = ""
        var name = ""
        var defaultValue: ValueNode?
        var type: TypeRef?
        var directives: [Directive] = []
        var position: Position?
    }

    final class EnumValueDefinition {
        var description = ""
        var name = ""
        var directives: [Directive] = []
        var position: Position?
    }

    final class DirectiveDefinition {
        var description = ""
        var name = ""
        var arguments: [ArgumentDefinition] = [] { didSet { argumentIndex.reset() } }
        var locations: [String] = [] { didSet { locationSet = nil } }
        var isRepeatable = false
        var position: Position?
        private var argumentIndex = NameIndex()
        private var locationSet: Set<String>?

        func argument(named name: String) -> ArgumentDefinition? {
            argumentIndex.first(name, in: arguments, \.name)
        }

        func allows(_ location: String) -> Bool {
            if locationSet == nil { locationSet = Set(locations) }
            return locationSet!.contains(location)
        }
    }
}
