import Testing
@testable import Rego

/// The regex family, with cases from OPA's conformance topics regexmatch, regexisvalid,
/// regexsplit, regexfind, regexfindallstringsubmatch, regexreplace, regexmatchtemplate and
/// globsmatch (the Go oracle table covers syntax and matching in depth).
@Suite struct RegexTests {
    func call(_ name: String, _ args: Value...) -> String { TextBuiltinHarness.outcome(name, args) }
    func s(_ text: String) -> Value { .string(text) }

    @Test func match() {
        #expect(call("regex.match", s(#"^[a-z]+\[[0-9]+\]$"#), s("foo[1]")) == "true")
        #expect(call("regex.match", s("^$"), s("")) == "true")
        #expect(call("regex.match", s(""), s("")) == "true")
        #expect(call("regex.match", s(""), s("x")) == "true")
        #expect(call("regex.match", s("^$"), s("something")) == "false")
        #expect(call("regex.match", s("$^[[["), s("something")) == "builtin: error parsing regexp: missing closing ]: `[[[`")
        #expect(call("regex.match", .int(1), s("x")) == "type: operand 1 must be string but got number")
        #expect(call("regex.match", s("a"), .int(1)) == "type: operand 2 must be string but got number")
    }

    @Test func isValid() {
        #expect(call("regex.is_valid", .int(10)) == "false")
        #expect(call("regex.is_valid", s("++")) == "false")
        #expect(call("regex.is_valid", s(".+")) == "true")
        // Newer Go accepts (?<name>…) and reports lookbehind as a bad named capture.
        #expect(call("regex.is_valid", s("(?<year>[0-9]{4})")) == "true")
        #expect(call("regex.match", s("(?<=a)b"), s("ab")) == "builtin: error parsing regexp: invalid named capture: `(?<=a)b`")
    }

    @Test func split() {
        #expect(call("regex.split", s(#"^[a-z]+\[[0-9]+\]$"#), s("")) == #"[""]"#)
        #expect(call("regex.split", s("^[a-z]+"), s("foobar baz")) == #"["", " baz"]"#)
        #expect(call("regex.split", s("[a-z]+$"), s("foobar baz")) == #"["foobar ", ""]"#)
        #expect(call("regex.split", s("^[a-z]+$"), s("foobar baz")) == #"["foobar baz"]"#)
        #expect(call("regex.split", s("^[a-z ]+$"), s("foobar baz")) == #"["", ""]"#)
        #expect(call("regex.split", s("a"), s("banana")) == #"["b", "n", "n", ""]"#)
        #expect(call("regex.split", s("z+"), s("pizza")) == #"["pi", "a"]"#)
        #expect(call("regex.split", s(""), s("")) == "[]")
    }

    @Test func find() {
        #expect(call("regex.find_n", s("a."), s("paranormal"), .int(2)) == #"["ar", "an"]"#)
        #expect(call("regex.find_n", s("a."), s("paranormal"), .int(0)) == "[]")
        #expect(call("regex.find_n", s(".$"), s("abacadaeaf"), .int(-1)) == #"["f"]"#)
        #expect(call("regex.find_n", s("[abcdef]{2}"), s("abacadaeaf"), .int(-1)) == #"["ab", "ac", "ad", "ae", "af"]"#)
        #expect(call("regex.find_n", s("a"), s("a"), .double(1.5)) == "type: operand 3 must be integer number but got floating-point number")
        #expect(call("regex.find_all_string_submatch_n", s("a(x*)b"), s("-ab-"), .int(-1)) == #"[["ab", ""]]"#)
        #expect(call("regex.find_all_string_submatch_n", s("a(x*)b"), s("-axxb-"), .int(-1)) == #"[["axxb", "xx"]]"#)
        #expect(call("regex.find_all_string_submatch_n", s("a(x*)b"), s("-ab-axb-"), .int(-1)) == #"[["ab", ""], ["axb", "x"]]"#)
        #expect(call("regex.find_all_string_submatch_n", s("a(x*)b"), s("-axxb-ab-"), .int(-1)) == #"[["axxb", "xx"], ["ab", ""]]"#)
        let long = String(repeating: "a", count: 62) + "bc"
        #expect(call("regex.find_all_string_submatch_n", s("^.*$"), s(long), .int(-1)) == "[[\"\(long)\"]]")
    }

    @Test func replace() {
        #expect(call("regex.replace", s("-wy-wxxy-"), s("w(x*)y"), s("0")) == #""-0-0-""#)
        #expect(call("regex.replace", s("foo"), s("["), s("$1")) == "builtin: error parsing regexp: missing closing ]: `[`")
        #expect(call("regex.replace", s("foo"), s("^[a-z]"), s("F")) == #""Foo""#)
        #expect(call("regex.replace", s("foo"), s("^[a-z]$"), s("F")) == #""foo""#)
        #expect(call("regex.replace", s("foo"), s("^[a-z]+$"), s("M")) == #""M""#)
        #expect(call("regex.replace", s("foo"), s("[a-z]$"), s("F")) == #""foF""#)
        #expect(call("regex.replace", s("foo barx"), s("[a-z]{2}"), s("_")) == #""_o __""#)
        #expect(call("regex.replace", s("2024-01-02"), s(#"(?P<y>\d+)-(?P<m>\d+)-(?P<d>\d+)"#), s("$d/$m/${y}")) == #""02/01/2024""#)
        #expect(call("regex.replace", s("abc"), s("b"), s("$1x|$$")) == #""a|$c""#)
    }

