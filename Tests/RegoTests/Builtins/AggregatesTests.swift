import Testing

@testable import Rego

@Suite struct AggregatesTests {
    static let cases: [BuiltinCase] = [
        .init("count", [json("[1, 2, 3, 4]")], .value(.int(4))),
        .init("count", [json("{\"v1\": \"hello\", \"v2\": \"goodbye\"}")], .value(.int(2))),
        .init("count", [set(json: "[1, 2, 3, 4]")], .value(.int(4))),
        .init("count", [.str("åäö")], .value(.int(3))),
        .init("count", [.null], .typeError("operand 1 must be one of {array, object, set, string} but got null")),
        .init("count", [.int(5)], .typeError("operand 1 must be one of {array, object, set, string} but got number")),
        .init("sum", [set(json: "[1, 2, 3, 4]")], .value(.int(10))),
        .init("sum", [json("[49649733057, 1]")], .value(.int(49_649_733_058))),
        .init("sum", [json("[1.5, 2]")], .value(.double(3.5))),
        .init("sum", [json("[]")], .value(.int(0))),
        .init("sum", [json("[1, \"a\"]")], .typeError("operand 1 must be array of numbers but got array containing string")),
        .init("sum", [set(.str("a"))], .typeError("operand 1 must be set of numbers but got set containing string")),
        .init("sum", [.int(1)], .typeError("operand 1 must be one of {set, array} but got number")),
        .init("product", [json("[1, 2, 3, 4]")], .value(.int(24))),
        .init("product", [set(json: "[1, 2, 3, 4]")], .value(.int(24))),
        .init("product", [json("[]")], .value(.int(1))),
        .init("max", [json("[1, 2, 3, 4]")], .value(.int(4))),
        .init("max", [json("[1, \"a\", null]")], .value(.str("a"))),
        .init("max", [json("[]")], .undefined),
        .init("max", [set()], .undefined),
        .init("min", [json("[1, 2, 1, 3, 4]")], .value(.int(1))),
        .init("min", [set(json: "[3, 2]")], .value(.int(2))),
        .init("min", [.str("x")], .typeError("operand 1 must be one of {set, array} but got string")),
        .init("sort", [json("[4, 3, 2, 1]")], .value(json("[1, 2, 3, 4]"))),
        .init("sort", [set(json: "[1, 2, 3, 4]")], .value(json("[1, 2, 3, 4]"))),
        .init("sort", [json("[\"b\", 1, null, [], \"a\"]")], .value(json("[null, 1, \"a\", \"b\", []]"))),
        .init("all", [json("[true, true]")], .value(.true)),
        .init("all", [json("[true, 1]")], .value(.false)),
        .init("all", [json("[]")], .value(.true)),
        .init("any", [set(.false, .true)], .value(.true)),
        .init("any", [json("[]")], .value(.false)),
        .init("any", [.null], .typeError("operand 1 must be one of {array, set} but got null")),
        .init("internal.member_2", [.int(1), json("[1]")], .value(.true)),
        .init("internal.member_2", [.int(1), json("{\"foo\": 1}")], .value(.true)),
        .init("internal.member_2", [.int(1), set(.int(2))], .value(.false)),
        .init("internal.member_2", [.int(1), .str("foo")], .value(.false)),
        .init("internal.member_2", [json("{\"foo\": {\"baz\": 2000}}"), json("[{\"foo\": {\"baz\": 2000}}]")], .value(.true)),
        .init("internal.member_3", [.int(1), .str("two"), json("[\"one\", \"two\"]")], .value(.true)),
        .init("internal.member_3", [.str("foo"), .int(2), json("{\"foo\": 2}")], .value(.true)),
        .init("internal.member_3", [.int(2), .int(2), set(.int(2))], .value(.true)),
        .init("internal.member_3", [.int(1), .str("foo"), .int(1)], .value(.false)),
    ]

    @Test(arguments: cases) func aggregate(_ c: BuiltinCase) { c.check() }
}
