import Testing

@testable import Rego

@Suite struct CastsTests {
    static let cases: [BuiltinCase] = [
        .init("to_number", [.str("-42.0")], .value(.int(-42))),
        .init("to_number", [.false], .value(.int(0))),
        .init("to_number", [.true], .value(.int(1))),
        .init("to_number", [.null], .value(.int(0))),
        .init("to_number", [.double(100.1)], .value(.double(100.1))),
        .init("to_number", [.str("3")], .value(.int(3))),
        .init("to_number", [.str("1e3")], .value(.int(1000))),
        .init("to_number", [.str(".5")], .value(.double(0.5))),
        .init("to_number", [.str("broken")], .builtinError("strconv.ParseFloat: parsing \"broken\": invalid syntax")),
        .init("to_number", [.str("")], .builtinError("invalid syntax")),
        .init("to_number", [.str("1e400")], .builtinError("value out of range")),
        .init("to_number", [.str("inf")], .typeError("operand 1 must be valid number string but got string")),
        .init("to_number", [.str("-inf")], .typeError("valid number string")),
        .init("to_number", [.str("Infinity")], .typeError("valid number string")),
        .init("to_number", [.str("-nan")], .typeError("valid number string")),
        .init("to_number", [.str("-NaN")], .typeError("valid number string")),
        .init("to_number", [.str("iNf")], .typeError("valid number string")),
        .init("to_number", [json("[]")],
              .typeError("operand 1 must be one of {null, boolean, number, string} but got array")),
    ]

    @Test(arguments: cases) func cast(_ c: BuiltinCase) { c.check() }
}
