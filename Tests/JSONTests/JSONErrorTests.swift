import Testing
import JSON
import Rego

@Suite struct JSONErrorTests {
    struct BadInput: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var messageContains: String
        var description: String { text }
    }

    static let badInputs: [BadInput] = [
        BadInput(text: "{\"a\": 1,\n  \"b\": }", line: 2, column: 8, messageContains: "unexpected token"),
        BadInput(text: "[1, 2", line: 1, column: 5, messageContains: "']' expected"),
        BadInput(text: "", line: 1, column: 0, messageContains: "unexpected token near end of file"),
        BadInput(text: "{\"a\": 1} x", line: 1, column: 10, messageContains: "end of file expected"),
        BadInput(text: "[\n\n  tru]", line: 3, column: 5, messageContains: "invalid token"),
        BadInput(text: "\"\u{E9}\u{E9}", line: 1, column: 3, messageContains: "premature end of input"),
    ]

    @Test(arguments: badInputs)
    func badInputReportsLineAndColumn(input: BadInput) {
        let error = #expect(throws: JSONError.self) { try JSONDecoding.decode(input.text, file: "in.json") }
        #expect(error?.file == "in.json")
        #expect(error?.line == input.line)
        #expect(error?.column == input.column)
        #expect(error?.message.contains(input.messageContains) == true, "\(error?.message ?? "")")
        #expect(error?.description.hasPrefix("in.json:\(input.line):\(input.column): ") == true)
    }

    @Test func positionIsAByteOffset() {
        // Two 2-byte characters before the bad token `x`: the column counts characters (x is the
        // 7th), the position counts bytes and points just past the token (x is byte 8, 0-based).
        let error = #expect(throws: JSONError.self) { try JSONDecoding.decode("[\"éé\" x]") }
        #expect(error?.column == 7)
        #expect(error?.position == 9)
    }

    @Test func invalidUTF8IsRejected() {
        let error = #expect(throws: JSONError.self) { try JSONDecoding.decode([0x22, 0xFF, 0x22]) }
        #expect(error?.message.contains("unable to decode byte 0xff") == true, "\(error?.message ?? "")")
    }

    @Test func missingFileNamesThePath() {
        let error = #expect(throws: JSONError.self) {
            try JSONDecoding.decodeFile("/nonexistent/airlock-test.json")
        }
        #expect(error?.file == "/nonexistent/airlock-test.json")
        #expect(error?.message.contains("No such file") == true)
    }
}
