import Testing
import JSON
import Rego

@Suite struct JSONLinesTests {
    @Test func oneValuePerLine() throws {
        let values = try JSONLines.decode("{\"a\": 1}\n[2]\n\"three\"\n")
        #expect(values == [.object(RegoObject([("a", .int(1))])), .array([.int(2)]), .string("three")])
    }

    @Test func blankLinesAndCRLFAreSkipped() throws {
        let values = try JSONLines.decode("1\r\n\r\n  \n2")
        #expect(values == [.int(1), .int(2)])
    }

    @Test func emptyInputHasNoValues() throws {
        #expect(try JSONLines.decode("").isEmpty)
    }

    @Test func errorsNameTheLineOfTheFile() {
        let error = #expect(throws: JSONError.self) {
            try JSONLines.decode("{\"ok\": true}\n\n{\"bad\": }\n", file: "log.jsonl")
        }
        #expect(error?.file == "log.jsonl")
        #expect(error?.line == 3)
        #expect(error?.column == 9)
        #expect(error?.position == 23)  // just past the offending `}`
        #expect(error?.description.hasPrefix("log.jsonl:3:9: ") == true)
    }

    @Test func twoValuesOnOneLineAreAnError() {
        let error = #expect(throws: JSONError.self) { try JSONLines.decode("1\n2 3\n") }
        #expect(error?.line == 2)
        #expect(error?.message.contains("end of file expected") == true)
    }
}
