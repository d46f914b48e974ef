extension Builtins {
    /// The `graphql` family: parsing queries and schemas into gqlparser-shaped objects, and
    /// validating queries against schemas, as OPA's `topdown/graphql.go` does.
    static let graphql: [Builtin] = [
        Builtin("graphql.parse_query", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            return GraphQL.Encoding.encode(try GraphQLBuiltin.parseQuery(text))
        },
        Builtin("graphql.parse_schema", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            return GraphQL.Encoding.encode(try GraphQLBuiltin.parseSchema(text))
        },
        // Parses, validates and returns both ASTs; any failure is an error.
        Builtin("graphql.parse", arity: 2) { args, _ throws(BuiltinError) in
            let checked = try GraphQLBuiltin.check(args[0], args[1])
            return .array([checked.query, checked.schema])
        },
        // Like `graphql.parse`, but failures give `[false, {}, {}]` instead of an error.
        Builtin("graphql.parse_and_verify", arity: 2) { args, _ in
            guard let checked = try? GraphQLBuiltin.check(args[0], args[1]) else {
                return .array([.false, .emptyObject, .emptyObject])
            }
            return .array([.true, checked.query, checked.schema])
        },
        Builtin("graphql.is_valid", arity: 2) { args, _ in
            .bool((try? GraphQLBuiltin.check(args[0], args[1])) != nil)
        },
        Builtin("graphql.schema_is_valid", arity: 1) { args, _ in
            guard let document = try? GraphQLBuiltin.schemaDocument(args[0], position: 1) else { return .false }
            return .bool((try? GraphQL.buildSchema(document)) != nil)
        },
    ]
}

/// The steps OPA's GraphQL builtins share, with OPA's error wording.
enum GraphQLBuiltin {
    struct Checked {
        var query: Value
        var schema: Value
    }

    static func parseQuery(_ text: String) throws(BuiltinError) -> GraphQL.QueryDocument {
        try checkSize(text)
        do {
            return try GraphQL.parseQuery(text)
        } catch {
            throw parseError(error)
        }
    }

    static func parseSchema(_ text: String) throws(BuiltinError) -> GraphQL.SchemaDocument {
        try checkSize(text)
        do {
            return try GraphQL.parseSchema(text)
        } catch {
            throw parseError(error)
        }
    }

    /// A query document from a string (parsed) or an object (read as Go's JSON decoder would).
    static func queryDocument(_ operand: Value, position: Int) throws(BuiltinError) -> GraphQL.QueryDocument {
        switch operand {
        case .string(let text): return try parseQuery(text)
        case .object: return try GraphQL.Decoding.queryDocument(operand)
        default: throw operandError(position, operand)
        }
    }

    static func schemaDocument(_ operand: Value, position: Int) throws(BuiltinError) -> GraphQL.SchemaDocument {
        switch operand {
        case .string(let text): return try parseSchema(text)
        case .object: return try GraphQL.Decoding.schemaDocument(operand)
        default: throw operandError(position, operand)
        }
    }

    /// Reads both documents, encodes them (before validation, as OPA does, so validation's
    /// annotations never show), builds the schema and validates the query against it.
    static func check(_ queryOperand: Value, _ schemaOperand: Value) throws(BuiltinError) -> Checked {
        let query = try queryDocument(queryOperand, position: 0)
        let schemaDocument = try schemaDocument(schemaOperand, position: 1)
        let checked = Checked(query: GraphQL.Encoding.encode(query), schema: GraphQL.Encoding.encode(schemaDocument))
        let schema: GraphQL.Schema
        do {
            schema = try GraphQL.buildSchema(schemaDocument)
        } catch {
            throw .builtin("Error in gqlparser SchemaDocument to Schema conversion: " + error.goText)
        }
        let failures = GraphQL.validate(query, against: schema)
        if !failures.isEmpty { throw validationError(failures) }
        return checked
    }

    private static func checkSize(_ text: String) throws(BuiltinError) {
        if text.utf8.count > GraphQL.Limits.maxDocumentBytes {
            throw .builtin("GraphQL document larger than \(GraphQL.Limits.maxDocumentBytes) bytes")
        }
    }

    /// OPA cuts gqlparser's `input:LINE:COLUMN: message` apart and rearranges it.
    private static func parseError(_ failure: GraphQL.Failure) -> BuiltinError {
        guard let position = failure.position else { return .builtin(failure.message + " in GraphQL string") }
        return .builtin("\(failure.message) in GraphQL string at location \(position.line):\(position.column)")
    }

    /// OPA formats the whole error list (`input:L:C: message` lines) and cuts the first line's
    /// location out of it, so later errors stay in the message, and drops a final `.` + newline.
    private static func validationError(_ failures: [GraphQL.Failure]) -> BuiltinError {
        let text = failures.map { $0.goText + "\n" }.joined()
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            // gqlparser left out the location; OPA would fail to cut the text apart.
            return .builtin(trimmedMessage(text.dropFirst("input:".count)) + " in GraphQL query string")
        }
        return .builtin("\(trimmedMessage(parts[3])) in GraphQL query string at location \(parts[1]):\(parts[2])")
    }

    private static func trimmedMessage(_ text: Substring) -> String {
        var message = text.drop { $0 == " " }
        if message.hasSuffix(".\n") { message = message.dropLast(2) }
        return String(message)
    }

    /// OPA numbers these operands from zero.
    private static func operandError(_ position: Int, _ operand: Value) -> BuiltinError {
        BuiltinError(.type, "operand \(position) must be one of {string, object} but got \(operand.typeName)")
    }
}
