import Testing

@testable import Rego

/// Documents given as objects (ASTs from `graphql.parse_query` / `graphql.parse_schema`, or
/// built by a policy). OPA reads them through Go's JSON decoder into gqlparser's structs, and
/// the builtins mirror that: case-insensitive member names where Go's decoder applies,
/// unknown members ignored, and every selection read as a field.
@Suite struct GraphQLObjectTests {
    static let schema = "type Employee { id: String! salary: Int! } schema { query: Query } type Query { employeeByID(id: String): Employee }"

    @Test func parsedObjectsValidateAndComeBackUnchanged() throws {
        let query = try #require(try call("graphql.parse_query", .str("query { employeeByID(id: \"alice\") { salary } }")))
        let schema = try #require(try call("graphql.parse_schema", .str(GraphQLObjectTests.schema)))
        #expect(try call("graphql.is_valid", query, schema) == .true)
        #expect(try call("graphql.parse_and_verify", query, schema) == .array([.true, query, schema]))
        #expect(try call("graphql.parse", query, .str(GraphQLObjectTests.schema)) == .array([query, schema]))
    }

    @Test func argumentsAreCheckedAgainstObjectSchemas() throws {
        let schema = json(
            """
            {"Definitions": [
              {"BuiltIn": false, "Description": "", "Kind": "OBJECT", "Name": "Query",
               "Fields": [{"Description": "", "Name": "bar", "Type": {"NamedType": "String", "NonNull": true}}]},
              {"BuiltIn": false, "Description": "", "Kind": "OBJECT", "Name": "Mutation",
               "Fields": [{"Description": "", "Name": "x", "Type": {"NamedType": "String", "NonNull": true}}]}]}
            """)
        let query = json(
            """
            {"Operations": [{"Name": "", "Operation": "mutation",
              "SelectionSet": [{"Alias": "x", "Name": "x", "Arguments": [{"Name": "a", "Value": {"Kind": 7, "Raw": "b"}}]}]}]}
            """)
        #expect(try call("graphql.is_valid", query, schema) == .false)
        // Object documents carry no positions, so OPA's message has no location.
        BuiltinCase(
            "graphql.parse", [query, schema], .builtinError("Unknown argument \"a\" on field \"Mutation.x\" in GraphQL query string")
        ).check()
    }

    @Test func everySelectionIsReadAsAField() throws {
        // gqlparser tries a field first, and Go's decoder accepts any object as one: an inline
        // fragment given as an object becomes a field with an empty name.
        let schema = Value.str("type Query { dog: Dog } type Dog { name: String }")
        let text = "{ dog { ... on Dog { name } } }"
        #expect(try call("graphql.is_valid", .str(text), schema) == .true)
        let query = try #require(try call("graphql.parse_query", .str(text)))
        #expect(try call("graphql.is_valid", query, schema) == .false)
        BuiltinCase("graphql.parse", [query, schema], .builtinError("Cannot query field \"\" on type \"Dog\"")).check()
        let spread = json(#"{"Operations": [{"Operation": "query", "SelectionSet": [{"Name": "dog", "SelectionSet": [{"Name": "F"}]}]}]}"#)
        let reencoded = try #require(try call("graphql.parse_and_verify", spread, schema))
        #expect(reencoded[.int(0)] == .false)
        let parsed = try #require(try call("graphql.parse", json(#"{"Operations": [{"Operation": "query", "SelectionSet": [{"Name": "dog", "SelectionSet": [{"Name": "name"}]}]}]}"#), schema))
        // Missing members come back with Go's zero values, unknown ones are gone.
        #expect(
            parsed[.int(0)]
                == json(
                    #"{"Operations": [{"Name": "", "Operation": "query", "SelectionSet": [{"Alias": "", "Name": "dog", "SelectionSet": [{"Alias": "", "Name": "name"}]}]}]}"#
                ))
    }

    @Test func memberNamesFollowGoDecoding() throws {
        let schema = Value.str("type Query { dog: Dog } type Dog { name: String }")
        // The document's members are matched ignoring case; the hand-written decoders for
        // operations, fields and fragments match exactly, so `selectionset` is not read.
        let lowercase = json(#"{"operations": [{"Operation": "query", "SelectionSet": [{"Name": "dog", "selectionset": [{"Name": "name"}], "Extra": 1}]}]}"#)
        BuiltinCase("graphql.parse", [lowercase, schema], .builtinError("Field \"dog\" of type \"Dog\" must have a selection of subfields")).check()
        // Variable definitions and types use Go's decoder: any case will do.
        let variables = json(
            #"{"Operations": [{"VariableDefinitions": [{"variable": "v", "TYPE": {"namedtype": "Int"}}], "SelectionSet": [{"Name": "dog", "SelectionSet": [{"Name": "name"}]}]}]}"#)
        BuiltinCase("graphql.parse", [variables, schema], .builtinError("Variable \"$v\" is never used in GraphQL query string")).check()
    }

    @Test func wrongMemberTypesAreErrors() throws {
        let schema = Value.str("type Query { a: Int }")
        for document in [
            #"{"Operations": "query"}"#, #"{"Operations": [{"Name": 3}]}"#,
            #"{"Operations": [{"VariableDefinitions": [{"Used": "yes"}]}]}"#,
            #"{"Operations": [{"VariableDefinitions": [{"DefaultValue": {"Kind": 1.5}}]}]}"#,
        ] {
            #expect(try call("graphql.is_valid", json(document), schema) == .false, "\(document)")
            let outcome = Result { () throws(BuiltinError) in try call("graphql.parse", json(document), schema) }
            guard case .failure(let error) = outcome else {
                Issue.record("\(document) was accepted")
                continue
            }
            #expect(error.message.hasPrefix("json: cannot unmarshal"), "\(error.message)")
        }
        #expect(try call("graphql.schema_is_valid", json(#"{"Definitions": {"Kind": "OBJECT"}}"#)) == .false)
    }

    @Test func selectionsFallBackToSpreadsThenInlineFragments() throws {
        let schema = Value.str("type Query { a: Int }")
        // Not a field (a bad argument) but a fine fragment spread, whose decoder ignores
        // arguments: an unknown fragment with an empty name.
        let spread = json(#"{"Operations": [{"SelectionSet": [{"Arguments": [{"Value": {"Kind": 1.5}}]}]}]}"#)
        BuiltinCase("graphql.parse", [spread, schema], .builtinError("Unknown fragment \"\" in GraphQL query string")).check()
        // Neither a field nor a spread (a numeric name): an inline fragment, which ignores names.
        let inline = json(#"{"Operations": [{"SelectionSet": [{"Name": 5}]}]}"#)
        let parsed = try #require(try call("graphql.parse", inline, schema))
        #expect(parsed[.int(0)] == json(#"{"Operations": [{"Name": "", "Operation": "", "SelectionSet": [{"TypeCondition": ""}]}]}"#))
    }

    @Test func nullsLeaveMembersUnset() throws {
        let schema = Value.str("type Query { a: Int }")
        let query = json(#"{"Operations": [{"Operation": null, "Name": null, "SelectionSet": [{"Alias": null, "Name": "a", "Arguments": null}]}], "Fragments": null}"#)
        #expect(try call("graphql.is_valid", query, schema) == .true)
    }
}
