import Testing

@testable import Rego

@Suite struct NumbersTests {
    static let cases: [BuiltinCase] = [
        .init("numbers.range", [.int(-2), .int(3)], .value(json("[-2, -1, 0, 1, 2, 3]"))),
        .init("numbers.range", [.int(2), .int(-3)], .value(json("[2, 1, 0, -1, -2, -3]"))),
        .init("numbers.range", [.int(0), .int(0)], .value(json("[0]"))),
        .init("numbers.range", [.int(49_649_733_057), .int(49_649_733_060)],
              .value(json("[49649733057, 49649733058, 49649733059, 49649733060]"))),
        .init("numbers.range", [.double(3.14), .int(4)],
              .typeError("operand 1 must be integer number but got floating-point number")),
        .init("numbers.range", [.int(3), .double(3.14)],
              .typeError("operand 2 must be integer number but got floating-point number")),
        .init("numbers.range", [.str("1"), .int(3)], .typeError("operand 1 must be integer but got string")),
        .init("numbers.range_step", [.int(0), .int(10), .int(2)], .value(json("[0, 2, 4, 6, 8, 10]"))),
        .init("numbers.range_step", [.int(0), .int(-10), .int(2)], .value(json("[0, -2, -4, -6, -8, -10]"))),
        .init("numbers.range_step", [.int(10), .int(3), .int(2)], .value(json("[10, 8, 6, 4]"))),
        .init("numbers.range_step", [.int(2), .int(5), .int(2)], .value(json("[2, 4]"))),
        .init("numbers.range_step", [.int(0), .int(10), json("99999999999999999999")], .value(json("[0]"))),
        .init("numbers.range_step", [.int(0), .int(10), .int(0)],
              .builtinError("numbers.range_step: step must be a positive integer")),
        .init("numbers.range_step", [.int(0), .int(10), .int(-1)], .builtinError("step must be a positive integer")),
        .init("numbers.range", [.int(0), .int(Int.max)], .builtinError("too large")),
        .init("rand.intn", [.str("key"), .int(0)], .value(.int(0))),
        .init("rand.intn", [.str("key"), .double(1.5)],
              .typeError("operand 2 must be integer number but got floating-point number")),
    ]

    @Test(arguments: cases) func numbers(_ c: BuiltinCase) { c.check() }

    @Test func randIsStableWithinAnEvaluationAndBounded() throws {
        let first = try call("rand.intn", .str("key"), .int(100), now: 42)
        for _ in 0..<20 {
            #expect(try call("rand.intn", .str("key"), .int(100), now: 42) == first)
        }
        var seen = Set<Value>()
        for now in 0..<200 {
            let v = try #require(try call("rand.intn", .str("key"), .int(-10), now: now))
            let n = try #require(v.numberValue?.intValue)
            #expect((0..<10).contains(n))
            seen.insert(v)
        }
        #expect(seen.count > 5, "different evaluations draw different numbers")
        #expect(BuiltinTable.lookup("rand.intn")!.isNondeterministic)
    }
}
