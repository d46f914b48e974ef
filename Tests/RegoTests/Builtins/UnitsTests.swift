import Testing
@testable import Rego

/// units.parse / units.parse_bytes, with the cases of OPA's conformance topic units.
@Suite struct UnitsTests {
    func parse(_ s: String) -> String { TextBuiltinHarness.outcome("units.parse", [.string(s)]) }
    func bytes(_ s: String) -> String { TextBuiltinHarness.outcome("units.parse_bytes", [.string(s)]) }

    /// Compares as numbers: values beyond 64 bits are doubles, whose printed digits are not ours.
    func same(_ name: String, _ input: String, _ expected: String) -> Bool {
        guard let v = try? TextBuiltinHarness.call(name, [.string(input)]) else { return false }
        return v == .number(Number(literal: expected)!)
    }

    @Test(arguments: [
        ("0.0005K", "0.5"), ("0.0000005M", "0.5"), ("1234k", "1234000"), ("1g", "1000000000"),
        ("1024", "1024"), ("1Ki", "1024"), ("2Mi", "2097152"), ("3Mi", "3145728"), ("3M", "3000000"),
        ("4.1Mi", "4299161.6"), ("128Gi", "137438953472"), ("\"100TI\"", "109951162777600"), ("0.0", "0"),
        (".0", "0"), ("12345", "12345"), ("10KI", "10240"), ("10k", "10000"), ("10Ki", "10240"),
        ("200M", "200000000"), ("300Gi", "322122547200"), ("1.1K", "1100"), ("1.1Ki", "1126.4"),
        (".5K", "500"), ("100K", "100000"), ("100Ki", "102400"), ("100m", "0.1"), ("100M", "100000000"),
        ("100Mi", "104857600"), ("100g", "100000000000"), ("100gi", "107374182400"),
        ("100t", "100000000000000"), ("100T", "100000000000000"), ("100ti", "109951162777600"),
        ("100Ti", "109951162777600"), ("100p", "100000000000000000"), ("100P", "100000000000000000"),
        ("100pi", "112589990684262400"), ("100Pi", "112589990684262400"), ("10e", "10000000000000000000"),
        ("10E", "10000000000000000000"), ("10ei", "11529215046068469760"), ("1e10", "10000000000"),
        ("2.5e3K", "2500000"), ("1e3M", "1000000000"), ("4E2G", "400000000000"), ("5e1Gi", "53687091200"),
        ("1e-2", "0.01"), ("6e3Mi", "6291456000"), ("5E", "5000000000000000000"), ("42", "42"),
        ("-3.5E2m", "-0.35"), ("1G", "1000000000"), ("1m", "0.001"), ("1.23456789012345m", "0.0012345679"),
    ])
    func parseValues(_ input: String, _ expected: String) {
        #expect(same("units.parse", input, expected), "\(parse(input))")
    }

    @Test func parseErrors() {
        #expect(parse("") == "builtin: units.parse: no amount provided")
        #expect(parse("foo") == "builtin: units.parse: no amount provided")
        #expect(parse("0.0.0") == "builtin: units.parse: could not parse amount to a number")
        #expect(parse("100 k") == "builtin: units.parse: spaces not allowed in resource strings")
        #expect(parse(" 327Mi ") == "builtin: units.parse: spaces not allowed in resource strings")
        #expect(parse("10kb") == "builtin: units.parse: unit kb not recognized")
        #expect(parse("10MB") == "builtin: units.parse: unit Mb not recognized")
        #expect(parse("1e1234567") == "builtin: units.parse: exponent too large")
        #expect(TextBuiltinHarness.outcome("units.parse", [.int(1)]) == "type: operand 1 must be string but got number")
    }

    @Test(arguments: [
        ("8kb", "8000"), ("1234kb", "1234000"), ("1024", "1024"), ("1KiB", "1024"), ("2MiB", "2097152"),
        ("2Mi", "2097152"), ("3MB", "3000000"), ("4.1Mi", "4299161"), ("128Gi", "137438953472"),
        ("\"100TIB\"", "109951162777600"), ("0", "0"), ("0.0", "0"), (".0", "0"), ("12345", "12345"),
        ("10KIB", "10240"), ("10Kib", "10240"), ("300GiB", "322122547200"), ("1.1KB", "1100"),
        ("100k", "100000"), ("100kb", "100000"), ("100ki", "102400"), ("100m", "100000000"),
        ("100mb", "100000000"), ("100mi", "104857600"), ("100g", "100000000000"), ("100gb", "100000000000"),
        ("100gi", "107374182400"), ("100gib", "107374182400"), ("100t", "100000000000000"),
        ("100tb", "100000000000000"), ("100ti", "109951162777600"), ("100tib", "109951162777600"),
        ("100p", "100000000000000000"), ("100pb", "100000000000000000"), ("10e", "10000000000000000000"),
        ("10eb", "10000000000000000000"), ("10ei", "11529215046068469760"), ("10eib", "11529215046068469760"),
        ("1e3KB", "1000000"), ("4.5e1GiB", "48318382080"), ("5e6", "5000000"), ("7.5e1TiB", "82463372083200"),
        ("5E", "5000000000000000000"), ("2e2GiB", "214748364800"), ("-1.5kb", "-1500"), ("0.9", "0"),
    ])
    func bytesValues(_ input: String, _ expected: String) {
        #expect(same("units.parse_bytes", input, expected), "\(bytes(input))")
    }

    @Test func bytesErrors() {
        #expect(bytes("") == "builtin: units.parse_bytes: no byte amount provided")
        #expect(bytes("GB") == "builtin: units.parse_bytes: no byte amount provided")
        #expect(bytes("foo") == "builtin: units.parse_bytes: no byte amount provided")
        #expect(bytes("0.0.0") == "builtin: units.parse_bytes: could not parse byte amount to a number")
        #expect(bytes(".5.2") == "builtin: units.parse_bytes: could not parse byte amount to a number")
        #expect(bytes("100 kb") == "builtin: units.parse_bytes: spaces not allowed in resource strings")
        #expect(bytes(" 327MiB ") == "builtin: units.parse_bytes: spaces not allowed in resource strings")
        #expect(bytes("12xb") == "builtin: units.parse_bytes: byte unit xb not recognized")
    }

    @Test func comparisonsFromConformance() throws {
        func n(_ name: String, _ s: String) throws -> Value { try TextBuiltinHarness.call(name, [.string(s)])! }
        #expect(try n("units.parse_bytes", "8kb") > n("units.parse_bytes", "7kb"))
        #expect(try n("units.parse_bytes", "3MiB") > n("units.parse_bytes", "3MB"))
        #expect(try n("units.parse", "4.1Mi") > n("units.parse", "4Mi"))
        #expect(try n("units.parse", "0.0005K") == .double(0.5))
        #expect(try n("units.parse", "1.1Ki") == .double(1126.4))
        #expect(try n("units.parse", "-3.5E2m") == .double(-0.35))
        #expect(try n("units.parse", "1e-2") == .double(0.01))
        #expect(try n("units.parse", "1G").jsonText() == "1000000000")
    }
}
