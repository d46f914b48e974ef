/// Why a schema does not compile, in gojsonschema's words (OPA shows them as they are).
struct JSONSchemaError: Error, Equatable {
    let message: String
}

/// Compiles a schema document as gojsonschema's `SchemaLoader.Compile` does for OPA: draft from
/// `$schema` (else "hybrid"), `$id`/`id` scopes, `$ref` to JSON pointers and `$id`s within the
/// document, and each keyword checked in gojsonschema's order with its messages. Remote references
/// are refused: Airlock policies have no network access.
struct JSONSchemaCompiler {
    private var nodes: [JSONSchemaNode] = []
    /// Documents by absolute URI: the root under "", subschemas under their `$id`.
    private var documents: [String: (document: Value, draft: JSONSchemaDraft?)] = [:]
    /// Subschemas compiled for a `$ref`, by absolute reference (also breaks reference cycles).
    private var references: [String: Int] = [:]
    private var depth = 0

    /// Real schemas nest a few levels; the bound keeps hostile ones from exhausting the stack.
    private static let maxDepth = 256
    private static let jsonTypes = ["array", "boolean", "integer", "number", "null", "object", "string"]

    static func compile(_ document: Value) throws(JSONSchemaError) -> JSONSchema {
        var compiler = JSONSchemaCompiler()
        let draft = try compiler.register(document)
        let root = try compiler.parse(document, parent: nil, draft: draft ?? .hybrid, base: "")
        return JSONSchema(nodes: compiler.nodes, root: root)
    }

    // MARK: - Documents and references

    /// Records the root document and every subschema with an `$id`, and returns the draft named
    /// by `$schema`.
    private mutating func register(_ document: Value) throws(JSONSchemaError) -> JSONSchemaDraft? {
        let draft = try JSONSchemaCompiler.declaredDraft(document)
        try registerIdentifiers(document, base: "", draft: draft)
        documents[""] = (document, draft)
        return draft
    }

    static func declaredDraft(_ document: Value) throws(JSONSchemaError) -> JSONSchemaDraft? {
        switch document {
        case .bool: return nil
        case .object(let object):
            guard let declared = object["$schema"] else { return nil }
            guard case .string(let uri) = declared else {
                throw JSONSchemaError(message: "$schema must be of type string")
            }
            return JSONSchemaDraft.named(uri)
        default:
            throw JSONSchemaError(message: "schema is invalid")
        }
    }

    private mutating func registerIdentifiers(_ value: Value, base: String, draft: JSONSchemaDraft?) throws(JSONSchemaError) {
        switch value {
        case .array(let items):
            for item in items { try registerIdentifiers(item, base: base, draft: draft) }
        case .object(let object):
            var local = base
            let idKey = object["id"] != nil ? "id" : "$id"
            if case .string(let id)? = object[idKey] {
                local = SchemaURI.resolve(id, against: base)
                if documents[local] != nil {
                    throw JSONSchemaError(message: "Reference already exists: \"\(local)\"")
                }
                documents[local] = (value, draft)
            }
            for (key, child) in object {
                guard case .string(let name) = key, name != "const", name != "enum" else { continue }
                // The members of these keywords are schemas; the keyword values themselves are not.
                if name == "properties" || name == "dependencies" || name == "patternProperties" {
                    if case .object(let members) = child {
                        for (_, member) in members { try registerIdentifiers(member, base: local, draft: draft) }
                    }
                } else {
                    try registerIdentifiers(child, base: local, draft: draft)
                }
            }
        default:
            break
        }
    }

    /// The document a reference points to: a registered URI, or a JSON pointer into one.
    private mutating func document(for reference: String) throws(JSONSchemaError) -> (document: Value, draft: JSONSchemaDraft?) {
        if let known = documents[reference] { return known }
        let (base, fragment) = SchemaURI.splitFragment(reference)
        if let container = documents[base] {
            let target = try JSONSchemaCompiler.resolvePointer(fragment ?? "", in: container.document)
            documents[reference] = (target, container.draft)
            return (target, container.draft)
        }
        if !SchemaURI.hasScheme(reference) {
            throw JSONSchemaError(message: "Reference \(reference) must be canonical")
        }
        throw JSONSchemaError(message: "remote reference \(reference) cannot be loaded: policies have no network access")
    }

