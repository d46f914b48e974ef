/// One validation failure, with gojsonschema's type, location and description.
struct JSONSchemaViolation: Equatable {
    /// `required`, `invalid_type`, … (gojsonschema's error types).
    var type: String
    /// The path from the document root, starting with `(root)`.
    var context: [String]
    var description: String

    /// The location without `(root).` (`(root)` itself at the top).
    var field: String {
        context.count == 1 ? context[0] : context.dropFirst().joined(separator: ".")
    }

    /// `field: description`.
    var text: String { field + ": " + description }
}

/// Validates documents against a compiled schema as gojsonschema does, including its score of how
/// well a document matched, which picks the errors reported for failed `anyOf`/`oneOf`.
struct JSONSchemaValidator {
    let schema: JSONSchema

    struct Result {
        var errors: [JSONSchemaViolation] = []
        var score = 0
        var isValid: Bool { errors.isEmpty }

        mutating func add(_ type: String, _ context: [String], _ description: String) {
            errors.append(JSONSchemaViolation(type: type, context: context, description: description))
            score -= 2  // a net -1 with the +1 each check adds at its end
        }

        mutating func merge(_ other: Result) {
            errors += other.errors
            score += other.score
        }
    }

    func validate(_ document: Value) -> Result {
        var result = Result()
        recurse(schema.root, document, &result, ["(root)"])
        return result
    }

    private func subValidate(_ node: Int, _ value: Value, _ context: [String]) -> Result {
        var result = Result()
        recurse(node, value, &result, context)
        return result
    }

    private func field(_ context: [String]) -> String {
        JSONSchemaViolation(type: "", context: context, description: "").field
    }

    /// How deep validation may go (document levels, references and combinators followed), so
    /// that a schema referring to itself (`{"anyOf": [{"$ref": "#"}]}`) or a recursive schema over
    /// a deeply nested document ends with an error instead of exhausting the stack.
    static let maxDepth = 256

    private final class Depth {
        var value = 0
    }

    private let depth = Depth()

    init(schema: JSONSchema) { self.schema = schema }

    private func recurse(_ index: Int, _ value: Value, _ result: inout Result, _ context: [String]) {
        depth.value += 1
        defer { depth.value -= 1 }
        if depth.value > JSONSchemaValidator.maxDepth {
            result.add("internal", context, "Internal Error schema recursion exceeds \(JSONSchemaValidator.maxDepth) levels")
            return
        }
        let node = schema.nodes[index]
        if let pass = node.pass {
            if !pass { result.add("false", context, "False always fails validation") }
            return
        }
        if let ref = node.ref {
            recurse(ref, value, &result, context)
            return
        }
        let typed = !node.types.isEmpty
        func wrongType(_ given: String) {
            result.add("invalid_type", context, "Invalid type. Expected: \(node.typesText), given: \(given)")
        }
        switch value {
        case .null:
            if typed && !node.types.contains("null") { return wrongType("null") }
            validateSchema(node, value, &result, context)
            validateCommon(node, value, &result, context)
        case .number(let n):
            let isInteger = n.isInteger
            let valid = node.types.contains("number") || (isInteger && node.types.contains("integer"))
            if typed && !valid { return wrongType(isInteger ? "integer" : "number") }
            validateSchema(node, value, &result, context)
            validateNumber(node, n, &result, context)
            validateCommon(node, value, &result, context)
        case .array(let items):
            if typed && !node.types.contains("array") { return wrongType("array") }
            validateSchema(node, value, &result, context)
            validateArray(node, items, &result, context)
            validateCommon(node, value, &result, context)
        case .set(let members):
            return recurse(index, .array(members.sorted), &result, context)
        case .object(let object):
            if typed && !node.types.contains("object") { return wrongType("object") }
            validateSchema(node, value, &result, context)
            validateObject(node, object, &result, context)
            validateCommon(node, value, &result, context)
            for (name, child) in node.properties {
                if let member = object[name] { recurse(child, member, &result, context + [name]) }
            }
        case .bool:
            if typed && !node.types.contains("boolean") { return wrongType("boolean") }
            validateSchema(node, value, &result, context)
            validateCommon(node, value, &result, context)
        case .string(let s):
            if typed && !node.types.contains("string") { return wrongType("string") }
            validateSchema(node, value, &result, context)
            validateCommon(node, value, &result, context)
            validateString(node, s, &result, context)
        }
        result.score += 1
    }

