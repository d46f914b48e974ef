extension GraphQL.Rules {
    typealias Definition = GraphQL.Definition
    typealias FragmentSpread = GraphQL.FragmentSpread
    typealias Selection = GraphQL.Selection

    static func fragmentsOnCompositeTypes(_ events: Events, _ validation: Validation) {
        events.onInlineFragment { walker, fragment in
            guard let type = walker.schema.types[fragment.typeCondition], !type.isCompositeType else { return }
            validation.report(
                "Fragment cannot condition on non composite type \"\(fragment.typeCondition)\".", at: fragment.position)
        }
        events.onFragment { _, fragment in
            guard let type = fragment.definition, !fragment.typeCondition.isEmpty, !type.isCompositeType else { return }
            validation.report(
                "Fragment \"\(fragment.name)\" cannot condition on non composite type \"\(fragment.typeCondition)\".",
                at: fragment.position)
        }
    }

    static func knownFragmentNames(_ events: Events, _ validation: Validation) {
        events.onFragmentSpread { _, spread in
            if spread.definition == nil {
                validation.report("Unknown fragment \"\(spread.name)\".", at: spread.position)
            }
        }
    }

    static func uniqueFragmentNames(_ events: Events, _ validation: Validation) {
        var seen: Set<String> = []
        events.onFragment { _, fragment in
            if seen.contains(fragment.name) {
                validation.report("There can be only one fragment named \"\(fragment.name)\".", at: fragment.position)
            }
            seen.insert(fragment.name)
        }
    }

    static func noUnusedFragments(_ events: Events, _ validation: Validation) {
        // Spreads count until the first fragment definition has been walked (gqlparser's rule
        // flips its flag there, after that fragment's own spreads).
        var inFragmentDefinition = false
        var used: Set<String> = []
        events.onFragmentSpread { _, spread in
            if !inFragmentDefinition { used.insert(spread.name) }
        }
        events.onFragment { _, fragment in
            inFragmentDefinition = true
            if !used.contains(fragment.name) {
                validation.report("Fragment \"\(fragment.name)\" is never used.", at: fragment.position)
            }
        }
    }

    static func noFragmentCycles(_ events: Events, _ validation: Validation) {
        var visited: Set<String> = []
        events.onFragment { walker, fragment throws(GraphQL.Failure) in
            var spreadPath: [FragmentSpread] = []
            var pathIndexByName: [String: Int] = [:]
            func visit(_ fragment: GraphQL.FragmentDefinition) throws(GraphQL.Failure) {
                if !visited.insert(fragment.name).inserted { return }
                let spreads = fragmentSpreads(fragment.selectionSet)
                if spreads.isEmpty { return }
                pathIndexByName[fragment.name] = spreadPath.count
                for spread in spreads {
                    let cycleIndex = pathIndexByName[spread.name]
                    spreadPath.append(spread)
                    if let cycleIndex {
                        let via = spreadPath[cycleIndex..<(spreadPath.count - 1)].map(\.name)
                        let viaText = via.isEmpty ? "" : " via " + via.joined(separator: ", ")
                        validation.report("Cannot spread fragment \"\(spread.name)\" within itself\(viaText).", at: spread.position)
                    } else if let target = walker.document.fragment(named: spread.name) {
                        try validation.nested { () throws(GraphQL.Failure) in try visit(target) }
                    }
                    spreadPath.removeLast()
                }
                pathIndexByName[fragment.name] = nil
            }
            try visit(fragment)
        }
    }

    /// The spreads in a selection set, nested ones included, in gqlparser's order (it keeps a
    /// stack of selection sets still to look at).
    private static func fragmentSpreads(_ selections: [Selection]) -> [FragmentSpread] {
        var spreads: [FragmentSpread] = []
        var pending = [selections]
        while let set = pending.popLast() {
            for selection in set {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): pending.append(field.selectionSet)
                case .inlineFragment(let fragment): pending.append(fragment.selectionSet)
                }
            }
        }
        return spreads
    }

    static func possibleFragmentSpreads(_ events: Events, _ validation: Validation) {
        /// Whether a fragment on `typeName` can never apply where `parent` is expected: no
        /// object type can be both.
        func isImpossible(_ walker: GraphQL.Walker, _ parent: Definition?, _ typeName: String) throws(GraphQL.Failure) -> Bool {
            guard let parent else { return false }
            let parents: [Definition?]
            switch parent.kind {
            case GraphQL.DefinitionKind.object: parents = [parent]
            case GraphQL.DefinitionKind.interface, GraphQL.DefinitionKind.union: parents = walker.schema.possibleTypes(of: parent)
            default: return false
            }
            guard let fragmentType = walker.schema.types[typeName], fragmentType.isCompositeType else { return false }
            let candidates = walker.schema.possibleTypes(of: fragmentType)
            try validation.step(parents.count + candidates.count)
            let parentNames = Set(parents.compactMap { $0?.name })
            return !candidates.contains { $0.map { parentNames.contains($0.name) } ?? false }
        }
        events.onInlineFragment { walker, fragment throws(GraphQL.Failure) in
            guard let parent = fragment.objectDefinition, try isImpossible(walker, parent, fragment.typeCondition) else { return }
            validation.report(
                "Fragment cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(fragment.typeCondition)\".",
                at: fragment.position)
        }
        events.onFragmentSpread { walker, spread throws(GraphQL.Failure) in
            guard let definition = spread.definition, let parent = spread.objectDefinition,
                try isImpossible(walker, parent, definition.typeCondition)
            else { return }
            validation.report(
                "Fragment \"\(spread.name)\" cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(definition.typeCondition)\".",
                at: spread.position)
        }
    }
}
