import Testing

@testable import Rego

/// Schema building and checking (`graphql.schema_is_valid`, and the schema step of
/// `graphql.parse`), with the built-in prelude merged in as gqlparser does.
@Suite struct GraphQLSchemaTests {
    @Test(arguments: [
        "type Query { a: Int }",
        "scalar Hello",
        "input Hello { world: [String!] = [\"x\"] }",
        "interface I { id: ID! } type A implements I { id: ID! name: String }",
        "interface IA { id: ID! } interface IIA implements IA { id: ID! } type A implements IIA & IA { id: ID! }",
        "type A { a: Int } type B { b: Int } union U = A | B",
        "enum E { ALPHA @deprecated(reason: \"old\") BETA }",
        "type T { old: String @deprecated new(arg: Int @deprecated): Int }",
        // Extending a type that does not exist declares it.
        "extend type User { id: ID! } union Entity = User",
        "directive @include(if: Boolean!) on FIELD type Query { a: Int }",
        "schema { query: Root } type Root { a: Int }",
        "type Query { x: Int } directive @d(a: String = \"b\") on SCHEMA extend schema @d",
        "interface I { f(a: Int): I } type T implements I { f(a: Int, b: Int = 1): T }",
        "",
    ])
    func validSchemas(schema: String) throws {
        #expect(try call("graphql.schema_is_valid", .str(schema)) == .true)
    }

    @Test(arguments: [
        ("type Query { a: Nope }", "input:1:17: Undefined type Nope."),
        ("type A { a: Int } type A { b: Int }", "input:1:24: Cannot redeclare type A."),
        ("scalar String", "input:1:8: Cannot redeclare type String."),
        ("extend scalar Int @deprecated", "Directive deprecated is not applicable on SCALAR."),
        ("type A { a: Int } union U = A | Int", "input:1:25: UNION type \"Int\" must be OBJECT."),
        ("union U = Missing", "Undefined type \"Missing\"."),
        ("type A implements I { a: Int }", "input:1:6: Undefined type \"I\"."),
        ("type A implements B { a: Int } type B { b: Int }", "\"B\" is a non interface type OBJECT."),
        ("interface I { f: Int } type A implements I { a: Int }", "For A to implement I it must have a field called f."),
        ("interface I { f: Int! } type A implements I { f: Int }", "For A to implement I the field f must have type Int!."),
        ("interface I { f(a: Int): Int } type A implements I { f: Int }", "For A to implement I the field f must have the same arguments but it is missing a."),
        ("interface I { f(a: Int): Int } type A implements I { f(a: String): Int }", "For A to implement I the field f must have the same arguments but a has the wrong type."),
        ("interface I { f: Int } type A implements I { f(b: Int!): Int }", "For A to implement I any additional arguments on f must be optional or have a default value but b is required."),
        ("interface IA { id: ID! } interface IIA implements IA { id: ID! } type A implements IIA { id: ID! }", "Type A must implement IA because it is implemented by IIA."),
        ("interface A implements B { a: Int } interface B implements A { a: Int }", "Type A cannot implement B because it would create a circular reference."),
        ("enum E { true }", "ENUM E: non-enum value true."),
        ("extend type Hello implements Greeting", "Undefined type \"Greeting\"."),
        ("extend type Hello @deprecated", "OBJECT Hello: must define one or more fields."),
        ("input I { o: O } type O { a: Int }", "input:1:11: OBJECT o: field must be one of SCALAR, ENUM, INPUT_OBJECT."),
        ("type O { i: I } input I { a: Int }", "input:1:10: OBJECT O: field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM."),
        ("type O { f(a: O): Int }", "input:1:12: cannot use O as argument a because OBJECT is not a valid input type"),
        ("type __Bad { a: Int }", "Name \"__Bad\" must not begin with \"__\", which is reserved by GraphQL introspection."),
        ("type O { a: Int a: String }", "input:1:17: Field O.a can only be defined once."),
        ("directive @d on FIELD directive @d on FIELD", "Cannot redeclare directive d."),
        ("schema { query: Q } schema { query: Q } type Q { a: Int }", "Cannot have multiple schema entry points, consider schema extensions instead."),
        ("schema { query: Missing }", "input:1:10: Schema root query refers to a type Missing that does not exist."),
        ("extend schema { mutation: Mutation }", "Schema root mutation refers to a type Mutation that does not exist."),
        ("directive @d(a: Int @d) on ARGUMENT_DEFINITION", "Directive d cannot refer to itself."),
        ("type O { a: Int @nope }", "input:1:18: Undefined directive nope."),
        ("directive @d on FIELD | INCORRECT_LOCATION", "Unexpected Name \"INCORRECT_LOCATION\""),
        ("scalar S extend type S @deprecated", "Cannot extend type S because the base type is a SCALAR, not OBJECT."),
    ])
    func invalidSchemas(schema: String, message: String) throws {
        #expect(try call("graphql.schema_is_valid", .str(schema)) == .false)
        // With an empty query the only possible failure is the schema's.
        let outcome = Result { () throws(BuiltinError) in try call("graphql.parse", .str(""), .str(schema)) }
        guard case .failure(let error) = outcome else {
            Issue.record("graphql.parse accepted \(schema)")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func schemaCheckErrorsName() throws {
        BuiltinCase(
            "graphql.parse", [.str(""), .str("type O { a: Int a: String }")],
            .builtinError("Error in gqlparser SchemaDocument to Schema conversion: input:1:17: Field O.a can only be defined once.")
        ).check()
    }

    @Test func rootOperationTypes() throws {
        let schema = try GraphQL.buildSchema(try GraphQL.parseSchema("type Query { a: Int } type Mutation { b: Int } type Other { c: Int }"))
        #expect(schema.query?.name == "Query")
        #expect(schema.mutation?.name == "Mutation")
        #expect(schema.subscription == nil)
        // The query root answers the introspection entry points.
        #expect(schema.query?.fields.map(\.name) == ["a", "__schema", "__type"])
        // An explicit schema definition turns the conventional names off.
        let explicit = try GraphQL.buildSchema(try GraphQL.parseSchema("schema { query: Other } type Mutation { b: Int } type Other { c: Int }"))
        #expect(explicit.query?.name == "Other")
        #expect(explicit.mutation == nil)
    }

    @Test func preludeTypesAreBuiltIn() throws {
        let schema = try GraphQL.buildSchema(GraphQL.SchemaDocument())
        for name in ["Int", "Float", "String", "Boolean", "ID", "__Schema", "__Type", "__TypeKind", "__Directive"] {
            #expect(schema.types[name]?.builtIn == true, "\(name)")
        }
        #expect(Set(schema.directives.keys) == ["include", "skip", "deprecated", "specifiedBy"])
    }

    @Test func schemaObjectsAreCheckedLikeText() throws {
        let valid = try #require(try call("graphql.parse_schema", .str("type Query { employee(id: String): Employee } type Employee { id: String! }")))
        #expect(try call("graphql.schema_is_valid", valid) == .true)
        let invalid = try #require(try call("graphql.parse_schema", .str("type Mutation { a(p: In!): Out } type Out { f: [Out!]! } input In { f: [Out] }")))
        #expect(try call("graphql.schema_is_valid", invalid) == .false)
        // Objects carry no positions; gqlparser then reports line and column -1.
        BuiltinCase(
            "graphql.parse", [.str(""), invalid],
            .builtinError("input:-1:-1: OBJECT f: field must be one of SCALAR, ENUM, INPUT_OBJECT.")
        ).check()
    }
}