    @Test func templateMatch() {
        #expect(call("regex.template_match", s("urn:foo:{.*}"), s("urn:foo:bar:baz"), s("{"), s("}")) == "true")
        #expect(call("regex.template_match", s("urn:foo:<.*>"), s("urn:foo:bar:baz"), s("<"), s(">")) == "true")
        #expect(call("regex.template_match", s("urn:foo.bar:{[0-9]{2}}"), s("urn:foo.bar:12"), s("{"), s("}")) == "true")
        #expect(call("regex.template_match", s("urn:foo.bar:{[0-9]{2}}"), s("urn:fooxbar:12"), s("{"), s("}")) == "false")
        #expect(call("regex.template_match", s("urn:{x"), s("urn:x"), s("{"), s("}")) == #"builtin: unbalanced braces in "urn:{x""#)
        #expect(call("regex.template_match", s("a:{[}"), s("a:x"), s("{"), s("}")) == "builtin: error parsing regexp: missing closing ]: `[$`")
        #expect(call("regex.template_match", s("x"), s("x"), s("{{"), s("}")) == "builtin: start delimiter has to be exactly one character long but is 2 long")
        #expect(call("regex.template_match", s("x"), s("x"), s("{"), s("")) == "builtin: end delimiter has to be exactly one character long but is 1 long")
    }

    @Test func globsMatch() {
        #expect(call("regex.globs_match", s("a.a.[0-9]+z"), s(".b.b2359825792*594823z")) == "true")
        #expect(call("regex.globs_match", s("[a-z]+"), s("[0-9]*")) == "false")
        #expect(call("regex.globs_match", s("pqrs]"), s("[a-b]+")) ==
            "builtin: input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid")
        #expect(call("regex.globs_match", s("b.*"), s("bar")) == "true")
        #expect(call("regex.globs_match", s(#"[a-z]+\[[0-9]+\]"#), s(#"foo\[1\]"#)) == "true")
        #expect(call("regex.globs_match", s(#"[a-z]+\[[0-9]+\]"#), s(#"foo["bar"]"#)) == "false")
        #expect(call("regex.globs_match", s("a**"), s("a")) == "builtin: input:a**, pos:3, flag '*' must be preceded by a non-flag: the input provided is invalid")
        #expect(call("regex.globs_match", s("[a-"), s("a")) == "builtin: input:[a-, pos:3, range character '-' must be followed by a Unicode character: the input provided is invalid")
        #expect(call("regex.globs_match", s("[z-a]"), s("a")) == "builtin: input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: the input provided is invalid")
        #expect(call("regex.globs_match", s("[ab"), s("a")) == "builtin: input:[ab, pos:3, found [ without matching ]: the input provided is invalid")
        #expect(call("regex.globs_match", s(#"ab\"#), s("a")) == #"builtin: input:ab\, pos:2, input ends with a \ (escape) character: the input provided is invalid"#)
    }

    @Test func caseInsensitiveFoldsLikeGo() {
        #expect(call("regex.match", s("(?i)^k$"), s("\u{212A}")) == "true")
        #expect(call("regex.match", s("(?i)^[r-t]$"), s("\u{17F}")) == "true")
        #expect(call("regex.match", s("^k$"), s("\u{212A}")) == "false")
        #expect(call("regex.match", s("(?i)^i$"), s("\u{130}")) == "false")
    }

    @Test func compiledPatternsAreCached() throws {
        let caches = BuiltinCaches()
        let context = BuiltinContext(strict: true, caches: caches)
        let builtin = BuiltinTable.lookup("regex.match")!
        for _ in 0..<3 {
            #expect(try builtin.implementation([.string("^a+$"), .string("aaa")], context) == .true)
        }
        let first = PatternCompilations.of("^a+$", in: caches)
        #expect(first === PatternCompilations.of("^a+$", in: caches))
        guard case .success(let a) = first.regex("^a+$"), case .success(let b) = first.regex("^a+$") else {
            Issue.record("pattern did not compile")
            return
        }
        #expect(a === b)
    }

    @Test func limitsAsGo() {
        let ok = String(repeating: "(", count: 999) + "a" + String(repeating: ")", count: 999)
        #expect(call("regex.match", s(ok), s("a")) == "true")
        let deep = String(repeating: "(", count: 1000) + "a" + String(repeating: ")", count: 1000)
        #expect(call("regex.match", s(deep), s("a")) == "builtin: error parsing regexp: expression nests too deeply: `\(deep)`")
        #expect(call("regex.is_valid", s(String(repeating: "a{1000}", count: 3400))) == "false")
    }

    /// RE2 semantics: no exponential backtracking on nested quantifiers.
    @Test func linearTimeOnPathologicalPatterns() {
        let input = String(repeating: "a", count: 5000) + "b"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(call("regex.match", s("(a+)+$"), s(input)) == "false")
            #expect(call("regex.match", s("(a|aa)*c"), s(input)) == "false")
            #expect(call("regex.find_n", s("(x+x+)+y"), s(String(repeating: "x", count: 2000)), .int(-1)) == "[]")
        }
        #expect(elapsed < .seconds(5))
    }
}
