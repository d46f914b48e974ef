import Testing

@testable import Rego

@Suite struct SetsTests {
    static let s123 = set(json: "[1, 2, 3]")
    static let s234 = set(json: "[2, 3, 4]")
    static let s456 = set(json: "[4, 5, 6]")

    static let cases: [BuiltinCase] = [
        .init("intersection", [set()], .value(set())),
        .init("intersection", [set(set(), set(json: "[1, 2]"))], .value(set())),
        .init("intersection", [set(s123, set(.int(2)))], .value(set(.int(2)))),
        .init("intersection", [set(s123, s234, s456)], .value(set())),
        .init("intersection", [set(s123, s234)], .value(set(json: "[2, 3]"))),
        .init("intersection", [set(.int(1))], .typeError("operand 1 must be set but got number")),
        .init("union", [set()], .value(set())),
        .init("union", [set(set(), set(json: "[1, 2]"))], .value(set(json: "[1, 2]"))),
        .init("union", [set(s123, s234, s456)], .value(set(json: "[1, 2, 3, 4, 5, 6]"))),
        .init("union", [json("[]")], .typeError("operand 1 must be set but got array")),
    ]

    @Test(arguments: cases) func setOperation(_ c: BuiltinCase) { c.check() }
}
