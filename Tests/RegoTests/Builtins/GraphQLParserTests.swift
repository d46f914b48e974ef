import Testing

@testable import Rego

/// `graphql.parse_query` and `graphql.parse_schema`: the objects they build (gqlparser's field
/// names, pruned as OPA prunes them) and their errors (gqlparser's messages and positions,
/// rearranged as OPA rearranges them).
@Suite struct GraphQLParserTests {
    static func parsed(_ builtin: String, _ text: String) throws -> Value {
        try #require(try call(builtin, .str(text)))
    }

    // MARK: - Objects

    @Test func queryObjectsKeepGoZeroValuesAndDropEmptyParts() throws {
        let ast = try GraphQLParserTests.parsed("graphql.parse_query", "query Q($a: [Int!]! = [1]) { x: f(a: $a) @d { g } ...F ... on T { h } }")
        #expect(
            ast
                == json(
                    """
                    {"Operations": [{"Name": "Q", "Operation": "query",
                      "VariableDefinitions": [{"Variable": "a", "Used": false,
                        "Type": {"NamedType": "", "NonNull": true, "Elem": {"NamedType": "Int", "NonNull": true}},
                        "DefaultValue": {"Kind": 8, "Raw": "", "ExpectedTypeHasDefault": false,
                          "Children": [{"Name": "", "Value": {"Kind": 1, "Raw": "1", "ExpectedTypeHasDefault": false}}]}}],
                      "SelectionSet": [
                        {"Alias": "x", "Name": "f",
                         "Arguments": [{"Name": "a", "Value": {"Kind": 0, "Raw": "a", "ExpectedTypeHasDefault": false}}],
                         "Directives": [{"Name": "d", "Location": ""}],
                         "SelectionSet": [{"Alias": "g", "Name": "g"}]},
                        {"Name": "F"},
                        {"TypeCondition": "T", "SelectionSet": [{"Alias": "h", "Name": "h"}]}]}]}
                    """))
    }

    @Test(arguments: [
        ("{ f(a: 1) }", 1, "1"), ("{ f(a: -1.5e3) }", 2, "-1.5e3"), ("{ f(a: \"s\") }", 3, "s"),
        ("{ f(a: \"\"\"  b \"\"\") }", 4, "  b "), ("{ f(a: true) }", 5, "true"), ("{ f(a: null) }", 6, "null"),
        ("{ f(a: RED) }", 7, "RED"), ("{ f(a: $v) }", 0, "v"),
    ])
    func valueKinds(text: String, kind: Int, raw: String) throws {
        let ast = try GraphQLParserTests.parsed("graphql.parse_query", text)
        let value = ast[.str("Operations")]?[.int(0)]?[.str("SelectionSet")]?[.int(0)]?[.str("Arguments")]?[.int(0)]?[.str("Value")]
        #expect(value == json("{\"Kind\": \(kind), \"Raw\": \(Value.string(raw).jsonText()), \"ExpectedTypeHasDefault\": false}"))
    }

    @Test func anonymousQueryAndEmptyDocument() throws {
        #expect(try GraphQLParserTests.parsed("graphql.parse_query", "{a}") == json(#"{"Operations": [{"Name": "", "Operation": "query", "SelectionSet": [{"Alias": "a", "Name": "a"}]}]}"#))
        #expect(try GraphQLParserTests.parsed("graphql.parse_query", "  # nothing\n") == json("{}"))
        #expect(try GraphQLParserTests.parsed("graphql.parse_schema", "") == json("{}"))
    }

    @Test func schemaObjects() throws {
        let ast = try GraphQLParserTests.parsed(
            "graphql.parse_schema",
            """
            "The root" type Query implements & A & B @x { f("arg doc" a: Int = 1 @y): [String!] }
            enum E { "doc" V @z }
            input I { i: Int = 2 }
            scalar S
            union U = | A | B
            interface A implements B { a: Int }
            directive @x(r: Boolean) repeatable on OBJECT | FIELD
            schema @s { query: Query mutation: M }
            extend schema { subscription: Sub }
            extend union U = C
            """)
        #expect(
            ast
                == json(
                    """
                    {"Definitions": [
                      {"Kind": "OBJECT", "Name": "Query", "Description": "The root", "BuiltIn": false, "Interfaces": ["A", "B"],
                       "Directives": [{"Name": "x", "Location": ""}],
                       "Fields": [{"Name": "f", "Description": "",
                         "Type": {"NamedType": "", "NonNull": false, "Elem": {"NamedType": "String", "NonNull": true}},
                         "Arguments": [{"Name": "a", "Description": "arg doc", "Type": {"NamedType": "Int", "NonNull": false},
                           "DefaultValue": {"Kind": 1, "Raw": "1", "ExpectedTypeHasDefault": false},
                           "Directives": [{"Name": "y", "Location": ""}]}]}]},
                      {"Kind": "ENUM", "Name": "E", "Description": "", "BuiltIn": false,
                       "EnumValues": [{"Name": "V", "Description": "doc", "Directives": [{"Name": "z", "Location": ""}]}]},
                      {"Kind": "INPUT_OBJECT", "Name": "I", "Description": "", "BuiltIn": false,
                       "Fields": [{"Name": "i", "Description": "", "Type": {"NamedType": "Int", "NonNull": false},
                         "DefaultValue": {"Kind": 1, "Raw": "2", "ExpectedTypeHasDefault": false}}]},
                      {"Kind": "SCALAR", "Name": "S", "Description": "", "BuiltIn": false},
                      {"Kind": "UNION", "Name": "U", "Description": "", "BuiltIn": false, "Types": ["A", "B"]},
                      {"Kind": "INTERFACE", "Name": "A", "Description": "", "BuiltIn": false, "Interfaces": ["B"],
                       "Fields": [{"Name": "a", "Description": "", "Type": {"NamedType": "Int", "NonNull": false}}]}],
                     "Directives": [{"Name": "x", "Description": "", "IsRepeatable": true, "Locations": ["OBJECT", "FIELD"],
                       "Arguments": [{"Name": "r", "Description": "", "Type": {"NamedType": "Boolean", "NonNull": false}}]}],
                     "Schema": [{"Description": "", "Directives": [{"Name": "s", "Location": ""}],
                       "OperationTypes": [{"Operation": "query", "Type": "Query"}, {"Operation": "mutation", "Type": "M"}]}],
                     "SchemaExtension": [{"Description": "", "OperationTypes": [{"Operation": "subscription", "Type": "Sub"}]}],
                     "Extensions": [{"Kind": "UNION", "Name": "U", "Description": "", "BuiltIn": false, "Types": ["C"]}]}
                    """))
    }

    // MARK: - Errors

    @Test(arguments: [
        ("{", "Expected Name, found <EOF> in GraphQL string at location 1:2"),
        ("\n  { ...MissingOn }\n  fragment MissingOn Type\n", "Expected \"on\", found Name \"Type\" in GraphQL string at location 3:22"),
        ("{ field: {} }", "Expected Name, found { in GraphQL string at location 1:10"),
        ("notanoperation Foo { field }", "Unexpected Name \"notanoperation\" in GraphQL string at location 1:1"),
        ("...", "Unexpected ... in GraphQL string at location 1:1"),
        ("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }", "Unexpected $ in GraphQL string at location 1:37"),
        ("fragment on on on { on }", "Unexpected Name \"on\" in GraphQL string at location 1:10"),
        ("{ ...on }", "Expected Name, found } in GraphQL string at location 1:9"),
        ("{__typename{...}}", "Expected {, found } in GraphQL string at location 1:16"),
        ("{ a }}", "Unexpected } in GraphQL string at location 1:6"),
        ("query Q", "Expected {, found <EOF> in GraphQL string at location 1:8"),
        ("{}", "expected at least one definition, found } in GraphQL string at location 1:2"),
        ("{ f(a: 'x') }", "Unexpected <Invalid> in GraphQL string at location 1:8"),
        ("{ f(a: \"x) }", "Unexpected <Invalid> in GraphQL string at location 1:13"),
        ("{ a }\r\n{ b c: }", "Expected Name, found } in GraphQL string at location 2:9"),
        ("{ f(a: 1, b) }", "Expected :, found ) in GraphQL string at location 1:12"),
        ("query ($a: [Int) { f }", "Expected ], found ) in GraphQL string at location 1:16"),
    ])
    func queryErrors(text: String, message: String) {
        BuiltinCase("graphql.parse_query", [.str(text)], .builtinError(message)).check()
    }

    @Test(arguments: [
        ("extend type Hello", "Unexpected <EOF> in GraphQL string at location 1:18"),
        ("\n  \"Description\"\n  extend type Hello {\n    world: String\n  }\n", "Unexpected String \"Description\" in GraphQL string at location 2:4"),
        ("\n  extend \"Description\" type Hello {\n    world: String\n  }\n", "Unexpected String \"Description\" in GraphQL string at location 2:11"),
        ("extend schema", "Unexpected <EOF> in GraphQL string at location 1:14"),
        ("enum Hello {}", "expected at least one definition, found } in GraphQL string at location 1:13"),
        ("union Hello = || Wo | Rld", "Expected Name, found | in GraphQL string at location 1:16"),
        ("union Hello = Wo || Rld", "Expected Name, found | in GraphQL string at location 1:19"),
        ("union Hello = | Wo | Rld |", "Expected Name, found <EOF> in GraphQL string at location 1:27"),
        ("\n  input Hello {\n    world(foo: Int): String\n  }\n", "Expected :, found ( in GraphQL string at location 3:10"),
        ("type o{d(g:[", "Expected Name, found <EOF> in GraphQL string at location 1:13"),
        ("\"\"\"\r", "Unexpected <Invalid> in GraphQL string at location 2:1"),
        ("directive @d on NOWHERE", "Unexpected Name \"NOWHERE\" in GraphQL string at location 1:17"),
        ("directive d on FIELD", "Expected @, found Name in GraphQL string at location 1:11"),
        ("type T { f: Int } query { f }", "Unexpected Name \"query\" in GraphQL string at location 1:19"),
        ("type T { f(a: Int = $v): Int }", "Unexpected $ in GraphQL string at location 1:21"),
        ("extend enum E", "Unexpected <EOF> in GraphQL string at location 1:14"),
        // Consuming a malformed token reports the lexer's own message.
        ("schema { \"query: Q }", "Unterminated string. in GraphQL string at location 1:21"),
        ("schema { banana: Q }", "Unexpected Name \"banana\" in GraphQL string at location 1:10"),
    ])
    func schemaErrors(text: String, message: String) {
        BuiltinCase("graphql.parse_schema", [.str(text)], .builtinError(message)).check()
    }

    @Test func operandsMustBeStrings() {
        BuiltinCase("graphql.parse_query", [.int(1)], .typeError("operand 1 must be string but got number")).check()
        BuiltinCase("graphql.parse_schema", [json("{}")], .typeError("operand 1 must be string but got object")).check()
    }
}
