import Testing
@testable import Rego

/// semver.is_valid / semver.compare, with OPA's conformance cases (semvercompare, semverisvalid)
/// and its internal/semver rules.
@Suite struct SemverTests {
    func compare(_ a: String, _ b: String) -> String {
        TextBuiltinHarness.outcome("semver.compare", [.string(a), .string(b)])
    }

    @Test func compareConformance() {
        #expect(compare("1.0.0", "2.0.0") == "-1")
        #expect(compare("2.0.0", "1.0.0") == "1")
        #expect(compare("1.0.0", "1.0.0") == "0")
        #expect(compare("1", "1.0.0") == #"builtin: operand 1: string "1" is not a valid SemVer"#)
        #expect(compare("1.0.0", "1") == #"builtin: operand 2: string "1" is not a valid SemVer"#)
    }

    @Test(arguments: [
        ("1.0.0-alpha", "1.0.0", "-1"), ("1.0.0-alpha", "1.0.0-alpha.1", "-1"),
        ("1.0.0-alpha.1", "1.0.0-alpha.beta", "-1"), ("1.0.0-alpha.beta", "1.0.0-beta", "-1"),
        ("1.0.0-beta", "1.0.0-beta.2", "-1"), ("1.0.0-beta.2", "1.0.0-beta.11", "-1"),
        ("1.0.0-beta.11", "1.0.0-rc.1", "-1"), ("1.0.0-rc.1", "1.0.0", "-1"),
        ("v1.2.3", "1.2.3", "0"), ("1.2.3+build.1", "1.2.3+build.2", "0"), ("1.10.0", "1.9.0", "1"),
        ("01.2.3", "1.2.3", "0"), ("1.0.0-a-b", "1.0.0-a", "1"), ("1.0.0-B", "1.0.0-a", "-1"),
    ])
    func precedence(_ a: String, _ b: String, _ expected: String) {
        #expect(compare(a, b) == expected)
    }

    @Test(arguments: [
        ("1.0.0", true), ("v1.0.0", true), ("1.0.0-rc.1+build.5", true), ("1.0", false), ("1", false),
        ("1.0.0-", true), ("1.0.0-a..b", false), ("1.0.0+", true), ("1.0.0+a_b", false), ("a.b.c", false),
        ("1.0.0.0", false), ("9223372036854775808.0.0", false), ("+1.2.3", false), ("1.-2.3", false), ("vv1.0.0", false),
    ])
    func validity(_ s: String, _ valid: Bool) {
        #expect(TextBuiltinHarness.outcome("semver.is_valid", [.string(s)]) == (valid ? "true" : "false"))
    }

    @Test func nonStringOperands() {
        #expect(TextBuiltinHarness.outcome("semver.is_valid", [.int(1)]) == "false")
        #expect(TextBuiltinHarness.outcome("semver.compare", [.int(1), .string("1.0.0")]) == "type: operand 1 must be string but got number")
    }
}
