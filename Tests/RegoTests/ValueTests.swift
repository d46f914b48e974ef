import Testing
@testable import Rego

@Suite struct ValueTests {
    @Test func kindsAreOrderedAsOPA() {
        let ordered: [Value] = [.null, .false, .int(1), .string("a"), .array([]), .emptyObject, .emptySet]
        #expect(ordered == ordered.shuffled().sorted())
    }

    @Test func numbersCompareByValue() {
        #expect(Value.int(1) == Value.double(1.0))
        #expect(Set([Value.int(2), Value.double(2.0)]).count == 1)
    }
}
