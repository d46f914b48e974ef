import Testing
@testable import Rego

/// glob.match / glob.quote_meta, with cases from OPA's conformance topics globmatch and
/// globquotemeta and gobwas/glob v0.2.3's syntax (the library OPA uses).
@Suite struct GlobTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String
        let delimiters: Value
        let subject: String
        let expected: String
        var testDescription: String { "glob.match(\(pattern.debugDescription), \(delimiters), \(subject.debugDescription))" }
    }

    static func c(_ pattern: String, _ delimiters: [String]?, _ subject: String, _ expected: String) -> Case {
        Case(pattern: pattern, delimiters: delimiters.map { .array($0.map(Value.string)) } ?? .null,
             subject: subject, expected: expected)
    }

    static let cases: [Case] = [
        // conformance
        c("api.**.com", ["."], "api.github.com", "true"),
        c("api.**.com", ["."], "api.cdn.github.com", "true"),
        c("*.github.com", ["."], "api.not-github.com", "false"),
        c("[!abc]at", [], "fat", "true"),
        c("[!abc]at", [], "cat", "false"),
        c("[a-c]at", [], "bat", "true"),
        c("[a-c]at", [], "fat", "false"),
        c("[!a-c]at", [], "bat", "false"),
        c("[!a-c]at", [], "fat", "true"),
        c("?at", [], "fat", "true"),
        c("?at", [], "at", "false"),
        c("?at", ["f"], "bat", "true"),
        c("?at", ["f"], "fat", "false"),
        c("{cat,bat,[fr]at}", [], "cat", "true"),
        c("{cat,bat,[fr]at}", [], "fat", "true"),
        c("{cat,bat,[fr]at}", [], "rat", "true"),
        c("{cat,bat,[fr]at}", [], "at", "false"),
        c("*", ["."], "foo", "true"),
        c("*", ["."], "foo.bar", "false"),
        c("*", nil, "foo.bar", "true"),
        c("foo*", nil, "foo.bar", "true"),
        c("*.github.com", ["."], "api.github.com", "true"),
        c("*.github.com", ["."], "api.example.com", "false"),
        // delimiters: [] means ".", null means none
        c("a*c", [], "a.c", "false"),
        c("a*c", nil, "a.c", "true"),
        // paths with "/" (Airlock's use)
        c("/usr/bin/*", ["/"], "/usr/bin/ls", "true"),
        c("/usr/bin/*", ["/"], "/usr/bin/", "true"),
        c("/usr/bin/*", ["/"], "/usr/bin/x/y", "false"),
        c("/usr/**", ["/"], "/usr/bin/x/y", "true"),
        c("/usr/**/python3*", ["/"], "/usr/local/bin/python3.12", "true"),
        c("/usr/**/python3*", ["/"], "/usr/local/bin/python3/x", "false"),
        c("/opt/*/bin/tool", ["/"], "/opt/a/b/bin/tool", "false"),
        c("*a*a*a*a*a*a*b", ["/"], String(repeating: "a", count: 200), "false"),
        // classes match separators; ? and * do not
        c("a[!x]b", ["/"], "a/b", "true"),
        c("a[/]b", ["/"], "a/b", "true"),
        c("a?b", ["/"], "a/b", "false"),
        // a list, not a range, unless the dash follows the first character
        c("[ab-c]", [], "-", "true"),
        c("[ab-c]", [], "c", "true"),
        c("[ab-c]", [], "bb", "false"),
        // escapes, literals, code points
        c(#"a\*"#, [], "a*", "true"),
        c(#"a\*"#, [], "ab", "false"),
        c("a]b}c,d", [], "a]b}c,d", "true"),
        c("exact", [], "exact", "true"),
        c("exact", [], "exactly", "false"),
        c("?", [], "é", "true"),
        c("??", [], "é", "false"),
        c("[α-ω]*", [], "λx", "true"),
        c("", [], "", "true"),
        c("", [], "a", "false"),
        // alternatives
        c("{a,}b", [], "b", "true"),
        c("{a,b", [], "b", "true"),
        c("x{a,{b,c}d}", [], "xcd", "true"),
        c("x{a,{b,c}d}", [], "xc", "false"),
        c("{*.com,*.org}", ["."], "a.org", "true"),
        // more than 64 NFA states
        c(String(repeating: "ab", count: 40) + "*", [], String(repeating: "ab", count: 40) + "zz", "true"),
        c(String(repeating: "ab", count: 40) + "*", [], String(repeating: "ab", count: 39) + "zz", "false"),
        c("*" + String(repeating: "ab", count: 40), ["/"], "x/" + String(repeating: "ab", count: 40), "false"),
        c("**" + String(repeating: "ab", count: 40), ["/"], "x/" + String(repeating: "ab", count: 40), "true"),
        // pattern errors (gobwas messages)
        c("[", [], "x", "builtin: unexpected end of input"),
        c("[a", [], "x", "builtin: unexpected end of input"),
        c("[]", [], "x", "builtin: could not parse range"),
        c("[!]", [], "x", "builtin: could not parse range"),
        c("[z-a]", [], "x", "builtin: hi character 'a' should be greater than lo 'z'"),
        c("[a-bc]", [], "x", "builtin: expected close range character"),
    ]

    @Test(arguments: cases)
    func match(_ c: Case) {
        #expect(TextBuiltinHarness.outcome("glob.match", [.string(c.pattern), c.delimiters, .string(c.subject)]) == c.expected)
    }

    @Test func operandErrors() {
        #expect(TextBuiltinHarness.outcome("glob.match", [.int(1), .null, .string("x")]) == "type: operand 1 must be string but got number")
        #expect(TextBuiltinHarness.outcome("glob.match", [.string("*"), .string("."), .string("x")]) == "type: operand 2 must be one of {array, null} but got string")
        #expect(TextBuiltinHarness.outcome("glob.match", [.string("*"), .array([.int(1)]), .string("x")]) == "type: operand 2 must be array of strings but got array containing number")
        #expect(TextBuiltinHarness.outcome("glob.match", [.string("*"), .array([.string("ab")]), .string("x")]) == "type: operand 2 must be array of runes but got array containing string")
        #expect(TextBuiltinHarness.outcome("glob.match", [.string("*"), .null, .int(1)]) == "type: operand 3 must be string but got number")
    }

    @Test func quoteMeta() {
        #expect(TextBuiltinHarness.outcome("glob.quote_meta", [.string("*.github.com")]) == #""\\*.github.com""#)
        #expect(TextBuiltinHarness.outcome("glob.quote_meta", [.string(#"[a]{b}?\"#)]) == #""\\[a\\]\\{b\\}\\?\\\\""#)
        let quoted = try! TextBuiltinHarness.call("glob.quote_meta", [.string("a*b?[c]{d}")])!
        #expect(TextBuiltinHarness.outcome("glob.match", [quoted, .null, .string("a*b?[c]{d}")]) == "true")
    }

    @Test func cachedPerDelimiterSet() throws {
        let caches = BuiltinCaches()
        let context = BuiltinContext(strict: true, caches: caches)
        let glob = BuiltinTable.lookup("glob.match")!
        let slash = Value.array([.string("/")])
        #expect(try glob.implementation([.string("a/*"), slash, .string("a/b")], context) == .true)
        #expect(try glob.implementation([.string("a/*"), .null, .string("a/b/c")], context) == .true)
        #expect(try glob.implementation([.string("a/*"), slash, .string("a/b/c")], context) == .false)
        #expect(try glob.implementation([.string("a/*"), .emptyArray, .string("a/b/c")], context) == .true)
    }
}
