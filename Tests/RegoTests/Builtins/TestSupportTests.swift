import Testing

@testable import Rego

@Suite struct TestSupportTests {
    static let cases: [BuiltinCase] = [
        .init("test.sleep", [.str("10ms")], .value(.null)),
        .init("test.sleep", [.str("0")], .value(.null)),
        .init("test.sleep", [.str("1h30m")], .value(.null)),
        .init("test.sleep", [.str("ten")], .builtinError(#"time: invalid duration "ten""#)),
        .init("test.sleep", [.int(10)], .typeError("operand 1 must be string but got number")),
    ]

    @Test(arguments: cases) func sleep(_ c: BuiltinCase) { c.check() }

    @Test func sleepingAnHourReturnsAtOnce() throws {
        let start = ContinuousClock.now
        _ = try call("test.sleep", .str("1h"))
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
