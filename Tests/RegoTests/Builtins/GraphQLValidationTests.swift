import Testing

@testable import Rego

/// Query validation (gqlparser's rules) through `graphql.parse`, `graphql.is_valid` and
/// `graphql.parse_and_verify`. Messages are gqlparser's, cut apart as OPA does: the first
/// error's location moves to the end and a final period is dropped (only when the message
/// ends with one; later errors stay in the text).
@Suite struct GraphQLValidationTests {
    static let schema = """
        interface Pet { name(surname: Boolean): String }
        enum DogCommand { SIT HEEL DOWN }
        type Dog implements Pet {
          name(surname: Boolean): String
          nickname: String
          barkVolume: Int
          doesKnowCommand(dogCommand: DogCommand): Boolean
          isHouseTrained(atOtherHomes: Boolean = true): Boolean
        }
        type Cat implements Pet { name(surname: Boolean): String meows: Boolean }
        union CatOrDog = Cat | Dog
        input ComplexInput { requiredField: Boolean! intField: Int }
        type ComplicatedArgs {
          intArgField(intArg: Int): String
          floatArgField(floatArg: Float): String
          idArgField(idArg: ID): String
          complexArgField(complexArg: ComplexInput): String
          multipleReqs(req1: Int!, req2: Int!): String
          defaulted(x: Int! = 3): String
          stringListArgField(stringListArg: [String]): String
        }
        type Query { dog: Dog pet: Pet catOrDog: CatOrDog complicatedArgs: ComplicatedArgs }
        type Subscription { a: String b: String }
        """

    @Test(arguments: [
        "{ dog { name nickname } }",
        "{ dog { name(surname: true) ...on Dog { barkVolume } } }",
        "query Q($c: DogCommand = SIT) { dog { doesKnowCommand(dogCommand: $c) } }",
        "query Q($f: Boolean!) { dog { ...F } } fragment F on Dog { name @include(if: $f) }",
        "{ pet { __typename ... on Dog { nickname } ... on Cat { meows } } }",
        "{ catOrDog { ... on Dog { name } } }",
        "{ complicatedArgs { floatArgField(floatArg: 1) idArgField(idArg: 1) } }",
        "{ complicatedArgs { stringListArgField(stringListArg: \"one\") } }",
        "{ complicatedArgs { complexArgField(complexArg: {requiredField: false, intField: null}) } }",
        // A position with a default accepts a nullable variable.
        "query Q($x: Int) { complicatedArgs { defaulted(x: $x) } }",
        // Different object types never merge, so their fields may differ.
        "{ pet { ... on Dog { name: nickname } ... on Cat { name } } }",
        "{ __schema { types { name } } __type(name: \"Dog\") { fields { name } } }",
        "subscription S { a }",
        "",
    ])
    func validQueries(query: String) throws {
        #expect(try call("graphql.is_valid", .str(query), .str(GraphQLValidationTests.schema)) == .true)
        let parsed = try #require(try call("graphql.parse", .str(query), .str(GraphQLValidationTests.schema)))
        #expect(parsed[.int(0)] == (try call("graphql.parse_query", .str(query))))
        #expect(parsed[.int(1)] == (try call("graphql.parse_schema", .str(GraphQLValidationTests.schema))))
    }

