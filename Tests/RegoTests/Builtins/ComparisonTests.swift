import Testing

@testable import Rego

@Suite struct ComparisonTests {
    static let cases: [BuiltinCase] = [
        .init("equal", [.int(1), .double(1.0)], .value(.true)),
        .init("equal", [json("[1]"), json("[1.0]")], .value(.true)),
        .init("equal", [json("{\"a\": 1}"), json("{\"a\": 1.0}")], .value(.true)),
        .init("equal", [.int(0), .int(1)], .value(.false)),
        .init("equal", [.str("a"), .int(1)], .value(.false)),
        .init("neq", [.int(0), .int(1)], .value(.true)),
        .init("neq", [.int(0), .int(0)], .value(.false)),
        .init("gt", [.int(1), .int(0)], .value(.true)),
        .init("gt", [.int(1), .int(2)], .value(.false)),
        .init("gte", [.int(1), .int(1)], .value(.true)),
        .init("gte", [.int(1), .int(2)], .value(.false)),
        .init("lt", [.int(-1), .int(0)], .value(.true)),
        .init("lt", [.int(1), .int(-1)], .value(.false)),
        .init("lte", [.int(-1), .int(0)], .value(.true)),
        .init("lte", [.double(2.5), .int(2)], .value(.false)),
        // Different kinds compare by kind: null < boolean < number < string < array < object < set.
        .init("lt", [.null, .false], .value(.true)),
        .init("lt", [.true, .int(0)], .value(.true)),
        .init("lt", [.int(100), .str("")], .value(.true)),
        .init("lt", [.str("z"), json("[]")], .value(.true)),
        .init("lt", [json("[9]"), json("{}")], .value(.true)),
        .init("lt", [json("{\"z\": 1}"), set()], .value(.true)),
        .init("gt", [.str("b"), .str("abc")], .value(.true)),
        .init("lt", [json("[1, 2]"), json("[1, 2, 0]")], .value(.true)),
    ]

    @Test(arguments: cases) func comparison(_ c: BuiltinCase) { c.check() }
}
