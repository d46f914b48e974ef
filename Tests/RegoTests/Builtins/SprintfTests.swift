import Testing
@testable import Rego

/// sprintf cases from OPA's conformance topics (strings/sprintf, sprintf) and OPA's operand
/// conversion: composite values print in Rego syntax, strings raw, big integers in full.
@Suite struct SprintfTests {
    func sprintf(_ format: String, _ args: [Value]) -> String {
        TextBuiltinHarness.outcome("sprintf", [.string(format), .array(args)])
    }

    @Test func conformanceCases() {
        #expect(sprintf("hi", []) == #""hi""#)
        #expect(sprintf("hi %s", [.string("there")]) == #""hi there""#)
        #expect(sprintf("hi %02d", [.int(5)]) == #""hi 05""#)
        #expect(sprintf("hi %s", [.true]) == #""hi true""#)
        #expect(sprintf("hi %v", [.array([.string("there"), .int(5), .double(3.14)])]) == #""hi [\"there\", 5, 3.14]""#)
        #expect(sprintf("%s", [.double(123456789123456794624)]) == #""123456789123456794624""#)  // exact value of the double
        #expect(sprintf("%s", [.double(1208925819614629174706176)]) == #""1208925819614629174706176""#)
    }

    @Test func compositeValuesUseRegoSyntax() {
        let object = Value.object(RegoObject([("b", .int(1)), ("a", .array([.null, .false]))]))
        #expect(sprintf("%v", [object]) == #""{\"a\": [null, false], \"b\": 1}""#)
        #expect(sprintf("%v", [.set(RegoSet([.int(2), .int(1)]))]) == #""{1, 2}""#)
        #expect(sprintf("%v", [.emptySet]) == #""set()""#)
        #expect(sprintf("%v %v", [.null, .string("raw")]) == #""null raw""#)
        // Non-string values are strings to Go's fmt.
        #expect(sprintf("%d", [.true]) == #""%!d(string=true)""#)
        #expect(sprintf("%q", [.array([.string("a")])]) == #""\"[\\\"a\\\"]\"""#)
    }

    @Test func numbersFollowGoTypes() {
        #expect(sprintf("%d", [.int(42)]) == #""42""#)
        #expect(sprintf("%d", [.double(3.5)]) == #""%!d(float64=3.5)""#)
        // Go prints the bad operand with the directive's flags: precision 2 pads the int.
        #expect(sprintf("%.2f", [.int(1)]) == #""%!f(int=01)""#)
        #expect(sprintf("%.2f", [.double(2.675)]) == #""2.67""#)
        #expect(sprintf("%v", [.double(1e-7)]) == #""1e-07""#)
        // An integral double beyond 64 bits is a *big.Int of the double's exact value.
        #expect(sprintf("%x", [.double(1e30)]) == #""c9f2c9cd04675000000000000""#)
    }

    @Test func goErrorForms() {
        #expect(sprintf("%d %d", [.int(1)]) == #""1 %!d(MISSING)""#)
        #expect(sprintf("x", [.int(1), .string("a")]) == #""x%!(EXTRA int=1, string=a)""#)
        #expect(sprintf("%", []) == #""%!(NOVERB)""#)
        #expect(sprintf("%[3]d", [.int(1)]) == #""%!d(BADINDEX)""#)
        #expect(sprintf("%z", [.int(1)]) == #""%!z(int=1)""#)
    }

    @Test func operandTypes() {
        #expect(TextBuiltinHarness.outcome("sprintf", [.int(1), .emptyArray]) == "type: operand 1 must be string but got number")
        #expect(TextBuiltinHarness.outcome("sprintf", [.string("%v"), .emptySet]) == "type: operand 2 must be array but got set")
    }
}