    @Test(arguments: [
        ("{ dog { nam } }", "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?\n in GraphQL query string at location 1:9"),
        ("{ pet { nickname } }", "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Dog\"?\n in GraphQL query string at location 1:9"),
        ("{ dog { ... on Int { x } } }", "Cannot query field \"x\" on type \"Int\".\ninput:1:13: Fragment cannot condition on non composite type \"Int\" in GraphQL query string at location 1:22"),
        ("{ dog { doesKnowCommand(dogComand: SIT) } }", "Unknown argument \"dogComand\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"?\n in GraphQL query string at location 1:9"),
        ("{ dog @skip(iff: true) { name } }", "Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?\ninput:1:8: Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided in GraphQL query string at location 1:8"),
        ("{ dog @unknown { name } }", "Unknown directive \"@unknown\" in GraphQL query string at location 1:8"),
        ("query @skip(if: true) { dog { name } }", "Directive \"@skip\" may not be used on QUERY in GraphQL query string at location 1:8"),
        ("{ dog { ...Missing } }", "Unknown fragment \"Missing\" in GraphQL query string at location 1:12"),
        ("mutation { x }", "Schema does not support operation type \"mutation\"\n in GraphQL query string at location 1:1"),
        ("query Q($a: Foo) { dog { name } }", "Unknown type \"Foo\".\ninput:1:9: Variable \"$a\" is never used in operation \"Q\" in GraphQL query string at location 1:9"),
        ("{ dog { name } } query B { dog { name } }", "This anonymous operation must be the only defined operation in GraphQL query string at location 1:1"),
        ("{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...A }", "Cannot spread fragment \"A\" within itself via B in GraphQL query string at location 1:68"),
        ("query Q { dog { doesKnowCommand(dogCommand: $x) } }", "Variable \"$x\" is not defined by operation \"Q\" in GraphQL query string at location 1:45"),
        ("{ dog { doesKnowCommand(dogCommand: $x) } }", "Variable \"$x\" is not defined in GraphQL query string at location 1:37"),
        ("{ dog { name } } fragment Unused on Dog { name }", "Fragment \"Unused\" is never used in GraphQL query string at location 1:18"),
        ("query Q($x: Int) { dog { name } }", "Variable \"$x\" is never used in operation \"Q\" in GraphQL query string at location 1:9"),
        ("query ($x: Int) { dog { name } }", "Variable \"$x\" is never used in GraphQL query string at location 1:8"),
        ("{ dog { name: nickname name } }", "Fields \"name\" conflict because nickname and name are different fields. Use different aliases on the fields to fetch both if this was intentional in GraphQL query string at location 1:24"),
        ("{ dog { name(surname: true) name(surname: false) } }", "Fields \"name\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional in GraphQL query string at location 1:29"),
        ("{ dog { x: name x: barkVolume } }", "Fields \"x\" conflict because name and barkVolume are different fields"),
        ("{ pet { ... on Dog { x: barkVolume } ... on Cat { x: name } } }", "Fields \"x\" conflict because they return conflicting types Int and String"),
        ("{ dog { ...F } dog { name: nickname } } fragment F on Dog { name }", "Fields \"dog\" conflict because subfields \"name\" conflict because nickname and name are different fields. Use different aliases on the fields to fetch both if this was intentional in GraphQL query string at location 1:16"),
        ("{ dog { ... on Cat { meows } } }", "Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\" in GraphQL query string at location 1:13"),
        ("{ dog { ...C } } fragment C on Cat { meows }", "Fragment \"C\" cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\" in GraphQL query string at location 1:12"),
        ("{ complicatedArgs { multipleReqs(req1: 1) } }", "Field \"multipleReqs\" argument \"req2\" of type \"Int!\" is required, but it was not provided in GraphQL query string at location 1:21"),
        ("{ dog }", "Field \"dog\" of type \"Dog\" must have a selection of subfields. Did you mean \"dog { ... }\"?\n in GraphQL query string at location 1:3"),
        ("{ dog { barkVolume { x } } }", "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields in GraphQL query string"),
        ("subscription { a b }", "Anonymous Subscription must select only one top level field in GraphQL query string at location 1:18"),
        ("subscription S { __typename }", "Subscription \"S\" must not select an introspection top level field in GraphQL query string at location 1:18"),
        ("{ dog { doesKnowCommand(dogCommand: SIT, dogCommand: HEEL) } }", "There can be only one argument named \"dogCommand\" in GraphQL query string at location 1:42"),
        ("{ dog @skip(if: true) @skip(if: false) { name } }", "The directive \"@skip\" can only be used once at this location in GraphQL query string at location 1:24"),
        ("fragment F on Dog { name } fragment F on Dog { name } { dog { ...F } }", "There can be only one fragment named \"F\" in GraphQL query string at location 1:28"),
        ("{ complicatedArgs { complexArgField(complexArg: {requiredField: true, requiredField: false}) } }", "There can be only one input field named \"requiredField\" in GraphQL query string at location 1:71"),
        ("query A { dog { name } } query A { dog { name } }", "There can be only one operation named \"A\" in GraphQL query string at location 1:26"),
        ("query Q($a: Int, $a: Int) { complicatedArgs { intArgField(intArg: $a) } }", "There can be only one variable named \"$a\" in GraphQL query string at location 1:18"),
        ("{ complicatedArgs { intArgField(intArg: \"3\") } }", "Int cannot represent non-integer value: \"3\"\n in GraphQL query string at location 1:42"),
        ("{ complicatedArgs { intArgField(intArg: 3.5) } }", "Int cannot represent non-integer value: 3.5\n in GraphQL query string"),
        ("{ complicatedArgs { intArgField(intArg: 829384293849283498239482938) } }", "Int cannot represent non 32-bit signed integer value: 829384293849283498239482938\n in GraphQL query string at location 1:41"),
        ("{ complicatedArgs { floatArgField(floatArg: true) } }", "Float cannot represent non numeric value: true"),
        ("{ complicatedArgs { idArgField(idArg: 1.0) } }", "ID cannot represent a non-string and non-integer value: 1.0"),
        ("{ dog { name(surname: \"yes\") } }", "Boolean cannot represent a non boolean value: \"yes\""),
        ("{ dog { doesKnowCommand(dogCommand: sit) } }", "Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"?\n in GraphQL query string at location 1:37"),
        ("{ dog { doesKnowCommand(dogCommand: \"SIT\") } }", "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"?\n in GraphQL query string at location 1:38"),
        ("{ dog { doesKnowCommand(dogCommand: 2) } }", "Enum \"DogCommand\" cannot represent non-enum value: 2 in GraphQL query string"),
        ("{ complicatedArgs { multipleReqs(req1: null, req2: 1) } }", "Expected value of type \"Int!\", found null in GraphQL query string"),
        ("{ complicatedArgs { complexArgField(complexArg: {intField: 3}) } }", "Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not provided in GraphQL query string at location 1:49"),
        ("{ complicatedArgs { complexArgField(complexArg: {requiredField: true, nope: 1}) } }", "Field \"nope\" is not defined by type \"ComplexInput\" in GraphQL query string at location 1:71"),
        ("query Q($a: Dog) { dog { name } }", "Variable \"$a\" cannot be non-input type \"Dog\" in GraphQL query string at location 1:9"),
        ("query Q($a: String) { complicatedArgs { intArgField(intArg: $a) } }", "Variable \"$a\" of type \"String\" used in position expecting type \"Int\" in GraphQL query string at location 1:61"),
        ("query Q($a: Int) { complicatedArgs { multipleReqs(req1: $a, req2: 1) } }", "Variable \"$a\" of type \"Int\" used in position expecting type \"Int!\" in GraphQL query string at location 1:57"),
        ("{ complicatedArgs { stringListArgField(stringListArg: [\"one\", 2]) } }", "String cannot represent a non string value: 2\n in GraphQL query string at location 1:63"),
    ])
    func invalidQueries(query: String, message: String) throws {
        let schema = Value.str(GraphQLValidationTests.schema)
        BuiltinCase("graphql.parse", [.str(query), schema], .builtinError(message)).check()
        #expect(try call("graphql.is_valid", .str(query), schema) == .false)
        #expect(try call("graphql.parse_and_verify", .str(query), schema) == json("[false, {}, {}]"))
    }

    @Test func verifiedDocumentsComeBackEncodedBeforeValidation() throws {
        let query = "query Q($f: Boolean!) { dog @include(if: $f) { name } }"
        let result = try #require(try call("graphql.parse_and_verify", .str(query), .str(GraphQLValidationTests.schema)))
        #expect(result[.int(0)] == .true)
        // Validation marks the variable used and fills in expected types on the nodes; the
        // returned objects are encoded before that, as OPA does.
        let operation = result[.int(1)]?[.str("Operations")]?[.int(0)]
        #expect(operation?[.str("VariableDefinitions")]?[.int(0)]?[.str("Used")] == .false)
        let argument = operation?[.str("SelectionSet")]?[.int(0)]?[.str("Directives")]?[.int(0)]?[.str("Arguments")]?[.int(0)]
        #expect(argument?[.str("Value")] == json(#"{"Kind": 0, "Raw": "f", "ExpectedTypeHasDefault": false}"#))
        #expect(result[.int(2)] == (try call("graphql.parse_schema", .str(GraphQLValidationTests.schema))))
    }

    @Test func parseErrorsAndSchemaErrorsComeFirst() {
        let schema = Value.str(GraphQLValidationTests.schema)
        BuiltinCase("graphql.parse", [.str("{"), schema], .builtinError("Expected Name, found <EOF> in GraphQL string at location 1:2")).check()
        BuiltinCase(
            "graphql.parse", [.str("{ a }"), .str("type Query { a: Nope }")],
            .builtinError("Error in gqlparser SchemaDocument to Schema conversion: input:1:17: Undefined type Nope.")
        ).check()
    }

    @Test func wrongOperandKinds() throws {
        let schema = Value.str(GraphQLValidationTests.schema)
        // OPA numbers these operands from zero.
        BuiltinCase("graphql.parse", [.int(1), schema], .typeError("operand 0 must be one of {string, object} but got number")).check()
        BuiltinCase("graphql.parse", [.str("{ dog { name } }"), .bool(true)], .typeError("operand 1 must be one of {string, object} but got boolean")).check()
        #expect(try call("graphql.is_valid", .int(1), schema) == .false)
        #expect(try call("graphql.parse_and_verify", .str("{ dog { name } }"), .null) == json("[false, {}, {}]"))
        #expect(try call("graphql.schema_is_valid", .emptyArray) == .false)
    }
}
