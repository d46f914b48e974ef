extension Builtins {
    /// The JSON Schema builtins (OPA uses gojsonschema): `json.verify_schema(schema)` answers
    /// `[true, null]` or `[false, "jsonschema: …"]`; `json.match_schema(document, schema)`
    /// answers `[valid, errors]`, each error `{error, type, field, desc}`, and fails on a schema
    /// that does not compile. Schemas and documents are objects (or arrays), or JSON text.
    static let jsonSchema: [Builtin] = [
        Builtin("json.verify_schema", arity: 1) { args, context in
            do throws(JSONSchemaError) {
                _ = try JSONSchemaOperands.compiled(args[0], caches: context.caches)
                return .array([.true, .null])
            } catch {
                return .array([.false, .string("jsonschema: " + error.message)])
            }
        },
        Builtin("json.match_schema", arity: 2) { args, context throws(BuiltinError) in
            do throws(JSONSchemaError) {
                let document = try JSONSchemaOperands.document(args[0])
                let schema = try JSONSchemaOperands.compiled(args[1], caches: context.caches)
                let result = JSONSchemaValidator(schema: schema).validate(document)
                let errors = result.errors.map { e in
                    Value.object(RegoObject([
                        ("error", .string(e.text)), ("type", .string(e.type)), ("field", .string(e.field)),
                        ("desc", .string(e.description)),
                    ]))
                }
                return .array([.bool(result.isValid), .array(errors)])
            } catch {
                throw .builtin(error.message)
            }
        },
    ]
}

/// Reading schema and document operands as OPA's `astValueToJSONSchemaLoader` does.
enum JSONSchemaOperands {
    static func document(_ operand: Value) throws(JSONSchemaError) -> Value {
        switch operand {
        case .string(let text):
            // OPA checks the text is JSON first, since gojsonschema would not.
            do throws(JSONTextParser.Error) {
                return try JSONTextParser.parse(text)
            } catch {
                throw JSONSchemaError(message: "invalid JSON string")
            }
        case .object, .array:
            return JSONSchemaValues.normalized(operand)
        default:
            throw JSONSchemaError(message: "wrong type, expected string or object")
        }
    }

    /// The compiled schema, shared across evaluations through the builtin caches (keyed by the
    /// schema's JSON text, as OPA keys its cache by the schema value).
    static func compiled(_ operand: Value, caches: BuiltinCaches) throws(JSONSchemaError) -> JSONSchema {
        let document = try self.document(operand)
        let key = "json-schema\u{0}" + document.jsonText()
        let outcome: Result<JSONSchema, JSONSchemaError>
        do throws(BuiltinError) {
            outcome = try caches.value(for: key) { () throws(BuiltinError) -> Result<JSONSchema, JSONSchemaError> in
                do throws(JSONSchemaError) {
                    return .success(try JSONSchemaCompiler.compile(document))
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            throw JSONSchemaError(message: error.message)
        }
        return try outcome.get()
    }
}
