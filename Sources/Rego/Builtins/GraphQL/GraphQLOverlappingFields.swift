extension GraphQL.Rules {
    typealias Field = GraphQL.Field

    /// Fields with the same response name must be mergeable: the same field with the same
    /// arguments (unless their parents can never both apply) and compatible types, recursively.
    /// This follows gqlparser's port of graphql-js, including its bookkeeping shared across
    /// comparisons, so that it reports the same conflicts.
    static func overlappingFieldsCanBeMerged(_ events: Events, _ validation: Validation) {
        let checker = OverlapChecker(validation)
        events.onOperation { (_: GraphQL.Walker, operation: GraphQL.OperationDefinition) throws(GraphQL.Failure) in try checker.report(operation.selectionSet) }
        events.onField { (walker: GraphQL.Walker, field: Field) throws(GraphQL.Failure) in
            // Fragments are checked on their own; checking them again inside fragments would
            // report their conflicts twice.
            if walker.currentOperation != nil { try checker.report(field.selectionSet) }
        }
        events.onInlineFragment { (_: GraphQL.Walker, fragment: GraphQL.InlineFragment) throws(GraphQL.Failure) in try checker.report(fragment.selectionSet) }
        events.onFragment { (_: GraphQL.Walker, fragment: GraphQL.FragmentDefinition) throws(GraphQL.Failure) in try checker.report(fragment.selectionSet) }
    }

    /// Why two fields cannot be merged; nested conflicts explain conflicting subfields.
    struct Conflict {
        var responseName: String
        var message = ""
        var subConflicts: [Conflict] = []
        var position: GraphQL.Position?

        var reason: String {
            if subConflicts.isEmpty { return message }
            return subConflicts.map { "subfields \"\($0.responseName)\" conflict because \($0.reason)" }
                .joined(separator: " and ")
        }
    }

    /// Fields by response name, in order of first appearance, and the fragments spread.
    struct CollectedFields {
        var names: [String] = []
        var fields: [String: [Field]] = [:]
        var spreads: [FragmentSpread] = []

        init(_ selections: [Selection]) {
            collect(selections)
        }

        private mutating func collect(_ selections: [Selection]) {
            for selection in selections {
                switch selection {
                case .field(let field):
                    let name = field.responseName
                    if fields[name] == nil { names.append(name) }
                    fields[name, default: []].append(field)
                case .inlineFragment(let fragment):
                    collect(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    spreads.append(spread)
                }
            }
        }

        /// gqlparser compares collections with `reflect.DeepEqual`: the same fields, or fields
        /// that are indistinguishable (nodes without positions, from documents given as objects).
        func isSame(as other: CollectedFields, charging validation: Validation) throws(GraphQL.Failure) -> Bool {
            guard names == other.names else { return false }
            for name in names {
                let mine = fields[name] ?? []
                let theirs = other.fields[name] ?? []
                guard mine.count == theirs.count else { return false }
                for (a, b) in zip(mine, theirs) where !(try Sameness.fields(a, b, validation)) { return false }
            }
            return true
        }
    }

    final class OverlapChecker {
        private let validation: Validation
        private var comparedFragmentPairs: [String: [String: Bool]] = [:]
        private var comparedFragments: Set<String> = []

        init(_ validation: Validation) {
            self.validation = validation
        }

        /// Collecting is repeated for every comparison involving a fragment, so it is charged.
        private func collect(_ selections: [Selection]) throws(GraphQL.Failure) -> CollectedFields {
            let collected = CollectedFields(selections)
            try validation.step(collected.names.count + collected.spreads.count)
            return collected
        }

        /// Reports the conflicts among the fields of one selection set.
        func report(_ selections: [Selection]) throws(GraphQL.Failure) {
            for conflict in try conflictsWithin(selections) {
                validation.report(
                    "Fields \"\(conflict.responseName)\" conflict because \(conflict.reason). Use different aliases on the fields to fetch both if this was intentional.",
                    at: conflict.position)
            }
        }

        private func conflictsWithin(_ selections: [Selection]) throws(GraphQL.Failure) -> [Conflict] {
            if selections.isEmpty { return [] }
            let collected = try collect(selections)
            var conflicts: [Conflict] = []
            for name in collected.names {
                let fields = collected.fields[name] ?? []
                for (index, fieldA) in fields.enumerated() {
                    for fieldB in fields[(index + 1)...] {
                        if let conflict = try findConflict(false, fieldA, fieldB) { conflicts.append(conflict) }
                    }
                }
            }
            comparedFragments = []
            let spreads = collected.spreads
            for (index, spreadA) in spreads.enumerated() {
                try conflictsBetween(&conflicts, false, collected, spreadA)
                for spreadB in spreads[(index + 1)...] {
                    try conflictsBetweenFragments(&conflicts, false, spreadA, spreadB)
                }
            }
            return conflicts
        }

        private func conflictsBetween(
            _ conflicts: inout [Conflict], _ exclusive: Bool, _ collected: CollectedFields, _ spread: FragmentSpread
        ) throws(GraphQL.Failure) {
            if !comparedFragments.insert(spread.name).inserted { return }
            guard let definition = spread.definition else { return }
            let other = try collect(definition.selectionSet)
            if try collected.isSame(as: other, charging: validation) { return }
            try conflictsBetween(&conflicts, exclusive, collected, other)
            for nested in other.spreads where nested.name != spread.name {
                try validation.nested { () throws(GraphQL.Failure) in
                    try conflictsBetween(&conflicts, exclusive, collected, nested)
                }
            }
        }

        private func conflictsBetweenFragments(
            _ conflicts: inout [Conflict], _ exclusive: Bool, _ spreadA: FragmentSpread, _ spreadB: FragmentSpread
        ) throws(GraphQL.Failure) {
            if spreadA.name == spreadB.name { return }
            // Pairs of fragments are quadratic in the spreads; each costs some bookkeeping.
            try validation.step(4)
            if hasComparedPair(spreadA.name, spreadB.name, exclusive) { return }
            comparedFragmentPairs[spreadA.name, default: [:]][spreadB.name] = exclusive
            comparedFragmentPairs[spreadB.name, default: [:]][spreadA.name] = exclusive
            guard let definitionA = spreadA.definition, let definitionB = spreadB.definition else { return }
            let collectedA = try collect(definitionA.selectionSet)
            let collectedB = try collect(definitionB.selectionSet)
            try conflictsBetween(&conflicts, exclusive, collectedA, collectedB)
            for nested in collectedB.spreads {
                try validation.nested { () throws(GraphQL.Failure) in
                    try conflictsBetweenFragments(&conflicts, exclusive, spreadA, nested)
                }
            }
            for nested in collectedA.spreads {
                try validation.nested { () throws(GraphQL.Failure) in
                    try conflictsBetweenFragments(&conflicts, exclusive, nested, spreadB)
                }
            }
        }

        /// A pair compared as not mutually exclusive covers both questions; one compared as
        /// exclusive only answers the exclusive one.
        private func hasComparedPair(_ a: String, _ b: String, _ exclusive: Bool) -> Bool {
            guard let recorded = comparedFragmentPairs[a]?[b] else { return false }
            return exclusive ? true : !recorded
        }

        private func conflictsBetweenSubSelections(
            _ exclusive: Bool, _ selectionsA: [Selection], _ selectionsB: [Selection]
        ) throws(GraphQL.Failure) -> [Conflict] {
            // Leaf fields (the common case) have nothing to compare.
            if selectionsA.isEmpty && selectionsB.isEmpty { return [] }
            var conflicts: [Conflict] = []
            let collectedA = try collect(selectionsA)
            let collectedB = try collect(selectionsB)
            try conflictsBetween(&conflicts, exclusive, collectedA, collectedB)
            for spread in collectedB.spreads {
                comparedFragments = []
                try conflictsBetween(&conflicts, exclusive, collectedA, spread)
            }
            for spread in collectedA.spreads {
                comparedFragments = []
                try conflictsBetween(&conflicts, exclusive, collectedB, spread)
            }
            for spreadA in collectedA.spreads {
                for spreadB in collectedB.spreads {
                    try conflictsBetweenFragments(&conflicts, exclusive, spreadA, spreadB)
                }
            }
            return conflicts
        }

        private func conflictsBetween(
            _ conflicts: inout [Conflict], _ exclusive: Bool, _ collectedA: CollectedFields, _ collectedB: CollectedFields
        ) throws(GraphQL.Failure) {
            for name in collectedA.names {
                guard let fieldsB = collectedB.fields[name] else { continue }
                for fieldA in collectedA.fields[name] ?? [] {
                    for fieldB in fieldsB {
                        if let conflict = try findConflict(exclusive, fieldA, fieldB) { conflicts.append(conflict) }
                    }
                }
            }
        }

        private func findConflict(_ parentsExclusive: Bool, _ fieldA: Field, _ fieldB: Field) throws(GraphQL.Failure) -> Conflict? {
            try validation.step()
            guard let definitionA = fieldA.definition, let parentA = fieldA.objectDefinition,
                let definitionB = fieldB.definition, let parentB = fieldB.objectDefinition
            else { return nil }
            // Fields on two different object types can never both be in one result.
            let exclusive =
                parentsExclusive
                || (parentA.name != parentB.name && parentA.kind == GraphQL.DefinitionKind.object
                    && parentB.kind == GraphQL.DefinitionKind.object)
            let responseName = fieldA.responseName
            if !exclusive {
                if fieldA.name != fieldB.name {
                    return Conflict(
                        responseName: responseName, message: "\(fieldA.name) and \(fieldB.name) are different fields",
                        position: fieldB.position)
                }
                // gqlparser compares every pair of arguments.
                try validation.step(fieldA.arguments.count * fieldB.arguments.count)
                if !sameArguments(fieldA.arguments, fieldB.arguments) {
                    return Conflict(responseName: responseName, message: "they have differing arguments", position: fieldB.position)
                }
            }
            if let typeA = definitionA.type, let typeB = definitionB.type, typesConflict(typeA, typeB) {
                return Conflict(
                    responseName: responseName,
                    message: "they return conflicting types \(typeA.description) and \(typeB.description)",
                    position: fieldB.position)
            }
            let subConflicts = try validation.nested { () throws(GraphQL.Failure) in
                try conflictsBetweenSubSelections(exclusive, fieldA.selectionSet, fieldB.selectionSet)
            }
            if subConflicts.isEmpty { return nil }
            return Conflict(responseName: responseName, subConflicts: subConflicts, position: fieldB.position)
        }

        /// gqlparser's comparison, which pairs every argument with every other: lists of more
        /// than one argument only match when all share one name and value.
        private func sameArguments(_ argumentsA: [GraphQL.Argument], _ argumentsB: [GraphQL.Argument]) -> Bool {
            if argumentsA.count != argumentsB.count { return false }
            for a in argumentsA {
                for b in argumentsB {
                    if a.name != b.name { return false }
                    if a.value?.kindNumber != b.value?.kindNumber || a.value?.raw != b.value?.raw { return false }
                }
            }
            return true
        }

        private func typesConflict(_ typeA: GraphQL.TypeRef, _ typeB: GraphQL.TypeRef) -> Bool {
            if let elementA = typeA.elem {
                guard let elementB = typeB.elem else { return true }
                return typesConflict(elementA, elementB)
            }
            if typeB.elem != nil { return true }
            if typeA.nonNull != typeB.nonNull { return true }
            let schema = validation.schema
            guard let definitionA = schema.types[typeA.namedType], let definitionB = schema.types[typeB.namedType] else {
                return false
            }
            if definitionA.isLeafType && definitionB.isLeafType { return definitionA.name != definitionB.name }
            return false
        }
    }

    /// Structural equality of syntax nodes, standing in for Go's `reflect.DeepEqual`. Each
    /// field compared is charged to the validation's budget.
    enum Sameness {
        static func fields(_ a: Field, _ b: Field, _ validation: Validation) throws(GraphQL.Failure) -> Bool {
            if a === b { return true }
            // Parsed nodes carry positions, and two distinct parsed fields never share one.
            guard a.position == b.position else { return false }
            try validation.step()
            guard a.alias == b.alias, a.name == b.name, a.definition === b.definition,
                a.objectDefinition === b.objectDefinition,
                arguments(a.arguments, b.arguments), directives(a.directives, b.directives)
            else { return false }
            return try selections(a.selectionSet, b.selectionSet, validation)
        }

        static func arguments(_ a: [GraphQL.Argument], _ b: [GraphQL.Argument]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && values($0.value, $1.value) }
        }

        static func directives(_ a: [GraphQL.Directive], _ b: [GraphQL.Directive]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && arguments($0.arguments, $1.arguments) }
        }

        static func values(_ a: GraphQL.ValueNode?, _ b: GraphQL.ValueNode?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            if a === b { return true }
            return a.kindNumber == b.kindNumber && a.raw == b.raw && a.children.count == b.children.count
                && zip(a.children, b.children).allSatisfy { $0.name == $1.name && values($0.value, $1.value) }
        }

        static func selections(_ a: [Selection], _ b: [Selection], _ validation: Validation) throws(GraphQL.Failure) -> Bool {
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) {
                switch (x, y) {
                case (.field(let f), .field(let g)):
                    if !(try fields(f, g, validation)) { return false }
                case (.fragmentSpread(let s), .fragmentSpread(let t)):
                    if s.name != t.name || s.position != t.position || !directives(s.directives, t.directives) { return false }
                case (.inlineFragment(let s), .inlineFragment(let t)):
                    try validation.step()
                    if s.typeCondition != t.typeCondition || s.position != t.position || !directives(s.directives, t.directives) {
                        return false
                    }
                    if !(try selections(s.selectionSet, t.selectionSet, validation)) { return false }
                default:
                    return false
                }
            }
            return true
        }
    }
}