    /// RFC 6901 JSON pointer (`/definitions/a~1b/0`) into a document.
    static func resolvePointer(_ pointer: String, in document: Value) throws(JSONSchemaError) -> Value {
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else {
            throw JSONSchemaError(message: "JSON pointer must be empty or start with a \"/\"")
        }
        var node = document
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = String(raw).replacingEscapes()
            switch node {
            case .object(let object):
                guard let next = object[.string(token)] else {
                    throw JSONSchemaError(message: "Object has no key '\(token)'")
                }
                node = next
            case .array(let items):
                guard let i = Int(token), i >= 0 else { throw JSONSchemaError(message: "Invalid array index '\(token)'") }
                guard i < items.count else {
                    throw JSONSchemaError(message: "Out of bound array[0,\(items.count)] index '\(token)'")
                }
                node = items[i]
            default:
                throw JSONSchemaError(message: "Invalid token reference '\(token)'")
            }
        }
        return node
    }

    // MARK: - Subschemas

    private mutating func newNode(_ draft: JSONSchemaDraft) -> Int {
        nodes.append(JSONSchemaNode(draft: draft))
        return nodes.count - 1
    }

    /// Compiles one subschema into a new node; `base` is the URI its relative references resolve
    /// against (its own `$id`, or its parent's).
    private mutating func parse(_ value: Value, parent: Int?, draft: JSONSchemaDraft, base: String) throws(JSONSchemaError) -> Int {
        let index = newNode(draft)
        try fill(index, value, isRoot: parent == nil, base: base)
        return index
    }

    private mutating func fill(_ index: Int, _ value: Value, isRoot: Bool, base parentBase: String) throws(JSONSchemaError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONSchemaCompiler.maxDepth else {
            throw JSONSchemaError(message: "schema nesting exceeds \(JSONSchemaCompiler.maxDepth) levels")
        }
        var node = nodes[index]
        let draft = node.draft
        defer { nodes[index] = node }

        if draft >= .draft6, case .bool(let b) = value {
            node.pass = b
            return
        }
        guard case .object(let m) = value else {
            throw JSONSchemaError(message: "Expected: valid schema, given: Invalid JSON")
        }

        let idKey: String
        switch draft {
        case .draft4: idKey = "id"
        case .hybrid: idKey = m["id"] != nil ? "id" : "$id"
        default: idKey = "$id"
        }
        var base = parentBase
        if let id = try string(m, idKey) {
            base = isRoot ? SchemaURI.resolve(id, against: "") : SchemaURI.resolve(id, against: parentBase)
        }

        if let definitions = m["definitions"] {
            guard case .object(let members) = definitions else {
                throw invalidType("array of schemas", "definitions")
            }
            for (_, member) in members {
                switch member {
                case .bool, .object: _ = try parse(member, parent: index, draft: draft, base: base)
                default: throw invalidType("array of schemas", "definitions")
                }
            }
        }
        _ = try string(m, "title")
        _ = try string(m, "description")

        if let ref = try string(m, "$ref") {
            let absolute = SchemaURI.resolve(ref, against: base)
            if let known = references[absolute] {
                node.ref = known
            } else {
                // The referenced schema replaces this one; its other keywords are not read.
                let target = newNode(draft)
                references[absolute] = target
                let (document, documentDraft) = try self.document(for: absolute)
                switch document {
                case .bool, .object: break
                default: throw JSONSchemaError(message: "valid schema must be of type object")
                }
                nodes[target].draft = documentDraft ?? draft
                try fill(target, document, isRoot: false, base: absolute)
                node.ref = target
                return
            }
        }

        if let type = m["type"] {
            switch type {
            case .string(let t): try addType(t, to: &node)
            case .array(let list):
                for item in list {
                    guard case .string(let t) = item else { throw invalidType("type", "string/array of strings") }
                    try addType(t, to: &node)
                }
            default:
                throw invalidType("type", "string/array of strings")
            }
        }

        if let properties = m["properties"] {
            guard case .object(let members) = properties else {
                throw JSONSchemaError(message: "properties must be of type object")
            }
            for (key, member) in members {
                let child = try parse(member, parent: index, draft: draft, base: base)
                node.properties.append((JSONSchemaValues.keyText(key), child))
            }
            node.properties.sort { Value.compareBytes($0.name, $1.name) < 0 }
        }

        if let additional = m["additionalProperties"] {
            switch additional {
            case .bool(let b): node.additionalProperties = .allowed(b)
            case .object: node.additionalProperties = .schema(try parse(additional, parent: index, draft: draft, base: base))
            default: throw invalidType("boolean/valid schema", "additionalProperties")
            }
        }

        if let patterns = m["patternProperties"] {
            guard case .object(let members) = patterns else { throw invalidType("valid schema", "patternProperties") }
            for (key, member) in members {
                let source = JSONSchemaValues.keyText(key)
                guard let regex = SchemaPattern.compile(source) else {
                    throw JSONSchemaError(message: "Invalid regex pattern '\(source)'")
                }
                node.patternProperties.append((regex, try parse(member, parent: index, draft: draft, base: base)))
            }
            node.patternProperties.sort { Value.compareBytes($0.pattern.source, $1.pattern.source) < 0 }
        }

        if draft >= .draft6, let names = m["propertyNames"] {
            switch names {
            case .bool, .object: node.propertyNames = try parse(names, parent: index, draft: draft, base: base)
            default: throw invalidType("valid schema", "patternProperties")
            }
        }

        if let dependencies = m["dependencies"] {
            guard case .object(let members) = dependencies else {
                throw JSONSchemaError(message: "dependencies must be of type object")
            }
            for (key, member) in members {
                let name = JSONSchemaValues.keyText(key)
                switch member {
                case .array(let list):
                    var names: [String] = []
                    for item in list {
                        guard case .string(let s) = item else {
                            throw JSONSchemaError(message: "dependency must be of type schema or array of strings")
                        }
                        names.append(s)
                    }
                    // gojsonschema records a list only once it holds a name.
                    if !names.isEmpty { node.dependencies.append((name, .properties(names))) }
                case .bool, .object:
                    node.dependencies.append((name, .schema(try parse(member, parent: index, draft: draft, base: base))))
                default:
                    throw JSONSchemaError(message: "dependency must be of type schema or array of strings")
                }
            }
            node.dependencies.sort { Value.compareBytes($0.name, $1.name) < 0 }
        }

        if let items = m["items"] {
            switch items {
            case .array(let list):
                for item in list {
                    switch item {
                    case .bool, .object: node.items.append(try parse(item, parent: index, draft: draft, base: base))
                    default: throw invalidType("valid schema/array of schemas", "items")
                    }
                }
                node.itemsIsSingleSchema = false
            case .bool, .object:
                node.items.append(try parse(items, parent: index, draft: draft, base: base))
                node.itemsIsSingleSchema = true
            default:
                throw invalidType("valid schema/array of schemas", "items")
            }
        }

        if let additional = m["additionalItems"] {
            switch additional {
            case .bool(let b): node.additionalItems = .allowed(b)
            case .object: node.additionalItems = .schema(try parse(additional, parent: index, draft: draft, base: base))
            default: throw invalidType("boolean/valid schema", "additionalItems")
            }
        }

        if let multipleOf = m["multipleOf"] {
            guard case .number(let n) = multipleOf else { throw invalidType("number", "multipleOf") }
            guard Number.zero < n else { throw JSONSchemaError(message: "multipleOf must be strictly greater than 0") }
            node.multipleOf = SchemaNumber(value: n)
        }
        if let minimum = m["minimum"] {
            guard case .number(let n) = minimum else { throw JSONSchemaError(message: "minimum must be of a number") }
            node.minimum = SchemaNumber(value: n)
        }
        if let exclusive = m["exclusiveMinimum"] {
            try exclusiveBound(exclusive, key: "exclusiveMinimum", bound: "minimum", draft: draft,
                               inclusive: &node.minimum, exclusiveValue: &node.exclusiveMinimum)
        }
        if let maximum = m["maximum"] {
            guard case .number(let n) = maximum else { throw JSONSchemaError(message: "maximum must be of a number") }
            node.maximum = SchemaNumber(value: n)
        }
        if let exclusive = m["exclusiveMaximum"] {
            try exclusiveBound(exclusive, key: "exclusiveMaximum", bound: "maximum", draft: draft,
                               inclusive: &node.maximum, exclusiveValue: &node.exclusiveMaximum)
        }

        node.minLength = try count(m, "minLength")
        node.maxLength = try count(m, "maxLength")
        if let low = node.minLength, let high = node.maxLength, low > high {
            throw JSONSchemaError(message: "minLength cannot be greater than maxLength")
        }
        if let pattern = try string(m, "pattern") {
            guard let regex = SchemaPattern.compile(pattern) else {
                throw JSONSchemaError(message: "pattern must be a valid regex")
            }
            node.pattern = regex
        }
        node.format = try string(m, "format") ?? ""

        node.minProperties = try count(m, "minProperties")
        node.maxProperties = try count(m, "maxProperties")
        if let low = node.minProperties, let high = node.maxProperties, low > high {
            throw JSONSchemaError(message: "minProperties cannot be greater than maxProperties")
        }
        for item in try list(m, "required") ?? [] {
            guard case .string(let name) = item else { throw invalidType("string", "required") }
            if node.required.contains(name) { throw JSONSchemaError(message: "required items must be unique") }
            node.required.append(name)
        }

        node.minItems = try count(m, "minItems")
        node.maxItems = try count(m, "maxItems")
        if let unique = m["uniqueItems"] {
            guard case .bool(let b) = unique else { throw JSONSchemaError(message: "uniqueItems must be of a boolean") }
            node.uniqueItems = b
        }
        if draft >= .draft6, let contains = m["contains"] {
            node.contains = try parse(contains, parent: index, draft: draft, base: base)
        }

        if draft >= .draft6, let constant = m["const"] {
            node.constText = SchemaJSONText.of(constant)
        }
        if let members = try list(m, "enum") {
            var texts: [String] = []
            for member in members {
                let text = SchemaJSONText.of(member)
                if texts.contains(text) { throw JSONSchemaError(message: "enum items must be unique") }
                texts.append(text)
            }
            node.enumTexts = texts
        }

        for member in try list(m, "oneOf") ?? [] { node.oneOf.append(try parse(member, parent: index, draft: draft, base: base)) }
        for member in try list(m, "anyOf") ?? [] { node.anyOf.append(try parse(member, parent: index, draft: draft, base: base)) }
        for member in try list(m, "allOf") ?? [] { node.allOf.append(try parse(member, parent: index, draft: draft, base: base)) }

        if let not = m["not"] {
            switch not {
            case .bool, .object: node.not = try parse(not, parent: index, draft: draft, base: base)
            default: throw JSONSchemaError(message: "not must be of an object")
            }
        }
        if draft >= .draft7 {
            node.ifSchema = try conditional(m, "if", index, draft, base)
            node.thenSchema = try conditional(m, "then", index, draft, base)
            node.elseSchema = try conditional(m, "else", index, draft, base)
        }
    }

    // MARK: - Keyword helpers

    private func invalidType(_ expected: String, _ given: String) -> JSONSchemaError {
        JSONSchemaError(message: "Invalid type. Expected: \(expected), given: \(given)")
    }

    private func string(_ m: RegoObject, _ key: String) throws(JSONSchemaError) -> String? {
        guard let v = m[key] else { return nil }
        guard case .string(let s) = v else { throw invalidType("string", key) }
        return s
    }

    private func list(_ m: RegoObject, _ key: String) throws(JSONSchemaError) -> [Value]? {
        guard let v = m[key] else { return nil }
        guard case .array(let items) = v else { throw JSONSchemaError(message: "\(key) must be of an array") }
        return items
    }

    /// A non-negative integer keyword (`minLength`, `maxItems`, …).
    private func count(_ m: RegoObject, _ key: String) throws(JSONSchemaError) -> Int? {
        guard let v = m[key] else { return nil }
        guard case .number(let n) = v, let i = n.intValue else {
            throw JSONSchemaError(message: "\(key) must be of an integer")
        }
        guard i >= 0 else { throw JSONSchemaError(message: "\(key) must be greater than or equal to 0") }
        return i
    }

    private mutating func addType(_ type: String, to node: inout JSONSchemaNode) throws(JSONSchemaError) {
        guard JSONSchemaCompiler.jsonTypes.contains(type) else {
            throw JSONSchemaError(
                message: "has a primitive type that is NOT VALID -- given: /\(type)/ Expected valid values are:["
                    + JSONSchemaCompiler.jsonTypes.joined(separator: " ") + "]")
        }
        if node.types.contains(type) { throw JSONSchemaError(message: "\(type) type is duplicated") }
        node.types.append(type)
    }

    /// `exclusiveMinimum`/`exclusiveMaximum`: a boolean modifying the bound in draft 4, a number of
    /// its own from draft 6, either in hybrid mode.
    private func exclusiveBound(
        _ value: Value, key: String, bound: String, draft: JSONSchemaDraft,
        inclusive: inout SchemaNumber?, exclusiveValue: inout SchemaNumber?
    ) throws(JSONSchemaError) {
        switch (draft, value) {
        case (.draft4, .bool(let b)), (.hybrid, .bool(let b)):
            guard inclusive != nil else { throw JSONSchemaError(message: "\(key) cannot be used without \(bound)") }
            if b {
                exclusiveValue = inclusive
                inclusive = nil
            }
        case (.draft4, _):
            throw invalidType("boolean", key)
        case (_, .number(let n)):
            exclusiveValue = SchemaNumber(value: n)
        case (.hybrid, _):
            throw invalidType("boolean/number", key)
        default:
            throw invalidType("number", key)
        }
    }

    private mutating func conditional(
        _ m: RegoObject, _ key: String, _ parent: Int, _ draft: JSONSchemaDraft, _ base: String
    ) throws(JSONSchemaError) -> Int? {
        guard let v = m[key] else { return nil }
        switch v {
        case .bool, .object: return try parse(v, parent: parent, draft: draft, base: base)
        default: throw JSONSchemaError(message: "\(key) must be of an object")
        }
    }
}

