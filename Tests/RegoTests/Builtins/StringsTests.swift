import Testing
@testable import Rego

/// The strings family, with cases from OPA's conformance topics strings, trim*, replacen and
/// OPA's strings.go (messages, code-point indexing, Go's byte-wise comparisons).
@Suite struct StringsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let args: [Value]
        let expected: String
        init(_ name: String, _ args: [Value], _ expected: String) {
            self.name = name
            self.args = args
            self.expected = expected
        }
        var testDescription: String { "\(name)(\(args.map(\.description).joined(separator: ", ")))" }
    }

    static func s(_ text: String) -> Value { .string(text) }
    static func strings(_ items: String...) -> Value { .array(items.map(Value.string)) }

    static let cases: [Case] = [
        // concat
        Case("concat", [s("/"), strings("a", "b")], #""a/b""#),
        Case("concat", [s(","), .set(RegoSet(["3", "1", "2"].map(Value.string)))], #""1,2,3""#),
        Case("concat", [s(","), .emptyArray], #""""#),
        Case("concat", [s(","), strings("only")], #""only""#),
        Case("concat", [s(","), .array([.string("a"), .int(1)])],
             "type: operand 2 must be array of strings but got array containing number"),
        Case("concat", [s(","), .set(RegoSet([.int(1)]))],
             "type: operand 2 must be set of strings but got set containing number"),
        Case("concat", [s(","), .int(1)], "type: operand 2 must be one of {set, array} but got number"),
        Case("concat", [.int(1), strings("a")], "type: operand 1 must be string but got number"),
        // contains / startswith / endswith (bytes, not canonical equivalence)
        Case("contains", [s("abcdefgh"), s("defg")], "true"),
        Case("contains", [s("abc"), s("")], "true"),
        Case("contains", [s("e\u{301}"), s("é")], "false"),
        Case("startswith", [s("abcdefgh"), s("bcd")], "false"),
        Case("startswith", [s("abcdefgh"), s("abc")], "true"),
        Case("endswith", [s("abcdefgh"), s("fgh")], "true"),
        Case("endswith", [s("é"), s("\u{301}")], "false"),
        Case("startswith", [s("x"), .int(1)], "type: operand 2 must be string but got number"),
        // lower / upper (Go's simple case mapping)
        Case("lower", [s("AbCdEf")], #""abcdef""#),
        Case("upper", [s("AbCdEf")], #""ABCDEF""#),
        Case("upper", [s("straße")], #""STRAßE""#),
        Case("lower", [s("İSTANBUL")], #""istanbul""#),
        Case("upper", [s("ǆ ß ﬁ")], #""Ǆ ß ﬁ""#),
        Case("lower", [s("ÅÄÖ")], #""åäö""#),
        // split
        Case("split", [s(""), s(".")], #"[""]"#),
        Case("split", [s("test"), s("")], #"["t", "e", "s", "t"]"#),
        Case("split", [s(""), s("")], "[]"),
        Case("split", [s("foo"), s(".")], #"["foo"]"#),
        Case("split", [s("foo.bar.baz"), s(".")], #"["foo", "bar", "baz"]"#),
        Case("split", [s("a::b::"), s("::")], #"["a", "b", ""]"#),
        Case("split", [s("åäö"), s("")], #"["å", "ä", "ö"]"#),
        // replace / strings.replace_n
        Case("replace", [s(""), s("hi"), s("bye")], #""""#),
        Case("replace", [s("foo.bar.baz"), s("."), s(",")], #""foo,bar,baz""#),
        Case("replace", [s("foo...bar"), s(".."), s(",,")], #""foo,,.bar""#),
        Case("replace", [s("ab"), s(""), s("X")], #""XaXbX""#),
        Case("strings.replace_n", [.object(RegoObject([("<", .string("&lt;")), (">", .string("&gt;"))])), s("This is <b>HTML</b>!")],
             #""This is \u0026lt;b\u0026gt;HTML\u0026lt;/b\u0026gt;!""#),
        Case("strings.replace_n", [.object(RegoObject([("f", .string("x")), ("foo", .string("xxx"))])), s("foobar")], #""xoobar""#),
        Case("strings.replace_n", [.object(RegoObject([("old1", .string("new1")), ("old2", .string("new2"))])), s("Everything is new1, new2")],
             #""Everything is new1, new2""#),
        Case("strings.replace_n", [.object(RegoObject([("foo", .string("baz"))])), .int(100)], "type: operand 2 must be string but got number"),
        Case("strings.replace_n", [.object(RegoObject([("foo", .int(1))])), s("foo")], "type: operand 1 non-string value found in pattern object"),
        Case("strings.replace_n", [.object(RegoObject([(Value.int(1), Value.string("x"))])), s("foo")], "type: operand 1 non-string key found in pattern object"),
        Case("strings.replace_n", [s("x"), s("foo")], "type: operand 1 must be object but got string"),
        // substring (code points)
        Case("substring", [s("abcdefgh"), .int(2), .int(3)], #""cde""#),
        Case("substring", [s("åäö"), .int(0), .int(2)], #""åä""#),
        Case("substring", [s("abcdefgh"), .int(2), .int(-1)], #""cdefgh""#),
        Case("substring", [s("aåäö"), .int(2), .int(-1)], #""äö""#),
        Case("substring", [s("abcdefghåäö"), .int(2), .int(10000)], #""cdefghåäö""#),
        Case("substring", [s("åäö"), .int(-1), .int(-1)], "builtin: negative offset"),
        Case("substring", [s("aaa"), .int(3), .int(-1)], #""""#),
        Case("substring", [s("åäö"), .int(3), .int(-1)], #""""#),
        Case("substring", [s("åäö"), .int(4), .int(-1)], #""""#),
        Case("substring", [s("åäö"), .int(1), .int(0)], #""""#),
        Case("substring", [s("abc"), .int(1), .int(Int.max)], #""bc""#),
        Case("substring", [s("abc"), .double(1.5), .int(1)], "type: operand 2 must be integer number but got floating-point number"),
        // indexof / indexof_n (code points)
        Case("indexof", [s("abcdefgh"), s("cde")], "2"),
        Case("indexof", [s("abcabcabcdefgh"), s("cde")], "8"),
        Case("indexof", [s("abcdefgh"), s("xyz")], "-1"),
        Case("indexof", [s("μ"), s("μμ")], "-1"),
        Case("indexof", [s("skön var våren"), s("vår")], "9"),
        Case("indexof", [s("🍧🍨🧁🍰🍮"), s("🍮")], "4"),
        Case("indexof", [s("🍧🍨🧁🍰🍮"), s("🍧🍨🧁🍰🍮")], "0"),
        Case("indexof", [s("abc"), s("")], "builtin: empty search character"),
        Case("indexof_n", [s("dogcat"), s("cat")], "[3]"),
        Case("indexof_n", [s("dogcatdogcat"), s("cat")], "[3, 9]"),
        Case("indexof_n", [s("dogcat"), s("rabbit")], "[]"),
        Case("indexof_n", [s("😇😀😇😀😇😀"), s("😀")], "[1, 3, 5]"),
        Case("indexof_n", [s("aaaa"), s("aa")], "[0, 1, 2]"),
        Case("indexof_n", [s("a"), s("")], "builtin: empty search character"),
        // trim family
        Case("trim", [s(""), s(".")], #""""#),
        Case("trim", [s("foo.bar..."), s(".")], #""foo.bar""#),
        Case("trim", [s("...foo.bar..."), s(".")], #""foo.bar""#),
        Case("trim", [s("...foo.bar..."), s(".fr")], #""oo.ba""#),
        Case("trim", [s("¡¡¡foo, bar!!!"), s("!¡")], #""foo, bar""#),
        Case("trim", [s("¡¡¡foo, bar!!!"), s("i")], #""¡¡¡foo, bar!!!""#),
        Case("trim", [s("xx"), s("")], #""xx""#),
        Case("trim_left", [s("¡¡¡foo, bar!!!"), s("!¡")], #""foo, bar!!!""#),
        Case("trim_right", [s("!!!foo, bar¡¡¡"), s("!")], #""!!!foo, bar¡¡¡""#),
        Case("trim_right", [s("!!!foo, bar¡¡¡"), s("¡")], #""!!!foo, bar""#),
        Case("trim_prefix", [s("¡¡¡foo, bar!!!"), s("¡¡¡foo")], #"", bar!!!""#),
        Case("trim_prefix", [s("¡¡¡foo, bar!!!"), s("¡¡¡bar")], #""¡¡¡foo, bar!!!""#),
        Case("trim_suffix", [s("¡¡¡foo, bar!!!"), s(", bar!!!")], #""¡¡¡foo""#),
        Case("trim_suffix", [s("¡¡¡foo, bar!!!"), s(", foo!!!")], #""¡¡¡foo, bar!!!""#),
        Case("trim_space", [s(" \t\n\u{85}\u{A0}\u{3000}x y\u{2028} ")], #""x y""#),
        Case("trim_space", [s("\u{200B}x")], "\"\u{200B}x\""),  // zero-width space is not White_Space
        // format_int (truncation toward zero)
        Case("format_int", [.double(15.5), .int(16)], #""f""#),
        Case("format_int", [.double(3.1), .int(10)], #""3""#),
        Case("format_int", [.double(-15.5), .int(2)], #""-1111""#),
        Case("format_int", [.int(255), .int(8)], #""377""#),
        Case("format_int", [.int(-255), .int(16)], #""-ff""#),
        Case("format_int", [.double(1e21), .int(10)], #""1000000000000000000000""#),
        Case("format_int", [.double(1e21), .int(16)], #""3635c9adc5dea00000""#),
        Case("format_int", [.int(1), .int(3)], "type: operand 2 must be one of {2, 8, 10, 16}"),
        Case("format_int", [s("1"), .int(10)], "type: operand 1 must be number but got string"),
        // any_prefix_match / any_suffix_match
        Case("strings.any_prefix_match", [strings("a/b/c", "a/b/d", "e/f/g"), strings("a/", "d/")], "true"),
        Case("strings.any_prefix_match", [strings("a/b/c", "a/b/d", "e/f/g"), strings("f/", "d/")], "false"),
        Case("strings.any_prefix_match", [strings("aa/bb/cc"), strings("a/b", "e/f")], "false"),
        Case("strings.any_prefix_match", [strings(), strings()], "false"),
        Case("strings.any_prefix_match", [strings("a/b/c"), s("a/")], "true"),
        Case("strings.any_prefix_match", [s("a/b/c"), strings("g/", "d/")], "false"),
        Case("strings.any_prefix_match", [.set(RegoSet(["a/b/c"].map(Value.string))), .set(RegoSet(["a/"].map(Value.string)))], "true"),
        Case("strings.any_prefix_match", [strings("a"), .int(1)], "type: operand 2 must be one of {string, set, array} but got number"),
        Case("strings.any_prefix_match", [.int(1), strings("a")], "type: operand 1 must be one of {string, set, array} but got number"),
        Case("strings.any_prefix_match", [strings("a"), .array([.int(1)])], "type: operand 2 must be array of strings but got array containing number"),
        Case("strings.any_suffix_match", [strings("a/b/c", "a/b/d"), strings("/c", "/a")], "true"),
        Case("strings.any_suffix_match", [strings("aa/bb/cc"), strings("b/c", "f/g")], "false"),
        Case("strings.any_suffix_match", [strings("a/b/c"), strings()], "false"),
        Case("strings.any_suffix_match", [s("a/b/c"), strings("/c")], "true"),
        Case("strings.any_suffix_match", [.int(1), strings("a")], "type: operand 1 must be one of {string, set, array} but got number"),
        Case("strings.any_suffix_match", [strings("a"), .array([.int(1), .int(2)])], "type: operand 2 must be array of strings but got array containing number"),
        // strings.reverse (code points, not graphemes)
        Case("strings.reverse", [s("2\u{fe0f}\u{20e3}")], "\"\u{20e3}\u{fe0f}2\""),
        Case("strings.reverse", [s("1😀𝛾")], #""𝛾😀1""#),
        Case("strings.reverse", [s("")], #""""#),
        Case("strings.reverse", [.int(123)], "type: operand 1 must be string but got number"),
        Case("strings.reverse", [.object(RegoObject([("bar", .string("baz"))]))], "type: operand 1 must be string but got object"),
        // strings.count (non-overlapping; "" counts code points + 1)
        Case("strings.count", [s("cheese"), s("e")], "3"),
        Case("strings.count", [s("hello hello hello world"), s("hello")], "3"),
        Case("strings.count", [s("dummy"), s("x")], "0"),
        Case("strings.count", [s("dummy"), s("")], "6"),
        Case("strings.count", [s(""), s("")], "1"),
        Case("strings.count", [s("åäö"), s("")], "4"),
        Case("strings.count", [s("11111"), s("11")], "2"),
        Case("strings.count", [s("11111"), s("11111")], "1"),
    ]

    @Test(arguments: cases)
    func builtin(_ c: Case) {
        #expect(TextBuiltinHarness.outcome(c.name, c.args) == c.expected)
    }

    @Test func operandErrorsAreTypeErrors() {
        #expect(TextBuiltinHarness.error("upper", [.int(1)]) == BuiltinError(.type, "operand 1 must be string but got number"))
        #expect(TextBuiltinHarness.error("substring", [.string("x"), .int(-1), .int(1)]) == BuiltinError(.builtin, "negative offset"))
    }
}
