import Testing

@testable import Rego

@Suite struct JSONSchemaTests {
    /// `[false, [{error, type, field, desc}, …]]` for the given (field, type, description) triples.
    static func failures(_ errors: [(String, String, String)]) -> Value {
        .array([.false, .array(errors.map { field, type, desc in
            .object(RegoObject([("error", .str(field + ": " + desc)), ("type", .str(type)), ("field", .str(field)), ("desc", .str(desc))]))
        })])
    }

    static let valid = Value.array([.true, .emptyArray])

    // MARK: - json.verify_schema

    static let verifyCases: [BuiltinCase] = [
        // OPA conformance (jsonschema).
        .init("json.verify_schema", [.str(#"{"type": "boolean"}"#)], .value(.array([.true, .null]))),
        .init("json.verify_schema", [json(#"{"type": "boolean"}"#)], .value(.array([.true, .null]))),
        .init("json.verify_schema", [.str(#"{"type": "unknown_type"}"#)],
              .value(.array([.false, .str("jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]")]))),
        // Schema errors, in gojsonschema's words.
        .init("json.verify_schema", [.str("{")], .value(.array([.false, .str("jsonschema: invalid JSON string")]))),
        .init("json.verify_schema", [.int(1)], .value(.array([.false, .str("jsonschema: wrong type, expected string or object")]))),
        .init("json.verify_schema", [json("[1]")], .value(.array([.false, .str("jsonschema: schema is invalid")]))),
        .init("json.verify_schema", [.str("true")], .value(.array([.true, .null]))),
        .init("json.verify_schema", [json(#"{"type": ["string", "string"]}"#)], .value(.array([.false, .str("jsonschema: string type is duplicated")]))),
        .init("json.verify_schema", [json(#"{"type": 1}"#)], .value(.array([.false, .str("jsonschema: Invalid type. Expected: type, given: string/array of strings")]))),
        .init("json.verify_schema", [json(#"{"properties": []}"#)], .value(.array([.false, .str("jsonschema: properties must be of type object")]))),
        .init("json.verify_schema", [json(#"{"properties": {"a": 1}}"#)], .value(.array([.false, .str("jsonschema: Expected: valid schema, given: Invalid JSON")]))),
        .init("json.verify_schema", [json(#"{"minLength": -1}"#)], .value(.array([.false, .str("jsonschema: minLength must be greater than or equal to 0")]))),
        .init("json.verify_schema", [json(#"{"minLength": "1"}"#)], .value(.array([.false, .str("jsonschema: minLength must be of an integer")]))),
        .init("json.verify_schema", [json(#"{"minLength": 3, "maxLength": 2}"#)], .value(.array([.false, .str("jsonschema: minLength cannot be greater than maxLength")]))),
        .init("json.verify_schema", [json(#"{"multipleOf": 0}"#)], .value(.array([.false, .str("jsonschema: multipleOf must be strictly greater than 0")]))),
        .init("json.verify_schema", [json(#"{"minimum": "1"}"#)], .value(.array([.false, .str("jsonschema: minimum must be of a number")]))),
        .init("json.verify_schema", [json(#"{"exclusiveMinimum": true}"#)], .value(.array([.false, .str("jsonschema: exclusiveMinimum cannot be used without minimum")]))),
        .init("json.verify_schema", [json(#"{"$schema": "http://json-schema.org/draft-07/schema#", "exclusiveMinimum": true}"#)],
              .value(.array([.false, .str("jsonschema: Invalid type. Expected: number, given: exclusiveMinimum")]))),
        .init("json.verify_schema", [json(#"{"required": ["a", "a"]}"#)], .value(.array([.false, .str("jsonschema: required items must be unique")]))),
        .init("json.verify_schema", [json(#"{"required": "a"}"#)], .value(.array([.false, .str("jsonschema: required must be of an array")]))),
        .init("json.verify_schema", [json(#"{"enum": [1, 1.0]}"#)], .value(.array([.false, .str("jsonschema: enum items must be unique")]))),
        .init("json.verify_schema", [json(#"{"pattern": "("}"#)], .value(.array([.false, .str("jsonschema: pattern must be a valid regex")]))),
        .init("json.verify_schema", [json(#"{"patternProperties": {"(": {}}}"#)], .value(.array([.false, .str("jsonschema: Invalid regex pattern '('")]))),
        .init("json.verify_schema", [json(#"{"not": 1}"#)], .value(.array([.false, .str("jsonschema: not must be of an object")]))),
        .init("json.verify_schema", [json(##"{"$ref": "#/definitions/missing"}"##)], .value(.array([.false, .str("jsonschema: Object has no key 'definitions'")]))),
        .init("json.verify_schema", [json(#"{"$ref": "other.json"}"#)], .value(.array([.false, .str("jsonschema: Reference other.json must be canonical")]))),
        .init("json.verify_schema", [json(#"{"$schema": 4}"#)], .value(.array([.false, .str("jsonschema: $schema must be of type string")]))),
        // Draft 4 has no boolean schemas.
        .init("json.verify_schema", [json(#"{"$schema": "http://json-schema.org/draft-04/schema#", "items": true}"#)],
              .value(.array([.false, .str("jsonschema: Expected: valid schema, given: Invalid JSON")]))),
    ]

    @Test(arguments: verifyCases) func verify(_ c: BuiltinCase) { c.check() }

    // MARK: - json.match_schema

    static let idSchema = json(#"{"properties": {"id": {"type": "integer"}}, "required": ["id"]}"#)

    static let matchCases: [BuiltinCase] = [
        // OPA conformance (jsonschema).
        .init("json.match_schema", [json(#"{"id": 5}"#), idSchema], .value(valid)),
        .init("json.match_schema", [.str(#"{"id": 5}"#), idSchema], .value(valid)),
        .init("json.match_schema", [json(#"{"id": 5}"#), .str(idSchema.jsonText())], .value(valid)),
        .init("json.match_schema", [json(#"{"id": "foo"}"#), idSchema],
              .value(failures([("id", "invalid_type", "Invalid type. Expected: integer, given: string")]))),
        .init("json.match_schema", [json(#"{"id": "foo"}"#), json(#"{"properties": {"id": {"type": "unknown"}}}"#)],
              .builtinError("has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values are:[array boolean integer number null object string]")),
        .init("json.match_schema", [.str("{"), idSchema], .builtinError("invalid JSON string")),
        .init("json.match_schema", [.int(1), idSchema], .builtinError("wrong type, expected string or object")),

        // Types, at the root and nested.
        .init("json.match_schema", [json("{}"), idSchema], .value(failures([("(root)", "required", "id is required")]))),
        .init("json.match_schema", [json("[1]"), json(#"{"type": ["object", "null"]}"#)],
              .value(failures([("(root)", "invalid_type", "Invalid type. Expected: [object,null], given: array")]))),
        .init("json.match_schema", [json(#"{"id": 1.5}"#), idSchema],
              .value(failures([("id", "invalid_type", "Invalid type. Expected: integer, given: number")]))),
        .init("json.match_schema", [json(#"{"id": 2.0}"#), idSchema], .value(valid)),
        .init("json.match_schema", [json(#"{"a": {"b": [1, "x"]}}"#), json(#"{"properties": {"a": {"properties": {"b": {"items": {"type": "number"}}}}}}"#)],
              .value(failures([("a.b.1", "invalid_type", "Invalid type. Expected: number, given: string")]))),
        // Sets are arrays.
        .init("json.match_schema", [.object(RegoObject([("s", set(.int(1), .int(2)))])), json(#"{"properties": {"s": {"type": "array", "maxItems": 1}}}"#)],
              .value(failures([("s", "array_max_items", "Array must have at most 1 items")]))),

        // Numbers.
        .init("json.match_schema", [json("[7, 0.3, 1000001, -1]"),
                                    json(#"{"items": [{"multipleOf": 2}, {"multipleOf": 0.1}, {"maximum": 1000000}, {"exclusiveMinimum": -1}]}"#)],
              .value(failures([("0", "multiple_of", "Must be a multiple of 2"), ("2", "number_lte", "Must be less than or equal to 1e+06"),
                               ("3", "number_gt", "Must be greater than -1")]))),
        .init("json.match_schema", [.str("5"), json(#"{"minimum": 5, "exclusiveMinimum": true}"#)],
              .value(failures([("(root)", "number_gt", "Must be greater than 5")]))),
        .init("json.match_schema", [.str("5"), json(#"{"minimum": 5.5, "exclusiveMaximum": 5}"#)],
              .value(failures([("(root)", "number_lt", "Must be less than 5"), ("(root)", "number_gte", "Must be greater than or equal to 5.5")]))),

        // Strings (lengths in characters) and formats.
        .init("json.match_schema", [json(#"["héllo", "x", "abc"]"#), json(#"{"items": [{"maxLength": 5}, {"minLength": 2}, {"pattern": "^a.c$"}]}"#)],
              .value(failures([("1", "string_gte", "String length must be greater than or equal to 2")]))),
        .init("json.match_schema", [.str(#""abd""#), json(#"{"pattern": "^a.c$"}"#)],
              .value(failures([("(root)", "pattern", "Does not match pattern '^a.c$'")]))),
        .init("json.match_schema", [json(#"["2024-02-30", "2024-02-29", "10.0.0.1", "::1", "not an ip", "a@b.c", "nope", "https://x.y/z", "x/y", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "/a/~1b", "/a~", "host-name", "-bad"]"#),
                                    json(#"{"items": [{"format": "date"}, {"format": "date"}, {"format": "ipv4"}, {"format": "ipv6"}, {"format": "ipv4"}, {"format": "email"}, {"format": "email"}, {"format": "uri"}, {"format": "uri"}, {"format": "uuid"}, {"format": "json-pointer"}, {"format": "json-pointer"}, {"format": "hostname"}, {"format": "hostname"}]}"#)],
              .value(failures([("0", "format", "Does not match format 'date'"), ("4", "format", "Does not match format 'ipv4'"),
                               ("6", "format", "Does not match format 'email'"), ("8", "format", "Does not match format 'uri'"),
                               ("11", "format", "Does not match format 'json-pointer'"), ("13", "format", "Does not match format 'hostname'")]))),
        .init("json.match_schema", [.str(#""anything""#), json(#"{"format": "no-such-format"}"#)], .value(valid)),

        // Objects.
        .init("json.match_schema", [json(#"{"a": 1, "b": 2, "x1": "s"}"#), json(#"{"properties": {"a": {}}, "patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": false}"#)],
              .value(failures([("(root)", "additional_property_not_allowed", "Additional property b is not allowed"),
                               ("x1", "invalid_type", "Invalid type. Expected: integer, given: string")]))),
        .init("json.match_schema", [json(#"{"a": 1}"#), json(#"{"minProperties": 2, "propertyNames": {"maxLength": 0}}"#)],
              .value(failures([("(root)", "array_min_properties", "Must have at least 2 properties"),
                               ("(root)", "invalid_property_name", "Property name of \"a\" does not match"),
                               ("(root)", "string_lte", "String length must be less than or equal to 0")]))),
        .init("json.match_schema", [json(#"{"card": 1}"#), json(#"{"dependencies": {"card": ["billing", "name"]}}"#)],
              .value(failures([("(root)", "missing_dependency", "Has a dependency on billing"), ("(root)", "missing_dependency", "Has a dependency on name")]))),

        // Arrays.
        .init("json.match_schema", [json(#"[1, 2, 1]"#), json(#"{"uniqueItems": true, "minItems": 4}"#)],
              .value(failures([("(root)", "array_min_items", "Array must have at least 4 items"), ("(root)", "unique", "array items[0,2] must be unique")]))),
        .init("json.match_schema", [json(#"[1, "a", 2]"#), json(#"{"items": [{}], "additionalItems": false}"#)],
              .value(failures([("(root)", "array_no_additional_items", "No additional items allowed on array")]))),
        .init("json.match_schema", [json(#"["a", "b"]"#), json(#"{"contains": {"type": "number"}}"#)],
              .value(failures([("(root)", "contains", "At least one of the items must match"), ("0", "invalid_type", "Invalid type. Expected: number, given: string")]))),

        // const and enum compare JSON texts after a float64 round trip.
        .init("json.match_schema", [json(#"[1.0, "b", {"k": [1]}]"#), json(#"{"items": [{"const": 1}, {"enum": ["a", 1]}, {"const": {"k": [2]}}]}"#)],
              .value(failures([("1", "enum", "1 must be one of the following: \"a\", 1"), ("2", "const", "2 does not match: {\"k\":[2]}")]))),
        .init("json.match_schema", [.str("1"), json(#"{"enum": []}"#)],
              .value(failures([("(root)", "enum", "(root) must be one of the following: (none)")]))),

        // Combinators: anyOf/oneOf report the closest failing member's errors.
        .init("json.match_schema", [json(#"{"a": "x"}"#), json(#"{"anyOf": [{"type": "string"}, {"properties": {"a": {"type": "integer"}}, "required": ["a"]}]}"#)],
              .value(failures([("(root)", "number_any_of", "Must validate at least one schema (anyOf)"),
                               ("a", "invalid_type", "Invalid type. Expected: integer, given: string")]))),
        // Equally close members: the first one's errors.
        .init("json.match_schema", [json(#"{"a": "x"}"#), json(#"{"anyOf": [{"required": ["z"]}, {"properties": {"a": {"type": "integer"}}}]}"#)],
              .value(failures([("(root)", "number_any_of", "Must validate at least one schema (anyOf)"), ("(root)", "required", "z is required")]))),
        // Scalar documents must be given as JSON text, as in OPA.
        .init("json.match_schema", [.int(5), json("{}")], .builtinError("wrong type, expected string or object")),
        .init("json.match_schema", [.str("3"), json(#"{"oneOf": [{"minimum": 1}, {"maximum": 5}]}"#)],
              .value(failures([("(root)", "number_one_of", "Must validate one and only one schema (oneOf)")]))),
        .init("json.match_schema", [.str("3"), json(#"{"allOf": [{"minimum": 4}, {"maximum": 5}], "not": {"type": "integer"}}"#)],
              .value(failures([("(root)", "number_gte", "Must be greater than or equal to 4"), ("(root)", "number_all_of", "Must validate all the schemas (allOf)"),
                               ("(root)", "number_not", "Must not validate the schema (not)")]))),
        .init("json.match_schema", [json(#"{"kind": "a"}"#), json(#"{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}, "else": false}"#)],
              .value(failures([("(root)", "condition_then", "Must validate \"then\" as \"if\" was valid"), ("(root)", "required", "x is required")]))),
        .init("json.match_schema", [json(#"{"kind": "b"}"#), json(#"{"if": {"properties": {"kind": {"const": "a"}}}, "else": false}"#)],
              .value(failures([("(root)", "condition_else", "Must validate \"else\" as \"if\" was not valid"), ("(root)", "false", "False always fails validation")]))),

        // References: JSON pointers, recursion, and $id within the document.
        .init("json.match_schema", [json(#"{"name": "x", "children": [{"name": "y", "children": [{"name": 3}]}]}"#),
                                    json(##"{"definitions": {"node": {"properties": {"name": {"type": "string"}, "children": {"items": {"$ref": "#/definitions/node"}}}}}, "$ref": "#/definitions/node"}"##)],
              .value(failures([("children.0.children.0.name", "invalid_type", "Invalid type. Expected: string, given: integer")]))),
        .init("json.match_schema", [json(##"{"a": {"a": {"a": 1}}}"##), json(##"{"properties": {"a": {"$ref": "#"}}, "additionalProperties": false, "type": "object"}"##)],
              .value(failures([("a.a.a", "invalid_type", "Invalid type. Expected: object, given: integer")]))),
        .init("json.match_schema", [json(#"[1]"#), json(#"{"$id": "http://example.com/root.json", "items": {"$ref": "item.json"}, "definitions": {"i": {"$id": "item.json", "type": "string"}}}"#)],
              .value(failures([("0", "invalid_type", "Invalid type. Expected: string, given: integer")]))),
        .init("json.match_schema", [.str("1"), json(#"{"$ref": "http://example.com/schema.json"}"#)],
              .builtinError("remote reference http://example.com/schema.json cannot be loaded")),
    ]

    @Test(arguments: matchCases) func match(_ c: BuiltinCase) { c.check() }

    @Test func selfReferencesEndWithAnError() throws {
        for schema in [##"{"$ref": "#"}"##, ##"{"anyOf": [{"$ref": "#"}]}"##, ##"{"items": {"$ref": "#"}}"##] {
            let result = try #require(try call("json.match_schema", .str("[[[[1]]]]"), .str(schema)))
            #expect(result.arrayValue?.first != nil, "\(schema)")
        }
        var deep = "1"
        for _ in 0..<600 { deep = "[" + deep + "]" }
        let result = try #require(try call("json.match_schema", .str(deep), .str(##"{"items": {"$ref": "#"}}"##)))
        #expect(result.arrayValue?.first == .false)
        let errors = result.arrayValue?.last?.arrayValue ?? []
        #expect(errors.contains { $0[.str("type")] == .str("internal") })
    }

    @Test func compiledSchemasAreReused() throws {
        let caches = BuiltinCaches()
        let schema = try JSONSchemaOperands.compiled(Self.idSchema, caches: caches)
        let again = try JSONSchemaOperands.compiled(.str(Self.idSchema.jsonText()), caches: caches)
        #expect(schema.nodes.count == again.nodes.count)
        #expect(JSONSchemaValidator(schema: again).validate(json(#"{"id": 1}"#)).isValid)
    }

    @Test func canonicalJSONTextFollowsGo() {
        #expect(SchemaJSONText.of(json(#"{"b": [1.0, 1e21, 0.000001, 1e-7, "<"], "a": null}"#))
                == #"{"a":null,"b":[1,1e+21,0.000001,1e-7,"\u003c"]}"#)
    }

    @Test func referencesResolveAsURIs() {
        #expect(SchemaURI.resolve("#/definitions/a", against: "") == "#/definitions/a")
        #expect(SchemaURI.resolve("#", against: "") == "")
        #expect(SchemaURI.resolve("item.json", against: "http://example.com/a/root.json") == "http://example.com/a/item.json")
        #expect(SchemaURI.resolve("../b.json#/x", against: "http://example.com/a/root.json") == "http://example.com/b.json#/x")
        #expect(SchemaURI.resolve("/c.json", against: "http://example.com/a/root.json") == "http://example.com/c.json")
        #expect(SchemaURI.resolve("#/y", against: "http://example.com/a/root.json#/x") == "http://example.com/a/root.json#/y")
        #expect(SchemaURI.resolve("urn:x", against: "http://example.com/") == "urn:x")
    }
}