    /// anyOf, oneOf, allOf, not, dependencies, if/then/else.
    private func validateSchema(_ node: JSONSchemaNode, _ value: Value, _ result: inout Result, _ context: [String]) {
        if !node.anyOf.isEmpty {
            var matched = false
            var best: Result?
            for member in node.anyOf where !matched {
                let attempt = subValidate(member, value, context)
                matched = attempt.isValid
                if !matched && (best == nil || attempt.score > best!.score) { best = attempt }
            }
            if !matched {
                result.add("number_any_of", context, "Must validate at least one schema (anyOf)")
                // The closest member is probably the one the author meant.
                if let best { result.merge(best) }
            }
        }
        if !node.oneOf.isEmpty {
            var validCount = 0
            var best: Result?
            for member in node.oneOf {
                let attempt = subValidate(member, value, context)
                if attempt.isValid {
                    validCount += 1
                } else if validCount == 0 && (best == nil || attempt.score > best!.score) {
                    best = attempt
                }
            }
            if validCount != 1 {
                result.add("number_one_of", context, "Must validate one and only one schema (oneOf)")
                if validCount == 0, let best { result.merge(best) }
            }
        }
        if !node.allOf.isEmpty {
            var validCount = 0
            for member in node.allOf {
                let attempt = subValidate(member, value, context)
                if attempt.isValid { validCount += 1 }
                result.merge(attempt)
            }
            if validCount != node.allOf.count {
                result.add("number_all_of", context, "Must validate all the schemas (allOf)")
            }
        }
        if let not = node.not, subValidate(not, value, context).isValid {
            result.add("number_not", context, "Must not validate the schema (not)")
        }
        if !node.dependencies.isEmpty, case .object(let object) = value {
            for (name, dependency) in node.dependencies where object[name] != nil {
                switch dependency {
                case .properties(let names):
                    for required in names where object[required] == nil {
                        result.add("missing_dependency", context, "Has a dependency on \(required)")
                    }
                case .schema(let schema):
                    recurse(schema, value, &result, context)
                }
            }
        }
        if let condition = node.ifSchema {
            let matched = subValidate(condition, value, context).isValid
            if matched, let then = node.thenSchema {
                let attempt = subValidate(then, value, context)
                if !attempt.isValid {
                    result.add("condition_then", context, "Must validate \"then\" as \"if\" was valid")
                    result.merge(attempt)
                }
            }
            if !matched, let otherwise = node.elseSchema {
                let attempt = subValidate(otherwise, value, context)
                if !attempt.isValid {
                    result.add("condition_else", context, "Must validate \"else\" as \"if\" was not valid")
                    result.merge(attempt)
                }
            }
        }
        result.score += 1
    }

    /// const, enum, format.
    private func validateCommon(_ node: JSONSchemaNode, _ value: Value, _ result: inout Result, _ context: [String]) {
        if let constant = node.constText, SchemaJSONText.of(value) != constant {
            result.add("const", context, "\(field(context)) does not match: \(constant)")
        }
        if let members = node.enumTexts, !members.contains(SchemaJSONText.of(value)) {
            let allowed = members.isEmpty ? "(none)" : members.joined(separator: ", ")
            result.add("enum", context, "\(field(context)) must be one of the following: \(allowed)")
        }
        if !node.format.isEmpty, case .string(let s) = value, !JSONSchemaFormats.check(node.format, s) {
            result.add("format", context, "Does not match format '\(node.format)'")
        }
        result.score += 1
    }

