import Testing

@testable import Rego

@Suite struct ArraysTests {
    static let cases: [BuiltinCase] = [
        .init("array.concat", [json("[1, 2]"), json("[3, 4]")], .value(json("[1, 2, 3, 4]"))),
        .init("array.concat", [json("[]"), json("[3]")], .value(json("[3]"))),
        .init("array.concat", [json("{}"), json("[3, 4]")], .typeError("operand 1 must be array but got object")),
        .init("array.concat", [json("[1, 2]"), json("{}")], .typeError("operand 2 must be array but got object")),
        .init("array.slice", [json("[1, 2, 3, 4, 5]"), .int(1), .int(3)], .value(json("[2, 3]"))),
        .init("array.slice", [json("[1, 2, 3, 4, 5]"), .int(-4), .int(-1)], .value(json("[]"))),
        .init("array.slice", [json("[1, 2, 3, 4, 5]"), .int(4), .int(1)], .value(json("[]"))),
        .init("array.slice", [json("[1, 2, 3, 4, 5]"), .int(-1), .int(2)], .value(json("[1, 2]"))),
        .init("array.slice", [json("[1, 2, 3, 4, 5]"), .int(3), .int(6)], .value(json("[4, 5]"))),
        .init("array.slice", [json("[]"), .int(1000), .int(2000)], .value(json("[]"))),
        .init("array.slice", [json("[1, 2, 3]"), .int(1000), .int(2000)], .value(json("[]"))),
        .init("array.slice", [json("[1, 2, 3]"), .double(1.5), .int(2)],
              .typeError("operand 2 must be integer number but got floating-point number")),
        .init("array.reverse", [json("[1, 2, 3]")], .value(json("[3, 2, 1]"))),
        .init("array.reverse", [json("[]")], .value(json("[]"))),
        .init("array.flatten", [json("[[1, 2], [3, 4], [5]]")], .value(json("[1, 2, 3, 4, 5]"))),
        .init("array.flatten", [json("[1, 2, [3]]")], .value(json("[1, 2, 3]"))),
        .init("array.flatten", [json("[[[1], [2, 3, []]], [[4, 5]]]")], .value(json("[[1], [2, 3, []], [4, 5]]"))),
        .init("array.flatten", [json("[[1, 2], \"string\", [3, {\"a\": \"b\"}], 4.5, [6, [7, 8]]]")],
              .value(json("[1, 2, \"string\", 3, {\"a\": \"b\"}, 4.5, 6, [7, 8]]"))),
    ]

    @Test(arguments: cases) func array(_ c: BuiltinCase) { c.check() }
}
