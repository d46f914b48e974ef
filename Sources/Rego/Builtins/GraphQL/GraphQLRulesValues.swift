extension GraphQL.Rules {
    typealias Events = GraphQL.Events
    typealias Validation = GraphQL.Validation
    typealias ValueNode = GraphQL.ValueNode

    // MARK: - Variables

    static func noUndefinedVariables(_ events: Events, _ validation: Validation) {
        events.onValue { walker, value in
            guard let operation = walker.currentOperation, value.kind == .variable, value.variableDefinition == nil else {
                return
            }
            let suffix = operation.name.isEmpty ? "" : " by operation \"\(operation.name)\""
            validation.report("Variable \"\(text(value))\" is not defined\(suffix).", at: value.position)
        }
    }

    static func noUnusedVariables(_ events: Events, _ validation: Validation) {
        events.onOperation { _, operation in
            for definition in operation.variableDefinitions where !definition.used {
                let suffix = operation.name.isEmpty ? "" : " in operation \"\(operation.name)\""
                validation.report("Variable \"$\(definition.variable)\" is never used\(suffix).", at: definition.position)
            }
        }
    }

    static func uniqueVariableNames(_ events: Events, _ validation: Validation) {
        events.onOperation { _, operation in
            var seen: [String: Int] = [:]
            for definition in operation.variableDefinitions {
                if seen[definition.variable] == 1 {
                    validation.report("There can be only one variable named \"$\(definition.variable)\".", at: definition.position)
                }
                seen[definition.variable, default: 0] += 1
            }
        }
    }

    static func variablesAreInputTypes(_ events: Events, _ validation: Validation) {
        events.onOperation { _, operation in
            for definition in operation.variableDefinitions {
                guard let type = definition.definition, !type.isInputType else { continue }
                validation.report(
                    "Variable \"$\(definition.variable)\" cannot be non-input type \"\(definition.type?.description ?? "")\".",
                    at: definition.position)
            }
        }
    }

    static func variablesInAllowedPosition(_ events: Events, _ validation: Validation) {
        events.onValue { walker, value in
            guard value.kind == .variable, let expected = value.expectedType, let variable = value.variableDefinition,
                walker.currentOperation != nil, let variableType = variable.type
            else { return }
            // A default value (on the variable or at the position) lets a nullable variable
            // stand where a non-null one is expected.
            let allowed = expected.copy()
            if let defaultValue = variable.defaultValue, defaultValue.kind != .null, expected.nonNull {
                allowed.nonNull = false
            }
            if value.expectedTypeHasDefault { allowed.nonNull = false }
            if !variableType.isCompatible(with: allowed) {
                validation.report(
                    "Variable \"\(text(value))\" of type \"\(variableType.description)\" used in position expecting type \"\(expected.description)\".",
                    at: value.position)
            }
        }
    }

    // MARK: - Values

    static func uniqueInputFieldNames(_ events: Events, _ validation: Validation) {
        events.onValue { _, value in
            guard value.kind == .object else { return }
            var seen: Set<String> = []
            for child in value.children {
                if seen.contains(child.name) {
                    validation.report("There can be only one input field named \"\(child.name)\".", at: child.position)
                }
                seen.insert(child.name)
            }
        }
    }

    static func valuesOfCorrectType(_ events: Events, _ validation: Validation) {
        events.onValue { _, value throws(GraphQL.Failure) in
            guard let definition = value.definition, let expected = value.expectedType else { return }
            if value.kind == .null && expected.nonNull {
                validation.report("Expected value of type \"\(expected.description)\", found \(text(value)).", at: value.position)
            }
            // Custom scalars accept anything; they are checked at run time.
            if definition.kind == GraphQL.DefinitionKind.scalar, !builtInScalars.contains(definition.name) { return }
            let enumValues = definition.kind == GraphQL.DefinitionKind.enumeration ? definition.enumValues.map(\.name) : []
            if !hasGoValue(value) { reportUnexpectedType(value, validation) }
            switch value.kind {
            case .list?:
                if expected.elem == nil { reportUnexpectedType(value, validation) }
            case .int?:
                if !["Int", "Float", "ID"].contains(definition.name) { reportUnexpectedType(value, validation) }
            case .float?:
                if definition.name != "Float" { reportUnexpectedType(value, validation) }
            case .string?, .block?:
                if definition.kind == GraphQL.DefinitionKind.enumeration {
                    validation.report(
                        "Enum \"\(expected.description)\" cannot represent non-enum value: \(text(value))."
                            + (try GraphQL.Suggestions.quoted("Did you mean the enum value", value.raw, enumValues, charging: validation)),
                        at: value.position)
                } else if !["String", "ID"].contains(definition.name) {
                    reportUnexpectedType(value, validation)
                }
            case .enumValue?:
                if definition.kind != GraphQL.DefinitionKind.enumeration {
                    validation.report(
                        unexpectedTypeMessage(value)
                            + (try GraphQL.Suggestions.unquoted("Did you mean the enum value", value.raw, enumValues, charging: validation)),
                        at: value.position)
                } else if definition.enumValue(named: value.raw) == nil {
                    validation.report(
                        "Value \"\(text(value))\" does not exist in \"\(expected.description)\" enum."
                            + (try GraphQL.Suggestions.quoted("Did you mean the enum value", value.raw, enumValues, charging: validation)),
                        at: value.position)
                }
            case .boolean?:
                if definition.name != "Boolean" { reportUnexpectedType(value, validation) }
            case .object?:
                try validation.step(definition.fields.count + value.children.count)
                for field in definition.fields where field.type?.nonNull == true {
                    if value.child(named: field.name) == nil && field.defaultValue == nil {
                        validation.report(
                            "Field \"\(definition.name).\(field.name)\" of required type \"\(field.type?.description ?? "")\" was not provided.",
                            at: value.position)
                    }
                }
                for child in value.children where definition.field(named: child.name) == nil {
                    validation.report(
                        "Field \"\(child.name)\" is not defined by type \"\(definition.name)\"."
                            + (try GraphQL.Suggestions.quoted("Did you mean", child.name, definition.fields.map(\.name), charging: validation)),
                        at: child.position)
                }
            case .null?, .variable?, nil:
                return
            }
        }
    }

    private static let builtInScalars: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]

    private static func reportUnexpectedType(_ value: ValueNode, _ validation: Validation) {
        validation.report(unexpectedTypeMessage(value), at: value.position)
    }

    private static func unexpectedTypeMessage(_ value: ValueNode) -> String {
        let shown = text(value)
        switch value.expectedType?.description ?? "" {
        case "Int", "Int!":
            if isIntegerOutOf32Bits(value.raw) { return "Int cannot represent non 32-bit signed integer value: \(shown)" }
            return "Int cannot represent non-integer value: \(shown)"
        case "String", "String!", "[String]":
            return "String cannot represent a non string value: \(shown)"
        case "Boolean", "Boolean!":
            return "Boolean cannot represent a non boolean value: \(shown)"
        case "Float", "Float!":
            return "Float cannot represent non numeric value: \(shown)"
        case "ID", "ID!":
            return "ID cannot represent a non-string and non-integer value: \(shown)"
        case let expected:
            if value.definition?.kind == GraphQL.DefinitionKind.enumeration {
                return "Enum \"\(expected)\" cannot represent non-enum value: \(shown)."
            }
            return "Expected value of type \"\(expected)\", found \(shown)."
        }
    }

    /// Go's `strconv.ParseInt(raw, 10, 32)` failing with a range error: a well-formed integer
    /// outside 32 bits.
    private static func isIntegerOutOf32Bits(_ raw: String) -> Bool {
        var digits = Substring(raw)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return false }
        return Int32(raw) == nil
    }

    /// Whether gqlparser's `Value.Value(nil)` succeeds: numbers must fit Go's 64-bit integers and
    /// floats, booleans must parse, and lists and objects must hold such values throughout.
    private static func hasGoValue(_ value: ValueNode) -> Bool {
        switch value.kind {
        case .int?: return Int64(value.raw) != nil
        case .float?: return isGoFloat(value.raw)
        case .boolean?: return ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"].contains(value.raw)
        case .list?, .object?:
            return value.children.allSatisfy { child in child.value.map(hasGoValue) ?? true }
        default: return true
        }
    }

    /// Go's `strconv.ParseFloat(raw, 64)` succeeding: a number whose magnitude fits a double.
    private static func isGoFloat(_ raw: String) -> Bool {
        guard let number = Double(raw) else { return false }
        return number.isFinite
    }

    /// gqlparser's `Value.String()`: variables with `$`, strings quoted Go-style, lists and
    /// objects spelled out without spaces.
    static func text(_ value: ValueNode?) -> String {
        guard let value else { return "<nil>" }
        switch value.kind {
        case .variable?: return "$" + value.raw
        case .string?, .block?: return GraphQL.GoText.quote(value.raw)
        case .list?: return "[" + value.children.map { text($0.value) }.joined(separator: ",") + "]"
        case .object?: return "{" + value.children.map { $0.name + ":" + text($0.value) }.joined(separator: ",") + "}"
        default: return value.raw
        }
    }
}
