import Testing

@testable import Rego

@Suite struct EncodingTests {
    static let numbers = json("[1234567890, 2000000, 1000000000]")

    static let cases: [BuiltinCase] = [
        .init("json.marshal", [.array([.object(RegoObject([("foo", set(json: "[1, 2, 3]"))]))])],
              .value(.str("[{\"foo\":[1,2,3]}]"))),
        .init("json.marshal", [json("{\"a\": \"<&>\", \"b\": null}")], .value(.str("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":null}"))),
        .init("json.marshal_with_options", [numbers, json("{\"indent\": \"  \"}")],
              .value(.str("[\n  1234567890,\n  2000000,\n  1000000000\n]"))),
        .init("json.marshal_with_options", [numbers, json("{}")], .value(.str("[1234567890,2000000,1000000000]"))),
        .init("json.marshal_with_options", [numbers, json("{\"pretty\": true}")],
              .value(.str("[\n\t1234567890,\n\t2000000,\n\t1000000000\n]"))),
        .init("json.marshal_with_options", [numbers, json("{\"pretty\": false, \"prefix\": \"NO!\", \"indent\": \"BAD!\"}")],
              .value(.str("[1234567890,2000000,1000000000]"))),
        .init("json.marshal_with_options", [numbers, json("{\"prefix\": \"JSON => \"}")],
              .value(.str("JSON => [\nJSON => \t1234567890,\nJSON => \t2000000,\nJSON => \t1000000000\nJSON => ]"))),
        .init("json.marshal_with_options", [json("[]"), json("{\"indent\": \"    \", \"prefix\": \"---\"}")], .value(.str("---[]"))),
        .init("json.marshal_with_options", [json("[[[[[[[]]]]]]]"), json("{\"indent\": \"    \"}")],
              .value(.str("[\n    [\n        [\n            [\n                [\n                    [\n                        []\n                    ]\n                ]\n            ]\n        ]\n    ]\n]"))),
        .init("json.marshal_with_options", [json("{\"a\": {\"b\": 1}}"), json("{\"indent\": \" \"}")],
              .value(.str("{\n \"a\": {\n  \"b\": 1\n }\n}"))),
        .init("json.marshal_with_options", [json("[]"), json("{\"indent\": \"    \", \"include_winning_lottery_numbers\": true}")],
              .typeError("operand 2 object contained unknown key \"include_winning_lottery_numbers\"")),
        .init("json.marshal_with_options", [json("[]"), json("{\"pretty\": 1}")], .typeError("key \"pretty\" failed cast to bool")),
        .init("json.unmarshal", [.str("[{\"foo\":[1,2,3]}]")], .value(json("[{\"foo\": [1, 2, 3]}]"))),
        .init("json.unmarshal", [.int(1)], .typeError("operand 1 must be string but got number")),
        .init("json.unmarshal", [.str("{")], .builtinError("unexpected EOF")),
        .init("json.unmarshal", [.str("plainstring")], .builtinError("invalid character 'p' looking for beginning of value")),
        .init("json.is_valid", [.str("plainstring")], .value(.false)),
        .init("json.is_valid", [.str("{")], .value(.false)),
        .init("json.is_valid", [.str("{\"json\": \"ok\"}")], .value(.true)),
        .init("json.is_valid", [.int(1)], .value(.false)),
        .init("base64.encode", [.str("hello")], .value(.str("aGVsbG8="))),
        .init("base64.encode", [.str("there")], .value(.str("dGhlcmU="))),
        .init("base64.encode", [.str("subjects?_d")], .value(.str("c3ViamVjdHM/X2Q="))),
        .init("base64.encode", [.str("")], .value(.str(""))),
        .init("base64.encode", [.str("ab")], .value(.str("YWI="))),
        .init("base64.decode", [.str("aGVsbG8=")], .value(.str("hello"))),
        .init("base64.decode", [.str("c3ViamVjdHM/X2Q=")], .value(.str("subjects?_d"))),
        .init("base64.decode", [.str("YW\nI=")], .value(.str("ab"))),
        .init("base64.decode", [.str("aGVsbG8")], .builtinError("illegal base64 data at input byte 4")),
        .init("base64.decode", [.str("aGVs!G8=")], .builtinError("illegal base64 data at input byte 4")),
        .init("base64.decode", [.str("YWI=YWI=")], .builtinError("illegal base64 data at input byte 4")),
        .init("base64.decode", [.str("YQ=")], .builtinError("illegal base64 data at input byte 3")),
        .init("base64.decode", [.str("Y===")], .builtinError("illegal base64 data at input byte 1")),
        .init("base64.decode", [.int(1)], .typeError("operand 1 must be string but got number")),
        .init("base64.is_valid", [.str("aGVsbG8=")], .value(.true)),
        .init("base64.is_valid", [.str("aGVsbG8")], .value(.false)),
        .init("base64.is_valid", [.int(1)], .value(.false)),
        .init("base64url.encode", [.str("there")], .value(.str("dGhlcmU="))),
        .init("base64url.encode", [.str("subjects?_d")], .value(.str("c3ViamVjdHM_X2Q="))),
        .init("base64url.encode_no_pad", [.str("hello")], .value(.str("aGVsbG8"))),
        .init("base64url.decode", [.str("aGVsbG8=")], .value(.str("hello"))),
        .init("base64url.decode", [.str("aGVsbG8")], .value(.str("hello"))),
        .init("base64url.decode", [.str("c3ViamVjdHM_X2Q")], .value(.str("subjects?_d"))),
        .init("base64url.decode", [.str("aGVsb")], .builtinError("illegal base64url string: aGVsb")),
        .init("hex.encode", [.str("lorem ipsum")], .value(.str("6c6f72656d20697073756d"))),
        .init("hex.decode", [.str("6c6f72656d20697073756d")], .value(.str("lorem ipsum"))),
        .init("hex.decode", [.str("6C6F")], .value(.str("lo"))),
        .init("hex.decode", [.str("fghijkl")], .builtinError("encoding/hex: invalid byte: U+0067 'g'")),
        .init("hex.decode", [.str("6c6")], .builtinError("encoding/hex: odd length hex string")),
        .init("hex.decode", [.str("6c\n")], .builtinError("encoding/hex: invalid byte: U+000A")),
        .init("urlquery.encode", [.str("")], .value(.str(""))),
        .init("urlquery.encode", [.str("a=b+1 c/ü")], .value(.str("a%3Db%2B1+c%2F%C3%BC"))),
        .init("urlquery.decode", [.str("a%3Db%2B1")], .value(.str("a=b+1"))),
        .init("urlquery.decode", [.str("a+b%C3%BC")], .value(.str("a bü"))),
        .init("urlquery.decode", [.str("a%zzb")], .builtinError("invalid URL escape \"%zz\"")),
        .init("urlquery.decode", [.str("a%4")], .builtinError("invalid URL escape \"%4\"")),
        .init("urlquery.encode_object", [json("{}")], .value(.str(""))),
        .init("urlquery.encode_object", [json("{\"a\": \"b\", \"c\": \"d\"}")], .value(.str("a=b&c=d"))),
        .init("urlquery.encode_object", [json("{\"a\": \"c=b+1\"}")], .value(.str("a=c%3Db%2B1"))),
        .init("urlquery.encode_object", [json("{\"a\": [\"b+1\", \"c+2\"]}")], .value(.str("a=b%2B1&a=c%2B2"))),
        .init("urlquery.encode_object", [.object(RegoObject([("a", set(.str("b+1")))]))], .value(.str("a=b%2B1"))),
        .init("urlquery.encode_object", [json("{\"a\": 1}")],
              .typeError("operand 1 values must be string, array[string], or set[string]")),
        .init("urlquery.encode_object", [json("{\"a\": [1]}")], .typeError("values must be string")),
        .init("urlquery.decode_object", [.str("a=value_a1&b")], .value(json("{\"a\": [\"value_a1\"], \"b\": [\"\"]}"))),
        .init("urlquery.decode_object", [.str("a=1&a=2&&b=%20x")], .value(json("{\"a\": [\"1\", \"2\"], \"b\": [\" x\"]}"))),
        .init("urlquery.decode_object", [.str("a=1;b=2")], .builtinError("invalid semicolon separator in query")),
        .init("urlquery.decode_object", [.str("a=%x1")], .builtinError("invalid URL escape \"%x1\"")),
    ]

    @Test(arguments: cases) func encoding(_ c: BuiltinCase) { c.check() }

    @Test func base64RoundTrips() throws {
        var bytes: [UInt8] = []
        for n in 0..<64 {
            let text = String(decoding: bytes, as: UTF8.self)
            let encoded = try #require(try call("base64.encode", .str(text)))
            #expect(try call("base64.decode", encoded) == .str(text))
            let url = try #require(try call("base64url.encode_no_pad", .str(text)))
            #expect(try call("base64url.decode", url) == .str(text))
            bytes.append(UInt8(ascii: "a") + UInt8(n % 26))
        }
    }
}

@Suite struct JSONTextParserTests {
    @Test(arguments: [
        ("null", Value.null), ("true", .true), (" false ", .false), ("0", .int(0)), ("-12", .int(-12)),
        ("1.5", .double(1.5)), ("1e3", .int(1000)), ("-0.25E-2", .double(-0.0025)),
        ("123456789012345678901234", .double(123456789012345678901234.0)),
        ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .str("a\"b\\c/d\u{08}\u{0C}\n\r\t")),
        ("\"\\u00e5\\uD83D\\uDE00\"", .str("å😀")), ("\"\\uD800\"", .str("\u{FFFD}")), ("\"åäö\"", .str("åäö")),
        ("[]", .emptyArray), ("{}", .emptyObject), ("[1, [2, {}]]", .array([.int(1), .array([.int(2), .emptyObject])])),
        ("{\"b\": 1, \"a\": [true], \"b\": 2}", .object(RegoObject([("a", .array([.true])), ("b", .int(2))]))),
    ])
    func parses(_ text: String, _ expected: Value) throws {
        #expect(try JSONTextParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", "EOF"), ("   ", "EOF"), ("{", "unexpected EOF"), ("[1,", "unexpected EOF"), ("\"abc", "unexpected EOF"),
        ("x", "invalid character 'x' looking for beginning of value"),
        ("[1,]", "invalid character ']' looking for beginning of value"),
        ("{1: 2}", "invalid character '1' looking for beginning of object key string"),
        ("{\"a\" 1}", "invalid character '1' after object key"),
        ("{\"a\": 1 \"b\": 2}", "invalid character '\"' after object key:value pair"),
        ("[1 2]", "invalid character '2' after array element"),
        ("\"a\nb\"", "invalid character '\\n' in string literal"),
        ("\"\\x\"", "invalid character 'x' in string escape code"),
        ("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape"),
        ("-", "unexpected EOF"), ("-a", "invalid character 'a' in numeric literal"),
        ("1.", "unexpected EOF"), ("1.e5", "invalid character 'e' after decimal point in numeric literal"),
        ("1e+", "unexpected EOF"), ("1ex", "invalid character 'x' in exponent of numeric literal"),
        ("01", "invalid character '1' after top-level value"), ("tru", "unexpected EOF"),
        ("trux", "invalid character 'x' in literal true (expecting 'e')"),
        ("nul1", "invalid character '1' in literal null (expecting 'l')"),
        ("{} {}", "error: invalid character '{' after top-level value"),
        ("1 2", "error: invalid character '2' after top-level value"), ("{}x", "invalid character 'x' looking for beginning of value"),
        ("[] \"ab\"", "error: invalid character 'ab' after top-level value"), ("'a'", "invalid character '\\'' looking for beginning of value"),
        ("NaN", "invalid character 'N' looking for beginning of value"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(throws: JSONTextParser.Error.self) { try JSONTextParser.parse(text) }
        do {
            _ = try JSONTextParser.parse(text)
        } catch {
            #expect(error.message == message)
        }
        #expect(!JSONTextParser.isValid(text))
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        do {
            _ = try JSONTextParser.parse(deep)
            Issue.record("parsed 5000 levels")
        } catch {
            #expect(error.message == "exceeded max depth")
        }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSONTextParser.isValid(fine))
    }

    @Test func roundTripsJSONText() throws {
        let value = json("{\"a\": [1, 2.5, \"x\\u0001<\", null, true], \"b\": {\"c\": {}}, \"\": []}")
        #expect(try JSONTextParser.parse(value.jsonText()) == value)
        #expect(try JSONTextParser.parse(value.jsonText(indent: "  ")) == value)
    }
}
