/// Flow collections (`[a, b]`, `{a: 1}`, also spanning lines) and building mapping objects.
extension YAMLParser {
    /// A node inside a flow collection, before it is known to be a key or a value.
    private enum FlowNode {
        case scalar(String, plain: Bool, YAMLProperties)
        case value(Value)

        /// Quoted scalars and collections may be followed directly by `:` (JSON style).
        var allowsAdjacentColon: Bool {
            if case .scalar(_, let plain, _) = self { return !plain }
            return true
        }
    }

    mutating func parseFlowCollection() throws(YAMLError) -> Value {
        try enter()
        defer { depth -= 1 }
        let isSequence = byte() == UInt8(ascii: "[")
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        let expected = isSequence ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'"
        let startLine = line
        advance()
        var items: [Value] = []
        var object = YAMLObjectBuilder()
        while true {
            try skipFlowSpace()
            // Only the start or a ',' lead here, so an entry is due.
            guard let c = byte() else { throw parserError("did not find expected node content", context: line) }
            if c == close {
                advance()
                break
            }
            let entryLine = line
            var key: FlowNode
            var value: Value?
            if c == UInt8(ascii: "?") && (YAMLParser.isSeparator(byte(1)) || YAMLParser.isFlowIndicator(byte(1))) {
                advance()
                try skipFlowSpace()
                key = try flowEntryStartsEmpty(close: close) ? .scalar("", plain: true, YAMLProperties()) : try parseFlowNode()
                try skipFlowSpace()
                if byte() == UInt8(ascii: ":") {
                    advance()
                    value = try parseFlowValue(close: close)
                } else {
                    value = .null
                }
            } else {
                key = try parseFlowNode()
                try skipFlowSpace()
                if byte() == UInt8(ascii: ":")
                    && (key.allowsAdjacentColon || YAMLParser.isSeparator(byte(1)) || YAMLParser.isFlowIndicator(byte(1)))
                {
                    advance()
                    value = try parseFlowValue(close: close)
                }
            }
            if isSequence {
                if let value {
                    // `[a: 1]` is a sequence holding the mapping {a: 1}.
                    var pair = YAMLObjectBuilder()
                    try pair.insert(YAMLKey(value: keyValue(key), isMerge: isMergeKey(key), line: entryLine), value, parser: self)
                    items.append(.object(pair.object))
                } else {
                    items.append(try nodeValue(key))
                }
            } else {
                try object.insert(
                    YAMLKey(value: keyValue(key), isMerge: isMergeKey(key), line: entryLine), value ?? .null, parser: self)
            }
            try skipFlowSpace()
            if byte() == UInt8(ascii: ",") {
                advance()
                continue
            }
            if byte() == close { continue }
            throw parserError(expected, context: startLine)
        }
        return isSequence ? .array(items) : .object(object.object)
    }

    private func flowEntryStartsEmpty(close: UInt8) -> Bool {
        byte() == UInt8(ascii: ",") || byte() == close || byte() == UInt8(ascii: ":")
    }

    private mutating func parseFlowValue(close: UInt8) throws(YAMLError) -> Value {
        try skipFlowSpace()
        if flowEntryStartsEmpty(close: close) && byte() != UInt8(ascii: ":") { return .null }
        return try nodeValue(parseFlowNode())
    }

    private mutating func parseFlowNode() throws(YAMLError) -> FlowNode {
        let properties = try parseProperties()
        try skipFlowSpace()
        guard let c = byte() else { throw parserError("did not find expected node content", context: line) }
        switch c {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return .value(anchored(try parseFlowCollection(), properties))
        case UInt8(ascii: "\""):
            return .scalar(try parseDoubleQuoted(), plain: false, properties)
        case UInt8(ascii: "'"):
            return .scalar(try parseSingleQuoted(), plain: false, properties)
        case UInt8(ascii: "*"):
            if properties.isPresent { throw parserError("did not find expected node content", context: line) }
            return .value(try parseAlias())
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            guard properties.isPresent else { throw parserError("did not find expected node content", context: line) }
            return .scalar("", plain: true, properties)
        case UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "%"):
            throw scannerError("found character that cannot start any token")
        default:
            if c == UInt8(ascii: "-") && YAMLParser.isSeparator(byte(1)) {
                throw scannerError("block sequence entries are not allowed in this context")
            }
            return .scalar(try parsePlain(flow: true, parent: -1), plain: true, properties)
        }
    }

    private mutating func nodeValue(_ node: FlowNode) throws(YAMLError) -> Value {
        switch node {
        case .scalar(let text, let plain, let properties): return try scalar(text, plain: plain, properties)
        case .value(let v): return v
        }
    }

    private mutating func keyValue(_ node: FlowNode) throws(YAMLError) -> Value {
        switch node {
        case .scalar(let text, let plain, let properties): return try keyScalar(text, plain: plain, properties)
        case .value(let v): return v
        }
    }

    private func isMergeKey(_ node: FlowNode) -> Bool {
        if case .scalar(let text, let plain, let properties) = node {
            return plain && text == "<<" && properties.tag == nil
        }
        return false
    }

    /// Blanks, line breaks and comments between flow tokens.
    private mutating func skipFlowSpace() throws(YAMLError) {
        while let c = byte() {
            if YAMLParser.isBlank(c) {
                pos += 1
            } else if c == 0x0A {
                advance()
            } else if c == UInt8(ascii: "#") && (pos == lineStart || YAMLParser.isBlank(bytes[pos - 1])) {
                while let c = byte(), c != 0x0A { pos += 1 }
            } else {
                if column == 0 && isDocumentMarker { throw scannerError("found unexpected document indicator") }
                return
            }
        }
    }
}

/// Builds a mapping as sigs.k8s.io/yaml turns it into a JSON object: keys become strings
/// (numbers and booleans by their text), later keys replace earlier ones, and `<<` merges the
/// entries of a mapping (or of a list of mappings, earlier ones winning) in place.
struct YAMLObjectBuilder {
    var object = RegoObject()

    mutating func insert(_ key: YAMLKey, _ value: Value, parser: borrowing YAMLParser) throws(YAMLError) {
        if key.isMerge {
            switch value {
            case .object(let merged):
                for (k, v) in merged { object.insert(v, forKey: k) }
            case .array(let list):
                for item in list.reversed() {
                    guard case .object(let merged) = item else { throw YAMLObjectBuilder.mergeError }
                    for (k, v) in merged { object.insert(v, forKey: k) }
                }
            default:
                throw YAMLObjectBuilder.mergeError
            }
            return
        }
        object.insert(value, forKey: .string(try YAMLObjectBuilder.keyText(key.value, value: value)))
    }

    static let mergeError = YAMLError(message: "yaml: map merge requires map or sequence of maps as the value")

    /// sigs.k8s.io/yaml's key conversion: strings as they are, integers in decimal, floats by Go's
    /// shortest float32 text, booleans as `true`/`false`; anything else is refused.
    static func keyText(_ key: Value, value: Value) throws(YAMLError) -> String {
        switch key {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if let i = n.intValue { return String(i) }
            return YAMLScalar.formatFloatKey(n.doubleValue)
        case .null:
            throw YAMLError(message: "Unsupported map key of type: %!s(<nil>), key: <nil>, value: \(value.description)")
        case .array, .set:
            throw YAMLError(message: "Unsupported map key of type: []interface {}, key: \(key.description), value: \(value.description)")
        case .object:
            throw YAMLError(message: "Unsupported map key of type: map[interface {}]interface {}, key: \(key.description), value: \(value.description)")
        }
    }
}
