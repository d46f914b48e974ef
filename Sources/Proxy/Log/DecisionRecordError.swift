/// Why a decision-log line is not a `DecisionRecord`. Keys are the JSON keys of the line.
public enum DecisionRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line is not JSON; `column` is 1-based (0 when the parser gave none).
    case malformedJSON(column: Int, message: String)
    /// The line is JSON but not an object.
    case notAnObject(found: String)
    case missingKey(String)
    case wrongType(key: String, expected: String, found: String)
    /// A string outside the key's vocabulary, e.g. `"decision": "maybe"`.
    case unknownValue(key: String, value: String, expected: [String])

    public var description: String {
        switch self {
        case .malformedJSON(let column, let message):
            return column > 0 ? "column \(column): invalid JSON: \(message)" : "invalid JSON: \(message)"
        case .notAnObject(let found):
            return "expected a JSON object, found \(found)"
        case .missingKey(let key):
            return "missing key \"\(key)\""
        case .wrongType(let key, let expected, let found):
            return "key \"\(key)\": expected \(expected), found \(found)"
        case .unknownValue(let key, let value, let expected):
            return "key \"\(key)\": unknown value \(quoted(value)) (expected \(expected.joined(separator: ", ")))"
        }
    }

    private func quoted(_ value: String) -> String {
        var text = ""
        JSONLineEncoderText.quote(value, into: &text)
        return text
    }
}

/// Quotes through the log's own encoder, so error messages never carry raw control characters.
enum JSONLineEncoderText {
    static func quote(_ value: String, into text: inout String) {
        var encoder = JSONLineEncoder()
        encoder.string(value)
        text += String(decoding: encoder.bytes, as: UTF8.self)
    }
}
