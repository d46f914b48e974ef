import Rego
import Testing

@testable import airlock

@Suite("output helpers")
struct OutputHelperTests {
    @Test(
        "durations print as Go's time.Duration",
        arguments: [
            (Int64(0), "0s"), (812, "812ns"), (1_000, "1µs"), (572_583, "572.583µs"), (1_200_000, "1.2ms"),
            (1_234_567, "1.234567ms"), (2_000_000_000, "2s"), (62_500_000_000, "1m2.5s"),
            (3_600_000_000_000, "1h0m0s"),
        ])
    func goDuration(nanoseconds: Int64, text: String) {
        #expect(GoDuration.text(nanoseconds: nanoseconds) == text)
    }

    @Test("envelopes keep their field order; documents inside keep OPA's sorted keys")
    func orderedJSON() {
        let document = Value.object(RegoObject([("b", .int(1)), ("a", .emptyArray)]))
        let envelope = OrderedJSON.object([("z", .value(document)), ("a", .array([])), ("m", .object([]))])
        #expect(envelope.compactText() == #"{"z":{"a":[],"b":1},"a":[],"m":{}}"#)
        #expect(
            envelope.indentedText() == """
                {
                  "z": {
                    "a": [],
                    "b": 1
                  },
                  "a": [],
                  "m": {}
                }

                """)
    }

    @Test("tables centre headers and left-align cells")
    func table() {
        var table = TextTable(headers: ["x", "value"])
        table.rows = [["\"long text\"", "1"], ["2", "[]"]]
        #expect(
            table.render() == """
                +-------------+-------+
                |      x      | value |
                +-------------+-------+
                | "long text" | 1     |
                | 2           | []    |
                +-------------+-------+

                """)
    }

    @Test("errors render as OPA's JSON entries and sentence")
    func errors() {
        let located = CommandFailure(
            RegoError(.parse, "unexpected eof token", at: SourceLocation(file: "p.rego", line: 3, column: 6)))
        #expect(
            located.json.compactText()
                == #"{"errors":[{"code":"rego_parse_error","message":"unexpected eof token","location":{"file":"p.rego","row":3,"col":6}}]}"#
        )
        #expect(located.text == "1 error occurred: p.rego:3: rego_parse_error: unexpected eof token")
        let two = CommandFailure([.init(code: nil, message: "a"), .init(code: "c", message: "b")])
        #expect(two.text == "2 errors occurred:\na\nc: b")
    }
}
