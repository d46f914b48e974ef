import Testing

@testable import Rego

@Suite struct BitsTests {
    static let cases: [BuiltinCase] = [
        .init("bits.and", [.int(7), .int(9)], .value(.int(1))),
        .init("bits.and", [.int(50), .int(0)], .value(.int(0))),
        .init("bits.and", [.double(7.2), .int(42)],
              .typeError("operand 1 must be integer number but got floating-point number")),
        .init("bits.and", [.str("7"), .int(42)], .typeError("operand 1 must be integer but got string")),
        .init("bits.or", [.int(7), .int(9)], .value(.int(15))),
        .init("bits.or", [.double(7.2), .int(42)],
              .typeError("operand 1 must be integer number but got floating-point number")),
        .init("bits.xor", [.int(42), .int(3)], .value(.int(41))),
        .init("bits.xor", [.int(42), .int(42)], .value(.int(0))),
        .init("bits.negate", [.int(42)], .value(.int(-43))),
        .init("bits.negate", [.int(-1)], .value(.int(0))),
        .init("bits.negate", [.double(7.2)],
              .typeError("operand 1 must be integer number but got floating-point number")),
        .init("bits.lsh", [.int(1), .int(3)], .value(.int(8))),
        .init("bits.lsh", [.int(2_147_483_647), .int(1)], .value(.int(4_294_967_294))),
        .init("bits.lsh", [.int(-3), .int(2)], .value(.int(-12))),
        .init("bits.lsh", [.int(Int.max), .int(1)], .value(.double(0x1p64))),  // OPA: 18446744073709551614 exactly; doubles round it
        .init("bits.lsh", [.double(7.2), .int(42)],
              .typeError("operand 1 must be integer number but got floating-point number")),
        .init("bits.rsh", [.int(8), .int(3)], .value(.int(1))),
        .init("bits.rsh", [.int(-8), .int(1)], .value(.int(-4))),
        .init("bits.rsh", [.int(-1), .int(100)], .value(.int(-1))),
        .init("bits.rsh", [.int(7), .int(-1)],
              .typeError("operand 2 must be an unsigned integer number but got a negative integer")),
    ]

    @Test(arguments: cases) func bits(_ c: BuiltinCase) { c.check() }
}
