import Testing

@testable import Rego

/// Hostile documents: deep nesting, huge texts, long fragment chains and quadratic field
/// comparisons end in errors (or `false`) instead of exhausting the stack, memory or time.
@Suite struct GraphQLLimitsTests {
    static let schema = Value.str("type Query { a: A } type A { a: A b: Int }")

    @Test func deeplyNestedSelectionsAreRefused() {
        let depth = GraphQL.Limits.maxNesting + 10
        let text = String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth)
        BuiltinCase("graphql.parse_query", [.str(text)], .builtinError("GraphQL document nested deeper than")).check()
    }

    @Test func nestingWithinTheLimitParses() throws {
        let depth = GraphQL.Limits.maxNesting - 2
        let text = "{" + String(repeating: " a {", count: depth) + " b" + String(repeating: " }", count: depth + 1)
        #expect(try call("graphql.is_valid", .str(text), GraphQLLimitsTests.schema) == .true)
    }

    @Test func deeplyNestedValuesAndTypesAreRefused() {
        let brackets = GraphQL.Limits.maxNesting + 5
        let list = "{ a(x: " + String(repeating: "[", count: brackets) + String(repeating: "]", count: brackets) + ") }"
        BuiltinCase("graphql.parse_query", [.str(list)], .builtinError("nested deeper than")).check()
        let type = "type T { f: " + String(repeating: "[", count: brackets) + "Int" + String(repeating: "]", count: brackets) + " }"
        BuiltinCase("graphql.parse_schema", [.str(type)], .builtinError("nested deeper than")).check()
    }

    @Test func oversizedDocumentsAreRefused() throws {
        let text = "{ a }" + String(repeating: " ", count: GraphQL.Limits.maxDocumentBytes)
        BuiltinCase("graphql.parse_query", [.str(text)], .builtinError("larger than")).check()
        #expect(try call("graphql.is_valid", .str(text), GraphQLLimitsTests.schema) == .false)
    }

    @Test func deeplyNestedObjectsAreRefused() throws {
        var selection = json(#"{"Name": "b"}"#)
        for _ in 0..<(GraphQL.Limits.maxObjectDepth + 10) {
            selection = .object(RegoObject([("Name", .str("a")), ("SelectionSet", .array([selection]))]))
        }
        let document = Value.object(RegoObject([("Operations", .array([.object(RegoObject([("SelectionSet", .array([selection]))]))]))]))
        #expect(try call("graphql.is_valid", document, GraphQLLimitsTests.schema) == .false)
    }

    @Test func longFragmentChainsStopValidation() throws {
        let count = 2_000
        var text = "{ a { ...F0 } }"
        for i in 0..<count { text += " fragment F\(i) on A { a { ...F\(i + 1) } }" }
        text += " fragment F\(count) on A { b }"
        // Within the validation budget the chain is valid; this one is refused before the walk
        // recurses too deep.
        #expect(try call("graphql.is_valid", .str(text), GraphQLLimitsTests.schema) == .false)
        BuiltinCase("graphql.parse", [.str(text), GraphQLLimitsTests.schema], .builtinError("GraphQL query too complex to validate")).check()
    }

    @Test func quadraticFieldComparisonsStopAtTheBudget() throws {
        // Every pair of the same-named fields is compared: n² steps.
        let text = "{ a {" + String(repeating: " b", count: 3_000) + " } }"
        #expect(try call("graphql.is_valid", .str(text), GraphQLLimitsTests.schema) == .false)
        let modest = "{ a {" + String(repeating: " b", count: 300) + " } }"
        #expect(try call("graphql.is_valid", .str(modest), GraphQLLimitsTests.schema) == .true)
    }

    @Test func suggestionsForLongNamesAreCharged() throws {
        // Suggestions compare names pairwise (quadratic in their length): long near-misses
        // exhaust the budget instead of the processor.
        let long = String(repeating: "x", count: 4_000)
        let fields = (0..<64).map { "\(long)\($0): Int" }.joined(separator: " ")
        let schema = Value.str("type Query { \(fields) }")
        BuiltinCase("graphql.parse", [.str("{ \(long)y }"), schema], .builtinError("GraphQL query too complex to validate")).check()
        // Short names get their suggestions as usual.
        BuiltinCase("graphql.parse", [.str("{ x0y }"), .str("type Query { x0: Int }")], .builtinError("Did you mean \"x0\"?")).check()
    }

    @Test func errorListsAreCapped() throws {
        let text = "{" + (0..<1_500).map { " f\($0)" }.joined() + " }"
        let outcome = Result { () throws(BuiltinError) in try call("graphql.parse", .str(text), GraphQLLimitsTests.schema) }
        guard case .failure(let error) = outcome else {
            Issue.record("graphql.parse accepted unknown fields")
            return
        }
        let reported = error.message.split(separator: "Cannot query field", omittingEmptySubsequences: false).count - 1
        #expect(reported == GraphQL.Validation.maxFailures)
    }

    @Test func manyNamesAreLookedUpWithoutQuadraticCost() throws {
        // Tens of thousands of fields, arguments, variables and fragments: every lookup by name
        // is indexed, so this stays fast where linear searches would take minutes.
        let count = 10_000
        let fields = (0..<count).map { "f\($0): Int" }.joined(separator: " ")
        let arguments = (0..<count).map { "a\($0): Int" }.joined(separator: ", ")
        let schema = Value.str("type Query { \(fields) wide(\(arguments)): Int }")
        #expect(try call("graphql.schema_is_valid", schema) == .true)
        let selections = (0..<count).map { " f\($0)" }.joined()
        #expect(try call("graphql.is_valid", .str("{\(selections) }"), schema) == .true)
        let variables = (0..<count).map { "$v\($0): Int" }.joined(separator: ", ")
        let uses = (0..<count).map { "a\($0): $v\($0)" }.joined(separator: ", ")
        #expect(try call("graphql.is_valid", .str("query Q(\(variables)) { wide(\(uses)) }"), schema) == .true)
        let spreads = (0..<count).map { " ...F\($0)" }.joined()
        let fragments = (0..<count).map { " fragment F\($0) on Query { f\($0) }" }.joined()
        #expect(try call("graphql.is_valid", .str("{\(spreads) }\(fragments)"), schema) == .false)
    }

    @Test func cyclicFragmentsTerminate() throws {
        let text = "{ a { ...X } } fragment X on A { a { ...Y } b } fragment Y on A { ...X a { ...X } }"
        BuiltinCase("graphql.parse", [.str(text), GraphQLLimitsTests.schema], .builtinError("Cannot spread fragment \"X\" within itself via Y")).check()
    }
}
