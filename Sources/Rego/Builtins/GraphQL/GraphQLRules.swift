extension GraphQL {
    /// gqlparser's validation rules. Each registers callbacks for one validation; the order is
    /// gqlparser's (its rule files' names, alphabetically), which decides the order of errors.
    enum Rules {
        typealias Register = (Events, Validation) -> Void

        static var all: [Register] {
            [
                fieldsOnCorrectType, fragmentsOnCompositeTypes, knownArgumentNames, knownDirectives,
                knownFragmentNames, knownRootType, knownTypeNames, loneAnonymousOperation, noFragmentCycles,
                noUndefinedVariables, noUnusedFragments, noUnusedVariables, overlappingFieldsCanBeMerged,
                possibleFragmentSpreads, providedRequiredArguments, scalarLeafs, singleFieldSubscriptions,
                uniqueArgumentNames, uniqueDirectivesPerLocation, uniqueFragmentNames, uniqueInputFieldNames,
                uniqueOperationNames, uniqueVariableNames, valuesOfCorrectType, variablesAreInputTypes,
                variablesInAllowedPosition,
            ]
        }

        // MARK: - Fields and arguments

        static func fieldsOnCorrectType(_ events: Events, _ validation: Validation) {
            events.onField { walker, field throws(Failure) in
                guard let parent = field.objectDefinition, field.definition == nil else { return }
                var message = "Cannot query field \"\(field.name)\" on type \"\(parent.name)\"."
                let types = try suggestedTypeNames(walker.schema, parent, field.name, validation)
                if !types.isEmpty {
                    message += " Did you mean to use an inline fragment on \(Suggestions.quotedOrList(types))?"
                } else if parent.kind == DefinitionKind.object || parent.kind == DefinitionKind.interface {
                    let fields = try Suggestions.list(field.name, parent.fields.map(\.name), charging: validation)
                    if !fields.isEmpty { message += " Did you mean \(Suggestions.quotedOrList(fields))?" }
                }
                validation.report(message, at: field.position)
            }
        }

        /// Types that do have the field, for a field asked of an abstract type: interfaces first,
        /// most used first, then by name.
        private static func suggestedTypeNames(
            _ schema: Schema, _ parent: Definition, _ name: String, _ validation: Validation
        ) throws(Failure) -> [String] {
            guard parent.isAbstractType else { return [] }
            var objects: [String] = []
            var interfaces: [String] = []
            var usage: [String: Int] = [:]
            let possibleTypes = schema.possibleTypes(of: parent)
            try validation.step(possibleTypes.count)
            for case let possible? in possibleTypes where possible.field(named: name) != nil {
                try validation.step(possible.interfaces.count)
                objects.append(possible.name)
                for interface in possible.interfaces where schema.types[interface]?.field(named: name) != nil {
                    if usage[interface, default: 0] == 0 { interfaces.append(interface) }
                    usage[interface, default: 0] += 1
                }
            }
            return Suggestions.stableSorted(interfaces + objects) { a, b in
                let difference = usage[b, default: 0] - usage[a, default: 0]
                if difference != 0 { return difference < 0 }
                return Value.compareBytes(a, b) < 0
            }
        }

        static func knownArgumentNames(_ events: Events, _ validation: Validation) {
            events.onField { _, field throws(Failure) in
                guard let definition = field.definition, let parent = field.objectDefinition else { return }
                for argument in field.arguments where definition.argument(named: argument.name) == nil {
                    let suggestions = try Suggestions.quoted(
                        "Did you mean", argument.name, definition.arguments.map(\.name), charging: validation)
                    validation.report(
                        "Unknown argument \"\(argument.name)\" on field \"\(parent.name).\(field.name)\"." + suggestions,
                        at: field.position)
                }
            }
            events.onDirective { _, directive throws(Failure) in
                guard let definition = directive.definition else { return }
                for argument in directive.arguments where definition.argument(named: argument.name) == nil {
                    let suggestions = try Suggestions.quoted(
                        "Did you mean", argument.name, definition.arguments.map(\.name), charging: validation)
                    validation.report(
                        "Unknown argument \"\(argument.name)\" on directive \"@\(directive.name)\"." + suggestions,
                        at: directive.position)
                }
            }
        }

        static func providedRequiredArguments(_ events: Events, _ validation: Validation) {
            events.onField { _, field in
                guard let definition = field.definition else { return }
                for argument in definition.arguments where isRequired(argument) {
                    if field.argument(named: argument.name) == nil {
                        validation.report(
                            "Field \"\(field.name)\" argument \"\(argument.name)\" of type \"\(argument.type?.description ?? "")\" is required, but it was not provided.",
                            at: field.position)
                    }
                }
            }
            events.onDirective { _, directive in
                guard let definition = directive.definition else { return }
                for argument in definition.arguments where isRequired(argument) {
                    if directive.argument(named: argument.name) == nil {
                        validation.report(
                            "Directive \"@\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type?.description ?? "")\" is required, but it was not provided.",
                            at: directive.position)
                    }
                }
            }
        }

        private static func isRequired(_ argument: ArgumentDefinition) -> Bool {
            argument.type?.nonNull == true && argument.defaultValue == nil
        }

        static func scalarLeafs(_ events: Events, _ validation: Validation) {
            events.onField { walker, field in
                guard let definition = field.definition, let type = walker.schema.types[definition.type?.name ?? ""] else {
                    return
                }
                if type.isLeafType && !field.selectionSet.isEmpty {
                    validation.report(
                        "Field \"\(field.name)\" must not have a selection since type \"\(type.name)\" has no subfields.",
                        at: field.position)
                }
                if !type.isLeafType && field.selectionSet.isEmpty {
                    validation.report(
                        "Field \"\(field.name)\" of type \"\(definition.type?.description ?? "")\" must have a selection of subfields. Did you mean \"\(field.name) { ... }\"?",
                        at: field.position)
                }
            }
        }

        static func uniqueArgumentNames(_ events: Events, _ validation: Validation) {
            func check(_ arguments: [Argument]) {
                var seen: [String: Int] = [:]
                for argument in arguments {
                    if seen[argument.name] == 1 {
                        validation.report("There can be only one argument named \"\(argument.name)\".", at: argument.position)
                    }
                    seen[argument.name, default: 0] += 1
                }
            }
            events.onField { _, field in check(field.arguments) }
            events.onDirective { _, directive in check(directive.arguments) }
        }

        // MARK: - Directives

        static func knownDirectives(_ events: Events, _ validation: Validation) {
            // A misplaced directive inside a fragment is walked once per spread; report it once.
            var reported: Set<String> = []
            events.onDirective { _, directive in
                guard let definition = directive.definition else {
                    validation.report("Unknown directive \"@\(directive.name)\".", at: directive.position)
                    return
                }
                if definition.allows(directive.location) { return }
                let key = "\(directive.name)@\(directive.position?.line ?? 0):\(directive.position?.column ?? 0)"
                if reported.insert(key).inserted {
                    validation.report(
                        "Directive \"@\(directive.name)\" may not be used on \(directive.location).", at: directive.position)
                }
            }
        }

        static func uniqueDirectivesPerLocation(_ events: Events, _ validation: Validation) {
            events.onDirectiveList { _, directives in
                var seen: Set<String> = []
                for directive in directives {
                    if directive.name != "repeatable" && seen.contains(directive.name) {
                        validation.report(
                            "The directive \"@\(directive.name)\" can only be used once at this location.", at: directive.position)
                    }
                    seen.insert(directive.name)
                }
            }
        }

        // MARK: - Operations

        static func knownRootType(_ events: Events, _ validation: Validation) {
            events.onOperation { walker, operation in
                let root: Definition?
                switch operation.operation {
                case "query", "": root = walker.schema.query
                case "mutation": root = walker.schema.mutation
                case "subscription": root = walker.schema.subscription
                default: root = nil
                }
                if root == nil {
                    validation.report("Schema does not support operation type \"\(operation.operation)\"", at: operation.position)
                }
            }
        }

        static func knownTypeNames(_ events: Events, _ validation: Validation) {
            events.onVariable { walker, variable in
                let name = variable.type?.name ?? ""
                if walker.schema.types[name] == nil {
                    validation.report("Unknown type \"\(name)\".", at: variable.position)
                }
            }
            events.onInlineFragment { walker, fragment in
                let name = fragment.typeCondition
                if !name.isEmpty, walker.schema.types[name] == nil {
                    validation.report("Unknown type \"\(name)\".", at: fragment.position)
                }
            }
            events.onFragment { walker, fragment throws(Failure) in
                let name = fragment.typeCondition
                guard walker.schema.types[name] == nil else { return }
                try validation.step(walker.schema.types.count)
                let known = walker.schema.types.keys.sorted { Value.compareBytes($0, $1) < 0 }
                let suggestions = try Suggestions.quoted("Did you mean", name, known, charging: validation)
                validation.report("Unknown type \"\(name)\"." + suggestions, at: fragment.position)
            }
        }

        static func loneAnonymousOperation(_ events: Events, _ validation: Validation) {
            events.onOperation { walker, operation in
                if operation.name.isEmpty && walker.document.operations.count > 1 {
                    validation.report("This anonymous operation must be the only defined operation.", at: operation.position)
                }
            }
        }

        static func singleFieldSubscriptions(_ events: Events, _ validation: Validation) {
            events.onOperation { walker, operation throws(Failure) in
                guard walker.schema.subscription != nil, operation.operation == "subscription" else { return }
                let fields = try topFields(operation.selectionSet, validation)
                let name = operation.name.isEmpty ? "Anonymous Subscription" : "Subscription " + GoText.quote(operation.name)
                if fields.count > 1 {
                    validation.report("\(name) must select only one top level field.", at: fields[1].position)
                }
                for field in fields where field.name.hasPrefix("__") {
                    validation.report("\(name) must not select an introspection top level field.", at: field.position)
                }
            }
        }

        /// The distinct top-level field names of a selection set, looking into fragments.
        private static func topFields(
            _ selections: [Selection], _ validation: Validation
        ) throws(Failure) -> [(name: String, position: Position?)] {
            var fields: [(name: String, position: Position?)] = []
            var visited: Set<String> = []
            func collect(_ selections: [Selection]) throws(Failure) {
                for selection in selections {
                    switch selection {
                    case .field(let field):
                        fields.append((field.name, field.position))
                    case .inlineFragment(let fragment):
                        try validation.nested { () throws(Failure) in try collect(fragment.selectionSet) }
                    case .fragmentSpread(let spread):
                        // gqlparser stops collecting this selection set at an unknown fragment.
                        guard let definition = spread.definition else { return }
                        if visited.insert(definition.name).inserted {
                            try validation.nested { () throws(Failure) in try collect(definition.selectionSet) }
                        }
                    }
                }
            }
            try collect(selections)
            var seen: Set<String> = []
            return fields.filter { seen.insert($0.name).inserted }
        }

        static func uniqueOperationNames(_ events: Events, _ validation: Validation) {
            var seen: Set<String> = []
            events.onOperation { _, operation in
                if seen.contains(operation.name) {
                    validation.report("There can be only one operation named \"\(operation.name)\".", at: operation.position)
                }
                seen.insert(operation.name)
            }
        }
    }
}
