import Testing

@testable import Rego

@Suite struct ArithmeticTests {
    static let cases: [BuiltinCase] = [
        .init("plus", [.int(1), .int(2)], .value(.int(3))),
        .init("plus", [.int(49_649_733_057), .int(1)], .value(.int(49_649_733_058))),
        .init("plus", [.double(0.5), .double(0.25)], .value(.double(0.75))),
        .init("plus", [.str("1"), .int(2)], .typeError("operand 1 must be number but got string")),
        .init("minus", [.int(1), .int(2)], .value(.int(-1))),
        .init("minus", [set(json: "[1, 2, 3, 4]"), set(json: "[1, 3]")], .value(set(json: "[2, 4]"))),
        .init("minus", [.int(1), set(.int(1))], .typeError("operand 2 must be number but got set")),
        .init("minus", [set(.int(1)), .int(1)], .typeError("operand 2 must be set but got number")),
        .init("minus", [.str("a"), .int(1)], .typeError("operand 1 must be one of {number, set} but got string")),
        .init("mul", [.int(3), .int(4)], .value(.int(12))),
        .init("mul", [.double(1e6), .int(2)], .value(.int(2_000_000))),
        .init("div", [.int(6), .int(3)], .value(.int(2))),
        .init("div", [.int(1), .int(4)], .value(.double(0.25))),
        .init("div", [.double(1e109), .double(1e100)], .value(.int(1_000_000_000))),
        .init("div", [.int(1), .int(0)], .builtinError("divide by zero")),
        .init("div", [.int(1), .double(0.0)], .builtinError("divide by zero")),
        .init("rem", [.int(7), .int(4)], .value(.int(3))),
        .init("rem", [.int(-7), .int(4)], .value(.int(-3))),
        .init("rem", [.double(1.1), .int(1)], .builtinError("modulo on floating-point number")),
        .init("rem", [.double(1.5), .int(0)], .builtinError("modulo on floating-point number")),
        .init("rem", [.int(1), .int(0)], .builtinError("modulo by zero")),
        .init("rem", [.int(Int.min), .int(-1)], .value(.int(0))),
        .init("abs", [.int(-10)], .value(.int(10))),
        .init("abs", [.double(-1.5)], .value(.double(1.5))),
        .init("round", [.double(1.5)], .value(.int(2))),
        .init("round", [.double(-1.5)], .value(.int(-2))),
        .init("round", [.double(1.4)], .value(.int(1))),
        .init("ceil", [.double(1.01)], .value(.int(2))),
        .init("ceil", [.double(2222.2222222222)], .value(.int(2223))),
        .init("ceil", [.int(1)], .value(.int(1))),
        .init("ceil", [.double(-1.99999)], .value(.int(-1))),
        .init("floor", [.double(1.5)], .value(.int(1))),
        .init("floor", [.double(99.99999)], .value(.int(99))),
        .init("floor", [.double(-1.001)], .value(.int(-2))),
        .init("floor", [.str("x")], .typeError("operand 1 must be number but got string")),
        .init("and", [set(json: "[1, 2, 3]"), set(json: "[2, 3, 4]")], .value(set(json: "[2, 3]"))),
        .init("and", [set(json: "[1]"), set(json: "[2]")], .value(set())),
        .init("or", [set(json: "[1, 2]"), set(json: "[2, 4]")], .value(set(json: "[1, 2, 4]"))),
        .init("or", [set(), json("[]")], .typeError("operand 2 must be set but got array")),
    ]

    @Test(arguments: cases) func arithmetic(_ c: BuiltinCase) { c.check() }
}
