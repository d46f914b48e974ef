import Testing

@testable import Rego

@Suite struct YAMLTests {
    // MARK: - yaml.unmarshal

    static let unmarshalCases: [BuiltinCase] = [
        // OPA conformance (jsonbuiltins): block sequences of mappings, indented.
        .init("yaml.unmarshal", [.str("foo:\n   - qux: bar\n   - baz: 2")], .value(json(#"{"foo": [{"qux": "bar"}, {"baz": 2}]}"#))),
        .init("yaml.unmarshal", [.str(#"{"json": "ok"}"#)], .value(json(#"{"json": "ok"}"#))),
        .init("yaml.unmarshal", [.str("")], .value(.null)),
        .init("yaml.unmarshal", [.str("# only a comment\n")], .value(.null)),
        .init("yaml.unmarshal", [.str("plain text")], .value(.str("plain text"))),
        // Sequences directly under a key, comments, document markers.
        .init("yaml.unmarshal", [.str("a:\n- 1\n- 2\nb: x # trailing\n# whole line\n")], .value(json(#"{"a": [1, 2], "b": "x"}"#))),
        .init("yaml.unmarshal", [.str("---\nfoo: bar\n...\nignored: [\n")], .value(json(#"{"foo": "bar"}"#))),
        .init("yaml.unmarshal", [.str("--- text\n")], .value(.str("text"))),
        .init("yaml.unmarshal", [.str("- - a\n  - b\n- - c\n-\n- k: v\n  l: w\n")],
              .value(json(#"[["a", "b"], ["c"], null, {"k": "v", "l": "w"}]"#))),
        .init("yaml.unmarshal", [.str("a:\n  b:\n    c: 1\n  d: 2\ne:\n")], .value(json(#"{"a": {"b": {"c": 1}, "d": 2}, "e": null}"#))),
        // YAML 1.1 scalars as go-yaml v2 reads them.
        .init("yaml.unmarshal", [.str("[yes, No, on, OFF, y, n, true, ~, null, Null, '']")],
              .value(json(#"[true, false, true, false, true, false, true, null, null, null, ""]"#))),
        .init("yaml.unmarshal", [.str("[0x1F, 0o17, 017, 0b101, 1_000, +12, -3, 08, 1.5e3, -.5, .5, 1e400, 2001-12-14, 12:30]")],
              .value(json(#"[31, 15, 15, 5, 1000, 12, -3, 8, 1500, -0.5, 0.5, "1e400", "2001-12-14", "12:30"]"#))),
        .init("yaml.unmarshal", [.str("big: 18446744073709551615\nf: 1.0\n")], .value(json(#"{"big": 18446744073709551615, "f": 1}"#))),
        // Keys become strings; YAML 1.1 makes `y` and `n` booleans, even as keys.
        .init("yaml.unmarshal", [.str("1: a\n2.5: b\ntrue: c\n.inf: d\ny: e\n\"quoted\": f\n")],
              .value(json(#"{"1": "a", "2.5": "b", "true": "c", ".inf": "d", "true": "e", "quoted": "f"}"#))),
        // Later keys replace earlier ones, as go-yaml v2 does.
        .init("yaml.unmarshal", [.str("a: 1\na: 2\n")], .value(json(#"{"a": 2}"#))),
        // Quoted scalars.
        .init("yaml.unmarshal", [.str(#"[ 'it''s', "tab\there", "\u00e9\x41\U0001F600", "a\/b", "esc\\" ]"#)],
              .value(.array([.str("it's"), .str("tab\there"), .str("éA😀"), .str("a/b"), .str("esc\\")]))),
        .init("yaml.unmarshal", [.str("a: \"folded\n  line\n\n  para\"\nb: 'x\n  y'\nc: \"joined\\\n  here\"\n")],
              .value(json(#"{"a": "folded line\npara", "b": "x y", "c": "joinedhere"}"#))),
        // Plain scalars over several lines.
        .init("yaml.unmarshal", [.str("a: plain\n  continued\n\n  para\nb: x\n")], .value(json(#"{"a": "plain continued\npara", "b": "x"}"#))),
        // Block scalars: literal, folded, chomping and indentation indicators.
        .init("yaml.unmarshal", [.str("a: |\n  line1\n    indented\n  line2\nb: x\n")],
              .value(json(#"{"a": "line1\n  indented\nline2\n", "b": "x"}"#))),
        .init("yaml.unmarshal", [.str("a: |-\n  x\n\nb: |+\n  y\n\nc: >\n  one\n  two\n\n  three\n   more\n  four\n")],
              .value(json(#"{"a": "x", "b": "y\n\n", "c": "one two\nthree\n more\nfour\n"}"#))),
        .init("yaml.unmarshal", [.str("a: |2\n   lead\n  next\n")], .value(json(#"{"a": " lead\nnext\n"}"#))),
        .init("yaml.unmarshal", [.str("- |\n  in seq\n- >-\n  folded\n  seq\n")], .value(json(#"["in seq\n", "folded seq"]"#))),
        // Flow collections, over lines, with JSON-style adjacent colons and implicit nulls.
        .init("yaml.unmarshal", [.str("{a: 1, b: [x, {c: d}], \"e\":2, f, [g]: h}")],
              .builtinError("Unsupported map key of type")),
        .init("yaml.unmarshal", [.str("{a: 1, b: [x, {c: d}], \"e\":2, f}")], .value(json(#"{"a": 1, "b": ["x", {"c": "d"}], "e": 2, "f": null}"#))),
        .init("yaml.unmarshal", [.str("[\n  a,  # comment\n  b: c,\n  {x: [1,\n 2]}\n]\n")], .value(json(#"["a", {"b": "c"}, {"x": [1, 2]}]"#))),
        .init("yaml.unmarshal", [.str("[]")], .value(json("[]"))),
        .init("yaml.unmarshal", [.str("{}")], .value(json("{}"))),
        // Anchors, aliases and merges (explicit keys after the merge win).
        .init("yaml.unmarshal", [.str("base: &b {x: 1, z: 0}\nother: *b\nmerged:\n  <<: *b\n  z: 2\n")],
              .value(json(#"{"base": {"x": 1, "z": 0}, "other": {"x": 1, "z": 0}, "merged": {"x": 1, "z": 2}}"#))),
        .init("yaml.unmarshal", [.str("a: &a {k: 1}\nb: &b {k: 2, m: 3}\nc:\n  <<: [*a, *b]\n")],
              .value(json(#"{"a": {"k": 1}, "b": {"k": 2, "m": 3}, "c": {"k": 1, "m": 3}}"#))),
        .init("yaml.unmarshal", [.str("- &v value\n- *v\n- &w\n  k: v\n- *w\n")], .value(json(#"["value", "value", {"k": "v"}, {"k": "v"}]"#))),
        // Explicit keys and tags.
        .init("yaml.unmarshal", [.str("? complex\n: value\n? lone\n")], .value(json(#"{"complex": "value", "lone": null}"#))),
        .init("yaml.unmarshal", [.str("x: !!str 123\ni: !!int \"7\"\nz: !!float 1\nw: !custom thing\nb: !!binary aGVsbG8=\n")],
              .value(json(#"{"x": "123", "i": 7, "z": 1, "w": "thing", "b": "hello"}"#))),
        .init("yaml.unmarshal", [.str("%YAML 1.1\n---\na: 1\n")], .value(json(#"{"a": 1}"#))),
        .init("yaml.unmarshal", [.str("a: 1\r\nb: 2\r\n")], .value(json(#"{"a": 1, "b": 2}"#))),

        // Errors, in go-yaml's words.
        .init("yaml.unmarshal", [.str("foo:\n   - qux: bar\n   - baz: {")], .builtinError("yaml: line 3: did not find expected node content")),
        // go-yaml's line numbers: scanner errors on the first line have none, parser errors count from 0.
        .init("yaml.unmarshal", [.str("a: b: c")], .builtinError("yaml: mapping values are not allowed in this context")),
        .init("yaml.unmarshal", [.str("a: 1\n  b: 2")], .builtinError("yaml: line 2: mapping values are not allowed in this context")),
        .init("yaml.unmarshal", [.str("a:\n  - b\n  c: d")], .builtinError("yaml: line 2: did not find expected '-' indicator")),
        .init("yaml.unmarshal", [.str("a: 1\n- b")], .builtinError("yaml: line 1: did not find expected key")),
        .init("yaml.unmarshal", [.str("- a\nb")], .builtinError("yaml: line 1: did not find expected '-' indicator")),
        .init("yaml.unmarshal", [.str("[a, ")], .builtinError("yaml: line 1: did not find expected node content")),
        .init("yaml.unmarshal", [.str("[1, 2")], .builtinError("yaml: line 1: did not find expected ',' or ']'")),
        .init("yaml.unmarshal", [.str("a: *x")], .builtinError("yaml: unknown anchor 'x' referenced")),
        .init("yaml.unmarshal", [.str("a: \"open")], .builtinError("yaml: found unexpected end of stream")),
        .init("yaml.unmarshal", [.str("a: 1\nb: \"open\n")], .builtinError("yaml: line 3: found unexpected end of stream")),
        .init("yaml.unmarshal", [.str("\ta: 1")], .builtinError("found character that cannot start any token")),
        .init("yaml.unmarshal", [.str("a: - b")], .builtinError("block sequence entries are not allowed in this context")),
        .init("yaml.unmarshal", [.str("a: \"\\q\"")], .builtinError("found unknown escape character")),
        .init("yaml.unmarshal", [.str("a: .inf")], .builtinError("json: unsupported value: +Inf")),
        .init("yaml.unmarshal", [.str("a: .nan")], .builtinError("json: unsupported value: NaN")),
        .init("yaml.unmarshal", [.str("<<: 1")], .builtinError("yaml: map merge requires map or sequence of maps as the value")),
        .init("yaml.unmarshal", [.str("~: 1")], .builtinError("Unsupported map key of type")),
        .init("yaml.unmarshal", [.str("x: !!int abc")], .builtinError("yaml: cannot decode !!str `abc` as a !!int")),
        .init("yaml.unmarshal", [.int(1)], .typeError("operand 1 must be string but got number")),
    ]

    @Test(arguments: unmarshalCases) func unmarshal(_ c: BuiltinCase) { c.check() }

    // MARK: - yaml.is_valid

    static let isValidCases: [BuiltinCase] = [
        .init("yaml.is_valid", [.str("foo:\n   - qux: bar\n   - baz: 2")], .value(.true)),
        .init("yaml.is_valid", [.str("foo:\n   - qux: bar\n   - baz: {")], .value(.false)),
        .init("yaml.is_valid", [.str(#"{"json": "ok"}"#)], .value(.true)),
        .init("yaml.is_valid", [.int(1)], .value(.false)),
        .init("yaml.is_valid", [.null], .value(.false)),
    ]

    @Test(arguments: isValidCases) func isValid(_ c: BuiltinCase) { c.check() }

    // MARK: - yaml.marshal

    static let marshalCases: [BuiltinCase] = [
        // OPA conformance (jsonbuiltins/yaml round-trip): sets become sequences.
        .init("yaml.marshal", [.array([.object(RegoObject([("foo", set(.int(1), .int(2), .int(3)))]))])],
              .value(.str("- foo:\n  - 1\n  - 2\n  - 3\n"))),
        .init("yaml.marshal", [json(#"{"b": [1, {"x": "y z", "e": [], "o": {}}], "a": {"n": null, "t": true, "f": 1.5}}"#)],
              .value(.str("a:\n  f: 1.5\n  \"n\": null\n  t: true\nb:\n- 1\n- e: []\n  o: {}\n  x: y z\n"))),
        .init("yaml.marshal", [json("[[1, 2], [], [[3]]]")], .value(.str("- - 1\n  - 2\n- []\n- - - 3\n"))),
        .init("yaml.marshal", [json("{}")], .value(.str("{}\n"))),
        .init("yaml.marshal", [json("[]")], .value(.str("[]\n"))),
        .init("yaml.marshal", [.str("text")], .value(.str("text\n"))),
        .init("yaml.marshal", [.null], .value(.str("null\n"))),
        .init("yaml.marshal", [.int(42)], .value(.str("42\n"))),
        .init("yaml.marshal", [.double(0.1)], .value(.str("0.1\n"))),
        .init("yaml.marshal", [.double(1e-7)], .value(.str("1e-07\n"))),
        .init("yaml.marshal", [.double(2.5e21)], .value(.str("2.5e+21\n"))),
        // Strings that would read back as something else are double-quoted.
        .init("yaml.marshal", [json(#"["true", "1", "1.5", "null", "~", "yes", "n", "0x10", "1e3", "2001-12-14", "1:20", "<<", ""]"#)],
              .value(.str(#"""
                - "true"
                - "1"
                - "1.5"
                - "null"
                - "~"
                - "yes"
                - "n"
                - "0x10"
                - "1e3"
                - "2001-12-14"
                - "1:20"
                - "<<"
                - ""

                """#))),
        // Strings that plain style cannot hold are single-quoted.
        .init("yaml.marshal", [json(##"["- x", "a: b", "#x", "x #y", " lead", "trail ", "{a}", "*a", "'q'", "x:", "?"]"##)],
              .value(.str(#"""
                - '- x'
                - 'a: b'
                - '#x'
                - 'x #y'
                - ' lead'
                - 'trail '
                - '{a}'
                - '*a'
                - '''q'''
                - 'x:'
                - '?'

                """#))),
        // ...and these need no quotes at all.
        .init("yaml.marshal", [json(#"["-x", ":x", "a,b", "x-y: z"]"#)], .value(.str("- -x\n- :x\n- a,b\n- 'x-y: z'\n"))),
        // Unprintable characters force double quotes with escapes; other Unicode stays as is.
        .init("yaml.marshal", [.array([.str("a\tb"), .str("é"), .str("😀"), .str("bell\u{7}")])],
              .value(.str("- \"a\\tb\"\n- é\n- \"\\U0001F600\"\n- \"bell\\a\"\n"))),
        // Line breaks make literal blocks, with chomping and indentation indicators as needed.
        .init("yaml.marshal", [json(#"{"a": "multi\nline\n", "b": "x\ny", "c": "x\n\n", "d": " lead\nx"}"#)],
              .value(.str("a: |\n  multi\n  line\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: |2-\n   lead\n  x\n"))),
        // ...unless the text ends with a space, or is a key.
        .init("yaml.marshal", [json(#"{"a": "x \ny", "k\nk": 1}"#)], .value(.str("a: \"x \\ny\"\n? |-\n  k\n  k\n: 1\n"))),
        // go-yaml's key order: non-letters first, digit runs by value.
        .init("yaml.marshal", [json(#"{"b": 1, "a10": 2, "a2": 3, "_x": 4, "B": 5, "1": 6, "10": 7, "2": 8}"#)],
              .value(.str("_x: 4\n\"1\": 6\n\"2\": 8\n\"10\": 7\nB: 5\na2: 3\na10: 2\nb: 1\n"))),
    ]

    @Test(arguments: marshalCases) func marshal(_ c: BuiltinCase) { c.check() }

    @Test func longPlainLinesFoldAtEightyColumns() throws {
        let words = (0..<30).map { "word" + ($0 < 10 ? "0" : "") + String($0) }
        let text = try #require(try call("yaml.marshal", .object(RegoObject([("k", .str(words.joined(separator: " ")))]))))
        let expected = "k: " + words[0..<12].joined(separator: " ") + "\n  " + words[12..<24].joined(separator: " ")
            + "\n  " + words[24...].joined(separator: " ") + "\n"
        #expect(text == .str(expected))
        // Folded lines read back as the original text.
        #expect(try call("yaml.unmarshal", text)?[.str("k")] == .str(words.joined(separator: " ")))
    }

    @Test(arguments: [
        #"{"a": [1, 2.5, "x", null, true], "b": {"c": {"d": []}}, "e": {}}"#,
        #"[{"multi": "line\nbreaks\n\n"}, {"lead": "  spaces", "quote": "it's \"q\""}, ["nested", ["deep"]]]"#,
        ##"{"yes": "no", "on": "off", "1": "1", "": "", "- x": "a: b", "#": "x #y", "tab": "a\tb"}"##,
        #"{"unicode": "é 😀 \u2028 \u0085", "ctrl": "\u0001\u001f", "long": "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z"}"#,
    ])
    func marshalledValuesReadBack(_ text: String) throws {
        let value = json(text)
        let yaml = try #require(try call("yaml.marshal", value))
        #expect(try call("yaml.unmarshal", yaml) == value, "\(yaml)")
    }

    @Test func deepNestingIsRefusedNotFatal() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(try call("yaml.is_valid", .str(deep)) == .false)
        let blocks = (0..<2_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(try call("yaml.is_valid", .str(blocks)) == .false)
        #expect(try call("yaml.is_valid", .str(String(repeating: "- ", count: 2_000) + "x")) == .false)
    }

    @Test func aliasesShareRatherThanCopy() throws {
        // Each level doubles the document if aliases were expanded by copying.
        var doc = "a0: &a0 [x, x]\n"
        for i in 1..<40 { doc += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]\n" }
        let start = ContinuousClock.now
        #expect(try call("yaml.is_valid", .str(doc)) == .true)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
