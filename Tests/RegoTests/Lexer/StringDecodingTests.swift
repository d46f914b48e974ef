import Testing

@testable import Rego

@Suite struct StringDecodingTests {
    static func decode(_ quoted: String, braceEscape: Bool = false) -> String? {
        let bytes = Array(quoted.utf8)
        return StringDecoding.decodeQuoted(bytes, 0, bytes.count, braceEscape: braceEscape)
    }

    @Test(arguments: [
        (#"plain"#, "plain"),
        (#"a\"b\\c\/d"#, "a\"b\\c/d"),
        (#"\b\f\n\r\t"#, "\u{8}\u{C}\n\r\t"),
        (#"\u00e9\u00E9"#, "éé"),
        (#"\ud83d\ude00"#, "😀"),
        (#"\u0000"#, "\u{0}"),
    ])
    func decodesJSONEscapes(source: String, expected: String) {
        #expect(Self.decode(source) == expected)
    }

    @Test func replacesUnpairedSurrogatesLikeGo() {
        #expect(Self.decode(#"\ud83d"#) == "\u{FFFD}")
        #expect(Self.decode(#"\ude00x"#) == "\u{FFFD}x")
        #expect(Self.decode(#"\ud83d\u0041"#) == "\u{FFFD}A")
    }

    @Test func rejectsWhatGoRejectsOnceEscapesArePresent() {
        #expect(Self.decode(#"\u12"#) == nil)
        #expect(Self.decode(#"\uzzzz"#) == nil)
        #expect(Self.decode("tab\there\\n") == nil)
        // Without a backslash OPA keeps the text as written, control characters included.
        #expect(Self.decode("tab\there") == "tab\there")
    }

    @Test func templateTextUnescapesBraces() {
        #expect(Self.decode(#"a \{b} \n"#, braceEscape: true) == "a {b} \n")
        #expect(Self.decode(#"a \{"#) == nil)
        let raw = Array(#"x \{ \n"#.utf8)
        #expect(StringDecoding.decodeRawTemplate(raw, 0, raw.count) == #"x { \n"#)
    }
}
