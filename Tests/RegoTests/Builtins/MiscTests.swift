import Testing

@testable import Rego

@Suite struct MiscTests {
    static let cases: [BuiltinCase] = [
        .init("uuid.parse", [.str("00000000-0000-4000-8000-000000000000")], .value(json("{\"variant\": \"RFC4122\", \"version\": 4}"))),
        .init("uuid.parse", [.str("{00000000-0000-4000-8000-000000000000}")], .value(json("{\"variant\": \"RFC4122\", \"version\": 4}"))),
        .init("uuid.parse", [.str("urn:uuid:00000000-0000-4000-8000-000000000000")], .value(json("{\"variant\": \"RFC4122\", \"version\": 4}"))),
        .init("uuid.parse", [.str("0000000000004000C000000000000000")], .value(json("{\"variant\": \"Microsoft\", \"version\": 4}"))),
        .init("uuid.parse", [.str("38074da4-0b00-388d-9c3c-362de965547a")], .value(json("{\"variant\": \"RFC4122\", \"version\": 3}"))),
        .init("uuid.parse", [.str("000003e8-48b9-21ee-b200-325096b39f47")],
              .value(json("{\"clocksequence\": 12800, \"domain\": \"Person\", \"id\": 1000, \"macvariables\": \"local:unicast\", \"nodeid\": \"32-50-96-b3-9f-47\", \"time\": 1693566990121469600, \"variant\": \"RFC4122\", \"version\": 2}"))),
        .init("uuid.parse", [.str("00000000-0000-4000-8000-00000000000")], .undefined),
        .init("uuid.parse", [.str("00000000x0000-4000-8000-000000000000")], .undefined),
        .init("uuid.parse", [.str("g0000000-0000-4000-8000-000000000000")], .undefined),
        .init("uuid.parse", [.int(123)], .typeError("operand 1 must be string but got number")),
    ]

    @Test(arguments: cases) func misc(_ c: BuiltinCase) { c.check() }

    @Test func rfc4122IsAStableVersion4UUIDPerKeyAndEvaluation() throws {
        let a = try #require(try call("uuid.rfc4122", .str("key"), now: 7))
        #expect(try call("uuid.rfc4122", .str("key"), now: 7) == a)
        #expect(try call("uuid.rfc4122", .str("other"), now: 7) != a)
        #expect(try call("uuid.rfc4122", .str("key"), now: 8) != a)
        let parsed = try #require(try call("uuid.parse", a))
        #expect(parsed == json("{\"variant\": \"RFC4122\", \"version\": 4}"))
        #expect(a.stringValue?.count == 36)
    }
}