    private func validateArray(_ node: JSONSchemaNode, _ items: [Value], _ result: inout Result, _ context: [String]) {
        if node.itemsIsSingleSchema {
            for (i, item) in items.enumerated() {
                result.merge(subValidate(node.items[0], item, context + [String(i)]))
            }
        } else if !node.items.isEmpty {
            for i in 0..<min(node.items.count, items.count) {
                result.merge(subValidate(node.items[i], items[i], context + [String(i)]))
            }
            if node.items.count < items.count {
                switch node.additionalItems {
                case .allowed(false)?:
                    result.add("array_no_additional_items", context, "No additional items allowed on array")
                case .schema(let extra)?:
                    for i in node.items.count..<items.count {
                        result.merge(subValidate(extra, items[i], context + [String(i)]))
                    }
                default:
                    break
                }
            }
        }
        if let minimum = node.minItems, items.count < minimum {
            result.add("array_min_items", context, "Array must have at least \(minimum) items")
        }
        if let maximum = node.maxItems, items.count > maximum {
            result.add("array_max_items", context, "Array must have at most \(maximum) items")
        }
        if node.uniqueItems {
            var seen: [String: Int] = [:]
            for (j, item) in items.enumerated() {
                let text = SchemaJSONText.of(item)
                if let i = seen[text] {
                    result.add("unique", context, "array items[\(i),\(j)] must be unique")
                }
                seen[text] = j
            }
        }
        if let contains = node.contains {
            var matched = false
            var best: Result?
            for (i, item) in items.enumerated() {
                let attempt = subValidate(contains, item, context + [String(i)])
                if attempt.isValid {
                    matched = true
                    break
                }
                if best == nil || attempt.score > best!.score { best = attempt }
            }
            if !matched {
                result.add("contains", context, "At least one of the items must match")
                if let best { result.merge(best) }
            }
        }
        result.score += 1
    }

    private func validateObject(_ node: JSONSchemaNode, _ object: RegoObject, _ result: inout Result, _ context: [String]) {
        if let minimum = node.minProperties, object.count < minimum {
            result.add("array_min_properties", context, "Must have at least \(minimum) properties")
        }
        if let maximum = node.maxProperties, object.count > maximum {
            result.add("array_max_properties", context, "Must have at most \(maximum) properties")
        }
        for name in node.required {
            if object[name] != nil {
                result.score += 1
            } else {
                result.add("required", context, "\(name) is required")
            }
        }
        for (key, member) in object {
            let name = JSONSchemaValues.keyText(key)
            let described = node.properties.contains { $0.name == name }
            var matchedPattern = false
            for (pattern, schema) in node.patternProperties where pattern.matches(name) {
                matchedPattern = true
                result.merge(subValidate(schema, member, context + [name]))
            }
            if matchedPattern { result.score += 1 }
            if !described && !matchedPattern {
                switch node.additionalProperties {
                case .allowed(false):
                    result.add("additional_property_not_allowed", context, "Additional property \(name) is not allowed")
                case .schema(let schema):
                    result.merge(subValidate(schema, member, context + [name]))
                case .allowed(true):
                    break
                }
            }
        }
        if let names = node.propertyNames {
            for (key, _) in object {
                let name = JSONSchemaValues.keyText(key)
                let attempt = subValidate(names, .string(name), context)
                if !attempt.isValid {
                    result.add("invalid_property_name", context, "Property name of \"\(name)\" does not match")
                    result.merge(attempt)
                }
            }
        }
        result.score += 1
    }

    private func validateString(_ node: JSONSchemaNode, _ s: String, _ result: inout Result, _ context: [String]) {
        // Lengths count characters (Unicode scalars), as Go's `utf8.RuneCountInString`.
        let length = s.unicodeScalars.count
        if let minimum = node.minLength, length < minimum {
            result.add("string_gte", context, "String length must be greater than or equal to \(minimum)")
        }
        if let maximum = node.maxLength, length > maximum {
            result.add("string_lte", context, "String length must be less than or equal to \(maximum)")
        }
        if let pattern = node.pattern, !pattern.matches(s) {
            result.add("pattern", context, "Does not match pattern '\(pattern.source)'")
        }
        result.score += 1
    }

    private func validateNumber(_ node: JSONSchemaNode, _ n: Number, _ result: inout Result, _ context: [String]) {
        if let multiple = node.multipleOf, !multiple.divides(n) {
            result.add("multiple_of", context, "Must be a multiple of \(multiple.text)")
        }
        if let maximum = node.maximum, maximum.compare(n) > 0 {
            result.add("number_lte", context, "Must be less than or equal to \(maximum.text)")
        }
        if let maximum = node.exclusiveMaximum, maximum.compare(n) >= 0 {
            result.add("number_lt", context, "Must be less than \(maximum.text)")
        }
        if let minimum = node.minimum, minimum.compare(n) < 0 {
            result.add("number_gte", context, "Must be greater than or equal to \(minimum.text)")
        }
        if let minimum = node.exclusiveMinimum, minimum.compare(n) <= 0 {
            result.add("number_gt", context, "Must be greater than \(minimum.text)")
        }
        result.score += 1
    }
}
