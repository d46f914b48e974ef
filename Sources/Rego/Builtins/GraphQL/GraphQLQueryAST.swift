extension GraphQL {
    // The executable-document AST, shaped like gqlparser's `ast` package so that its JSON form
    // (what OPA returns) can be produced field for field. Nodes are classes because validation,
    // like gqlparser's, annotates them in place (definitions, expected types, variable use); the
    // builtins encode a document before validating it, as OPA does, so annotations never show.
    // Positions are kept for error messages only and are never encoded.

    final class QueryDocument {
        var operations: [OperationDefinition] = []
        var fragments: [FragmentDefinition] = [] { didSet { fragmentIndex.reset() } }
        private var fragmentIndex = NameIndex()

        func fragment(named name: String) -> FragmentDefinition? {
            fragmentIndex.first(name, in: fragments, \.name)
        }
    }

    final class OperationDefinition {
        /// `query`, `mutation` or `subscription` (anything, for documents given as objects).
        var operation = ""
        var name = ""
        var variableDefinitions: [VariableDefinition] = [] { didSet { variableIndex.reset() } }
        var directives: [Directive] = []
        var selectionSet: [Selection] = []
        var position: Position?
        private var variableIndex = NameIndex()

        func variable(named name: String) -> VariableDefinition? {
            variableIndex.first(name, in: variableDefinitions, \.variable)
        }
    }

    final class VariableDefinition {
        var variable = ""
        var type: TypeRef?
        var defaultValue: ValueNode?
        var directives: [Directive] = []
        var position: Position?
        // Set by validation.
        var definition: Definition?
        var used = false
    }

    enum Selection {
        case field(Field)
        case fragmentSpread(FragmentSpread)
        case inlineFragment(InlineFragment)

        var position: Position? {
            switch self {
            case .field(let field): return field.position
            case .fragmentSpread(let spread): return spread.position
            case .inlineFragment(let fragment): return fragment.position
            }
        }
    }

    final class Field {
        var alias = ""
        var name = ""
        var arguments: [Argument] = [] { didSet { argumentIndex.reset() } }
        private var argumentIndex = NameIndex()

        func argument(named name: String) -> Argument? {
            argumentIndex.first(name, in: arguments, \.name)
        }
        var directives: [Directive] = []
        var selectionSet: [Selection] = []
        var position: Position?
        // Set by validation.
        var definition: FieldDefinition?
        var objectDefinition: Definition?

        /// The key the field's result has in a response.
        var responseName: String { alias.isEmpty ? name : alias }
    }

    final class Argument {
        var name = ""
        var value: ValueNode?
        var position: Position?
    }

    final class FragmentSpread {
        var name = ""
        var directives: [Directive] = []
        var position: Position?
        // Set by validation.
        var objectDefinition: Definition?
        var definition: FragmentDefinition?
    }

    final class InlineFragment {
        var typeCondition = ""
        var directives: [Directive] = []
        var selectionSet: [Selection] = []
        var position: Position?
        // Set by validation.
        var objectDefinition: Definition?
    }

    final class FragmentDefinition {
        var name = ""
        /// Experimental fragment variables; gqlparser spells the field in the singular.
        var variableDefinition: [VariableDefinition] = []
        var typeCondition = ""
        var directives: [Directive] = []
        var selectionSet: [Selection] = []
        var position: Position?
        // Set by validation.
        var definition: Definition?
    }

    final class Directive {
        var name = ""
        var arguments: [Argument] = [] { didSet { argumentIndex.reset() } }
        private var argumentIndex = NameIndex()

        func argument(named name: String) -> Argument? {
            argumentIndex.first(name, in: arguments, \.name)
        }
        var position: Position?
        // Set by validation.
        var parentDefinition: Definition?
        var definition: DirectiveDefinition?
        var location = ""
    }

    /// gqlparser's `ValueKind`, in its numbering (the JSON form carries the number).
    enum ValueKind: Int {
        case variable = 0, int, float, string, block, boolean, null, enumValue, list, object
    }

    /// A literal or variable in a document (gqlparser's `ast.Value`).
    final class ValueNode {
        var raw = ""
        var children: [ChildValue] = [] { didSet { childIndex.reset() } }
        private var childIndex = NameIndex()
        /// The kind as a number: documents given as objects may carry any number.
        var kindNumber = 0
        var position: Position?
        // Set by validation.
        var definition: Definition?
        var variableDefinition: VariableDefinition?
        var expectedType: TypeRef?
        var expectedTypeHasDefault = false

        init() {}

        init(kind: ValueKind, raw: String = "", children: [ChildValue] = [], at position: Position?) {
            self.kindNumber = kind.rawValue
            self.raw = raw
            self.children = children
            self.position = position
        }

        var kind: ValueKind? { ValueKind(rawValue: kindNumber) }

        func child(named name: String) -> ValueNode? {
            childIndex.first(name, in: children, \.name)?.value
        }
    }

    final class ChildValue {
        var name = ""
        var value: ValueNode?
        var position: Position?

        init(name: String = "", value: ValueNode?, at position: Position? = nil) {
            self.name = name
            self.value = value
            self.position = position
        }
    }

    /// A type reference: a named type, or a list of one, possibly non-null.
    final class TypeRef {
        var namedType = ""
        var elem: TypeRef?
        var nonNull = false
        var position: Position?

        init() {}

        init(named name: String, nonNull: Bool = false) {
            namedType = name
            self.nonNull = nonNull
        }

        /// The innermost named type.
        var name: String {
            if !namedType.isEmpty { return namedType }
            return elem?.name ?? ""
        }

        /// `[Name!]!`-style text.
        var description: String {
            let bang = nonNull ? "!" : ""
            if !namedType.isEmpty { return namedType + bang }
            return "[" + (elem?.description ?? "") + "]" + bang
        }

        func copy() -> TypeRef {
            let copy = TypeRef()
            copy.namedType = namedType
            copy.elem = elem
            copy.nonNull = nonNull
            copy.position = position
            return copy
        }

        /// gqlparser's `IsCompatible`: whether a value of this type may be used where `other` is
        /// expected.
        func isCompatible(with other: TypeRef) -> Bool {
            if namedType != other.namedType { return false }
            if let elem {
                guard let otherElem = other.elem, elem.isCompatible(with: otherElem) else { return false }
            }
            if other.nonNull { return nonNull }
            return true
        }
    }
}