private extension String {
    /// RFC 6901: `~1` is `/`, `~0` is `~`.
    func replacingEscapes() -> String {
        guard contains("~") else { return self }
        var out = ""
        var escape = false
        for c in self {
            if escape {
                out.append(c == "1" ? "/" : c == "0" ? "~" : c)
                escape = false
            } else if c == "~" {
                escape = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// Just enough of RFC 3986 to resolve `$ref` and `$id` against a base URI.
enum SchemaURI {
    static func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// The URI without its fragment, and the fragment (nil without `#`).
    static func splitFragment(_ s: String) -> (String, String?) {
        guard let hash = s.firstIndex(of: "#") else { return (s, nil) }
        return (String(s[..<hash]), String(s[s.index(after: hash)...]))
    }

    /// Resolves `reference` against `base`; an empty fragment is dropped (`x#` is `x`), as Go's
    /// URL printing does.
    static func resolve(_ reference: String, against base: String) -> String {
        normalised(resolvedRaw(reference, against: base))
    }

    private static func normalised(_ s: String) -> String {
        s.hasSuffix("#") ? String(s.dropLast()) : s
    }

    private static func resolvedRaw(_ reference: String, against base: String) -> String {
        if hasScheme(reference) { return reference }
        let (baseWithoutFragment, _) = splitFragment(base)
        if reference.isEmpty { return baseWithoutFragment }
        if reference.hasPrefix("#") { return baseWithoutFragment + reference }
        // scheme and authority of the base
        var prefix = ""
        var basePath = baseWithoutFragment
        if let colon = basePath.firstIndex(of: ":"), hasScheme(basePath) {
            prefix = String(basePath[...colon])
            basePath = String(basePath[basePath.index(after: colon)...])
        }
        if reference.hasPrefix("//") { return prefix + reference }
        if basePath.hasPrefix("//") {
            let afterSlashes = basePath.index(basePath.startIndex, offsetBy: 2)
            let pathStart = basePath[afterSlashes...].firstIndex(of: "/") ?? basePath.endIndex
            prefix += basePath[..<pathStart]
            basePath = String(basePath[pathStart...])
        }
        if let q = basePath.firstIndex(of: "?") { basePath = String(basePath[..<q]) }
        if reference.hasPrefix("/") { return prefix + removeDotSegments(reference) }
        if reference.hasPrefix("?") { return prefix + basePath + reference }
        let directory: String
        if let slash = basePath.lastIndex(of: "/") {
            directory = String(basePath[...slash])
        } else {
            directory = prefix.isEmpty ? "" : "/"
        }
        return prefix + removeDotSegments(directory + reference)
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var (body, suffix) = (path, "")
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            body = String(path[..<cut])
            suffix = String(path[cut...])
        }
        var output: [Substring] = []
        let segments = body.split(separator: "/", omittingEmptySubsequences: false)
        for (i, segment) in segments.enumerated() {
            if segment == "." {
                if i == segments.count - 1 { output.append("") }
            } else if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if i == segments.count - 1 { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return output.joined(separator: "/") + suffix
    }
}
