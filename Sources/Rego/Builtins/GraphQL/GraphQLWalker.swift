extension GraphQL {
    /// What the rules of one validation share: the schema, the document, the errors found so far
    /// and the budgets that stop hostile documents (gqlparser has none, so its answers for
    /// documents within the budgets are unaffected).
    final class Validation {
        let schema: Schema
        let document: QueryDocument
        private(set) var failures: [Failure] = []
        private var steps = 0
        private var depth = 0

        /// Why a validation stopped early.
        static let tooComplex = Failure("GraphQL query too complex to validate", at: nil)
        static let maxDepth = 256

        init(schema: Schema, document: QueryDocument) {
            self.schema = schema
            self.document = document
        }

        /// Errors beyond this many are dropped: the document is invalid either way, and OPA's
        /// message (which lists them all) would only grow.
        static let maxFailures = 1_000

        func report(_ message: String, at position: Position?) {
            if failures.count < Validation.maxFailures { failures.append(Failure(message, at: position)) }
        }

        /// Counts work; throws once the budget is spent.
        func step(_ count: Int = 1) throws(Failure) {
            steps += count
            if steps > Limits.maxValidationSteps { throw Validation.tooComplex }
        }

        /// Runs `body` one recursion level deeper, refusing to go beyond the depth limit.
        func nested<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
            guard depth < Validation.maxDepth else { throw Validation.tooComplex }
            depth += 1
            defer { depth -= 1 }
            try step()
            return try body()
        }
    }

    /// Callbacks the rules register, by the kind of node they look at. Each fires after the
    /// node's children have been walked, as in gqlparser.
    final class Events {
        typealias Handler<Node> = (Walker, Node) throws(Failure) -> Void

        var operation: [Handler<OperationDefinition>] = []
        var field: [Handler<Field>] = []
        var fragment: [Handler<FragmentDefinition>] = []
        var inlineFragment: [Handler<InlineFragment>] = []
        var fragmentSpread: [Handler<FragmentSpread>] = []
        var directive: [Handler<Directive>] = []
        var directiveList: [Handler<[Directive]>] = []
        var value: [Handler<ValueNode>] = []
        var variable: [Handler<VariableDefinition>] = []

        // Registration goes through methods: appending typed-throws closures to the arrays
        // directly crashes the Swift 6.3 compiler.
        func onOperation(_ handler: @escaping Handler<OperationDefinition>) { operation.append(handler) }
        func onField(_ handler: @escaping Handler<Field>) { field.append(handler) }
        func onFragment(_ handler: @escaping Handler<FragmentDefinition>) { fragment.append(handler) }
        func onInlineFragment(_ handler: @escaping Handler<InlineFragment>) { inlineFragment.append(handler) }
        func onFragmentSpread(_ handler: @escaping Handler<FragmentSpread>) { fragmentSpread.append(handler) }
        func onDirective(_ handler: @escaping Handler<Directive>) { directive.append(handler) }
        func onDirectiveList(_ handler: @escaping Handler<[Directive]>) { directiveList.append(handler) }
        func onValue(_ handler: @escaping Handler<ValueNode>) { value.append(handler) }
        func onVariable(_ handler: @escaping Handler<VariableDefinition>) { variable.append(handler) }
    }

    /// gqlparser's walker: visits operations then fragments, resolving each node against the
    /// schema (in place, on the nodes) before the rules see it. A fragment is walked again inside
    /// every operation that spreads it, once per operation.
    final class Walker {
        let validation: Validation
        let events: Events
        private(set) var currentOperation: OperationDefinition?
        private var walkedFragments: Set<String> = []

        var schema: Schema { validation.schema }
        var document: QueryDocument { validation.document }

        init(validation: Validation, events: Events) {
            self.validation = validation
            self.events = events
        }

        func walk() throws(Failure) {
            for operation in document.operations {
                walkedFragments = []
                try walkOperation(operation)
            }
            for fragment in document.fragments {
                walkedFragments = []
                try walkFragment(fragment)
            }
        }

        private func typeNamed(_ type: TypeRef?) -> Definition? {
            schema.types[type?.name ?? ""]
        }

        private func walkOperation(_ operation: OperationDefinition) throws(Failure) {
            currentOperation = operation
            defer { currentOperation = nil }
            for definition in operation.variableDefinitions {
                definition.definition = typeNamed(definition.type)
                for handler in events.variable { try handler(self, definition) }
                if let defaultValue = definition.defaultValue {
                    defaultValue.expectedType = definition.type
                    defaultValue.definition = typeNamed(definition.type)
                }
            }
            let root: Definition?
            let location: String
            switch operation.operation {
            case "query", "":
                root = schema.query
                location = "QUERY"
            case "mutation":
                root = schema.mutation
                location = "MUTATION"
            case "subscription":
                root = schema.subscription
                location = "SUBSCRIPTION"
            default:
                root = nil
                location = ""
            }
            for definition in operation.variableDefinitions {
                if let defaultValue = definition.defaultValue { try walkValue(defaultValue) }
                try walkDirectives(definition.definition, definition.directives, "VARIABLE_DEFINITION")
            }
            try walkDirectives(root, operation.directives, location)
            try walkSelectionSet(root, operation.selectionSet)
            for handler in events.operation { try handler(self, operation) }
        }

        private func walkFragment(_ fragment: FragmentDefinition) throws(Failure) {
            let definition = schema.types[fragment.typeCondition]
            fragment.definition = definition
            try walkDirectives(definition, fragment.directives, "FRAGMENT_DEFINITION")
            try walkSelectionSet(definition, fragment.selectionSet)
            for handler in events.fragment { try handler(self, fragment) }
        }

        private func walkDirectives(_ parent: Definition?, _ directives: [Directive], _ location: String) throws(Failure) {
            for directive in directives {
                let definition = schema.directives[directive.name]
                directive.definition = definition
                directive.parentDefinition = parent
                directive.location = location
                for argument in directive.arguments {
                    try walkArgument(definition?.argument(named: argument.name), argument)
                }
                for handler in events.directive { try handler(self, directive) }
            }
            for handler in events.directiveList { try handler(self, directives) }
        }

        private func walkArgument(_ definition: ArgumentDefinition?, _ argument: Argument) throws(Failure) {
            guard let value = argument.value else { return }
            if let definition {
                value.expectedType = definition.type
                value.expectedTypeHasDefault = definition.defaultValue.map { $0.kind != .null } ?? false
                value.definition = typeNamed(definition.type)
            }
            try walkValue(value)
        }

        private func walkValue(_ value: ValueNode) throws(Failure) {
            try validation.nested { () throws(Failure) in
                if value.kind == .variable, let operation = currentOperation {
                    value.variableDefinition = operation.variable(named: value.raw)
                    value.variableDefinition?.used = true
                }
                if value.kind == .object {
                    for child in value.children {
                        guard let childValue = child.value else { continue }
                        if let fieldDefinition = value.definition?.field(named: child.name) {
                            childValue.expectedType = fieldDefinition.type
                            childValue.definition = typeNamed(fieldDefinition.type)
                        }
                        try walkValue(childValue)
                    }
                }
                if value.kind == .list {
                    for child in value.children {
                        guard let childValue = child.value else { continue }
                        if let element = value.expectedType?.elem {
                            childValue.expectedType = element
                            childValue.definition = value.definition
                        }
                        try walkValue(childValue)
                    }
                }
                for handler in events.value { try handler(self, value) }
            }
        }

        private func walkSelectionSet(_ parent: Definition?, _ selections: [Selection]) throws(Failure) {
            for selection in selections {
                try validation.nested { () throws(Failure) in try walkSelection(parent, selection) }
            }
        }

        private func walkSelection(_ parent: Definition?, _ selection: Selection) throws(Failure) {
            switch selection {
            case .field(let field):
                let definition: FieldDefinition?
                if field.name == "__typename" {
                    let typename = FieldDefinition()
                    typename.name = "__typename"
                    typename.type = TypeRef(named: "String")
                    definition = typename
                } else {
                    definition = parent?.field(named: field.name)
                }
                field.definition = definition
                field.objectDefinition = parent
                let next = definition.flatMap { typeNamed($0.type) }
                for argument in field.arguments {
                    try walkArgument(definition?.argument(named: argument.name), argument)
                }
                try walkDirectives(next, field.directives, "FIELD")
                try walkSelectionSet(next, field.selectionSet)
                for handler in events.field { try handler(self, field) }

            case .inlineFragment(let fragment):
                fragment.objectDefinition = parent
                let next = fragment.typeCondition.isEmpty ? parent : schema.types[fragment.typeCondition]
                try walkDirectives(next, fragment.directives, "INLINE_FRAGMENT")
                try walkSelectionSet(next, fragment.selectionSet)
                for handler in events.inlineFragment { try handler(self, fragment) }

            case .fragmentSpread(let spread):
                let definition = document.fragment(named: spread.name)
                spread.definition = definition
                spread.objectDefinition = parent
                let next = definition.flatMap { schema.types[$0.typeCondition] }
                try walkDirectives(next, spread.directives, "FRAGMENT_SPREAD")
                if let definition, !walkedFragments.contains(definition.name) {
                    // Each fragment once per operation, which also stops spread cycles.
                    walkedFragments.insert(definition.name)
                    try walkSelectionSet(next, definition.selectionSet)
                }
                for handler in events.fragmentSpread { try handler(self, spread) }
            }
        }
    }

    /// Validates `document` against `schema` with gqlparser's rules; the errors in the order
    /// gqlparser reports them (empty when the document is valid).
    static func validate(_ document: QueryDocument, against schema: Schema) -> [Failure] {
        let validation = Validation(schema: schema, document: document)
        let events = Events()
        for register in Rules.all { register(events, validation) }
        do {
            try Walker(validation: validation, events: events).walk()
        } catch {
            return [error]
        }
        return validation.failures
    }
}
