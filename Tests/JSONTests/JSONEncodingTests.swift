import Testing
import JSON
import Rego

@Suite struct JSONEncodingTests {
    static let values: [Value] = [
        .null, .true, .int(-5), .double(0.5), .string("é\u{0}x"), .emptyArray, .emptyObject,
        .array([.int(1), .array([.string("a")]), .object(RegoObject([("k", .null)]))]),
        .object(RegoObject([("z", .int(1)), ("a", .array([.false]))])),
        .int(Int.max),
    ]

    @Test(arguments: values)
    func roundTripsThroughJansson(value: Value) throws {
        let node = try JSONEncoding.toJansson(value)
        #expect(node.value() == value)
        // jansson's own text parses back to the same value as well.
        #expect(try JSONDecoding.decode(node.janssonText()) == value)
    }

    @Test func setsBecomeSortedArrays() throws {
        let node = try JSONEncoding.toJansson(.set(RegoSet([.int(3), .int(1), .int(2)])))
        #expect(node.value() == .array([.int(1), .int(2), .int(3)]))
    }

    @Test func nonStringKeysBecomeTheirJSONText() throws {
        let object = RegoObject([(Value.int(1), Value.string("one")), (.array([.true]), .null)])
        let node = try JSONEncoding.toJansson(.object(object))
        #expect(node.janssonText() == #"{"1":"one","[true]":null}"#)
    }

    @Test func janssonPrintsDoublesLongerThanOPA() throws {
        // Why Airlock prints with Value.jsonText(): jansson uses %.17g.
        let node = try JSONEncoding.toJansson(.double(0.1))
        #expect(node.janssonText() == "0.10000000000000001")
        #expect(Value.double(0.1).jsonText() == "0.1")
    }

    @Test func nonFiniteNumbersAreRejected() {
        #expect(throws: JSONError.self) { _ = try JSONEncoding.toJansson(.array([.double(.infinity)])) }
    }

    @Test func ownershipIsReleased() throws {
        // A node handed out with release() is still valid and owned by the caller.
        let node = try JSONEncoding.toJansson(.array([.int(1)]))
        let raw = node.release()
        let again = JanssonValue(owning: raw)
        #expect(again.value() == .array([.int(1)]))
    }
}
