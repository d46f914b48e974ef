import Testing
import JSON
import Rego

@Suite struct JSONDecodingTests {
    static let scalars: [(String, Value)] = [
        ("null", .null),
        ("true", .true),
        ("false", .false),
        ("0", .int(0)),
        ("-17", .int(-17)),
        ("2.5", .double(2.5)),
        ("1e3", .int(1000)),
        ("-0.125", .double(-0.125)),
        ("\"hi\"", .string("hi")),
        ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)),
    ]

    @Test(arguments: scalars)
    func scalarsDecodeAtTopLevel(text: String, expected: Value) throws {
        let value = try JSONDecoding.decode(text)
        #expect(value == expected)
        #expect(value.typeName == expected.typeName)
    }

    @Test func objectsKeepEveryKey() throws {
        let value = try JSONDecoding.decode(#"{"b": 1, "a": [true, null], "c": {"d": "e"}}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 3)
        #expect(object["a"] == .array([.true, .null]))
        #expect(object["b"] == .int(1))
        #expect(object["c"] == .object(RegoObject([("d", .string("e"))])))
        #expect(value.jsonText() == #"{"a":[true,null],"b":1,"c":{"d":"e"}}"#)
    }

    @Test func arraysKeepOrder() throws {
        let value = try JSONDecoding.decode("[3, 1, 2, [], {}]")
        #expect(value == .array([.int(3), .int(1), .int(2), .emptyArray, .emptyObject]))
    }

    @Test func deepNesting() throws {
        let depth = 200
        let text = String(repeating: "[", count: depth) + "42" + String(repeating: "]", count: depth)
        var value = try JSONDecoding.decode(text)
        for _ in 0..<depth {
            let elements = try #require(value.arrayValue)
            #expect(elements.count == 1)
            value = elements[0]
        }
        #expect(value == .int(42))
    }

    @Test func duplicateKeysKeepTheLast() throws {
        // Go's encoding/json (and so OPA) keeps the last occurrence.
        #expect(try JSONDecoding.decode(#"{"a": 1, "a": 2}"#) == .object(RegoObject([("a", .int(2))])))
    }

    @Test func unicodeEscapesAndRawUTF8() throws {
        let value = try JSONDecoding.decode(#"["caf\u00e9", "café", "\ud83d\ude00", "😀", "日本", "\n\t\"\\\/"]"#)
        #expect(value == .array([
            .string("café"), .string("café"), .string("😀"), .string("😀"), .string("日本"), .string("\n\t\"\\/"),
        ]))
    }

    @Test func nulInStringValues() throws {
        let value = try JSONDecoding.decode(#"{"ab": "x\u0000y"}"#)
        let object = try #require(value.objectValue)
        #expect(object["ab"] == .string("x\u{0}y"))
    }

    @Test func nulInKeysIsAKnownJanssonLimit() {
        // jansson refuses NUL in object keys even with JSON_ALLOW_NUL (Go accepts it).
        let error = #expect(throws: JSONError.self) { try JSONDecoding.decode(#"{"a\u0000b": 1}"#) }
        #expect(error?.message.contains("NUL byte in object key not supported") == true)
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        let value = try JSONDecoding.decode("[123456789012345678901234567890, -99999999999999999999, 7]")
        let elements = try #require(value.arrayValue)
        #expect(elements[0] == .double(1.2345678901234568e29))
        #expect(elements[1] == .double(-1e20))
        // Small integers in the same document stay exact integers.
        #expect(elements[2].numberValue?.intValue == 7)
    }

    @Test func numbersBeyondDoubleAreErrors() {
        #expect(throws: JSONError.self) { try JSONDecoding.decode("1e999") }
        #expect(throws: JSONError.self) { try JSONDecoding.decode("1" + String(repeating: "0", count: 400)) }
    }

    @Test func bytesAndStringsAgree() throws {
        let text = #"{"k": [1, 2.5, "z"]}"#
        #expect(try JSONDecoding.decode(Array(text.utf8)) == JSONDecoding.decode(text))
    }
}
