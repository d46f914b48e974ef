/// Why a YAML text was refused, worded as go-yaml v2 words it (`yaml: line 3: mapping values are
/// not allowed in this context`), since OPA passes those messages on.
struct YAMLError: Error, Equatable {
    let message: String
}

/// A YAML parser for the subset that carries JSON-compatible data, producing `Value`s the way
/// sigs.k8s.io/yaml's `YAMLToJSON` (go-yaml v2 underneath) does for OPA's `yaml.unmarshal`: block
/// and flow collections, plain, quoted and block scalars, comments, anchors, aliases and `<<`
/// merges, and the core tags. Only the first document of a stream is read, as go-yaml's
/// `Unmarshal` does. Not supported, with an error: directives other than `%YAML`/`%TAG` lines
/// (which are skipped), and complex (collection) mapping keys, which JSON cannot hold anyway.
///
/// The parser is recursive descent over lines; nesting is bounded (`maxDepth`) so hostile input
/// cannot exhaust the stack, and aliases share the anchored value rather than copying it.
struct YAMLParser {
    static let maxDepth = 500

    let bytes: [UInt8]
    var pos = 0
    /// Zero-based line of `pos`, and the offset where that line starts.
    var line = 0
    var lineStart = 0
    var anchors: [String: Value] = [:]
    var depth = 0

    /// Parses the first document of `text` (an empty stream is null).
    static func parse(_ text: String) throws(YAMLError) -> Value {
        var parser = YAMLParser(text)
        return try parser.parseStream()
    }

    init(_ text: String) {
        // Line breaks are normalised to "\n"; a leading byte-order mark is dropped.
        var b: [UInt8] = []
        b.reserveCapacity(text.utf8.count)
        var previousCR = false
        for c in text.utf8 {
            if c == 0x0D {
                b.append(0x0A)
                previousCR = true
                continue
            }
            if c == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            b.append(c)
        }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
    }

    // MARK: - Looking at the text

    var atEnd: Bool { pos >= bytes.count }
    var column: Int { pos - lineStart }

    func byte(_ offset: Int = 0) -> UInt8? {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : nil
    }

    static func isBlank(_ c: UInt8?) -> Bool { c == 0x20 || c == 0x09 }
    /// Blank, line break or end of text: what must follow an indicator such as `-` or `:`.
    static func isSeparator(_ c: UInt8?) -> Bool { c == nil || c == 0x20 || c == 0x09 || c == 0x0A }
    static func isFlowIndicator(_ c: UInt8?) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }

    /// The indentation of the content line `pos` stands on, or -1 at the end of the text or at a
    /// document marker: both end every block collection.
    var indentHere: Int {
        if atEnd || isDocumentMarker { return -1 }
        return column
    }

    /// `---` or `...` at the start of a line, followed by a separator.
    var isDocumentMarker: Bool {
        guard column == 0, pos + 3 <= bytes.count else { return false }
        let c = bytes[pos]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return bytes[pos + 1] == c && bytes[pos + 2] == c && YAMLParser.isSeparator(byte(3))
    }

    /// `-` followed by a separator: a block sequence entry.
    var atSequenceEntry: Bool { byte() == UInt8(ascii: "-") && YAMLParser.isSeparator(byte(1)) }

    /// go-yaml v2 numbers lines oddly, and differently for scanner and parser errors (its
    /// `parser.fail`): a scanner error at 0-based line `p` says `line p+1`, unless `p` is 0, when
    /// it says the 0-based line of its context; a parser error says the 0-based line `p` itself
    /// (the line before, counting from 1), or its context's. Line 0 is not mentioned.
    func scannerError(_ message: String, context: Int? = nil) -> YAMLError {
        YAMLParser.located(message, line: line != 0 ? line + 1 : context ?? 0)
    }

    func parserError(_ message: String, context: Int) -> YAMLError {
        // At the end of the text libyaml's last token sits on a line of its own.
        let problem = atEnd && column != 0 ? line + 1 : line
        return YAMLParser.located(message, line: problem != 0 ? problem : context)
    }

    static func located(_ message: String, line: Int) -> YAMLError {
        YAMLError(message: line != 0 ? "yaml: line \(line): \(message)" : "yaml: \(message)")
    }

    mutating func enter() throws(YAMLError) {
        depth += 1
        if depth > YAMLParser.maxDepth { throw YAMLError(message: "yaml: exceeded max depth of \(YAMLParser.maxDepth)") }
    }

    // MARK: - Moving through the text

    mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where pos < bytes.count {
            if bytes[pos] == 0x0A {
                line += 1
                lineStart = pos + 1
            }
            pos += 1
        }
    }

    mutating func skipBlanks() {
        while YAMLParser.isBlank(byte()) { pos += 1 }
    }

    /// At a comment (a `#` at the start of a line or after a blank) or the end of the line.
    var atCommentOrLineEnd: Bool {
        guard let c = byte(), c != 0x0A else { return true }
        return c == UInt8(ascii: "#") && (pos == lineStart || YAMLParser.isBlank(bytes[pos - 1]))
    }

    /// Skips the rest of the current line (blanks and a comment only; anything else is an error),
    /// then blank and comment lines, stopping at the first content of the next content line.
    mutating func finishLine() throws(YAMLError) {
        skipBlanks()
        guard atCommentOrLineEnd else {
            if byte() == UInt8(ascii: ":") { throw scannerError("mapping values are not allowed in this context") }
            throw parserError("did not find expected key", context: line)
        }
        try skipToContent()
    }

    /// From anywhere in a line that holds nothing more (or only a comment), moves to the first
    /// content of the next line that has some. Tabs may not indent block content.
    mutating func skipToContent() throws(YAMLError) {
        while !atEnd {
            // Rest of the current line.
            while let c = byte(), c != 0x0A { pos += 1 }
            guard !atEnd else { return }
            advance()
            var sawTab = false
            while let c = byte(), YAMLParser.isBlank(c) {
                if c == 0x09 { sawTab = true }
                pos += 1
            }
            if atCommentOrLineEnd {
                if atEnd { return }
                continue
            }
            if sawTab { throw scannerError("found character that cannot start any token") }
            return
        }
    }

    /// Like `skipToContent` but starting at the first non-blank of a line (after a block scalar).
    mutating func settleAtContent() throws(YAMLError) {
        skipBlanks()
        if atCommentOrLineEnd && !atEnd { try skipToContent() }
    }

    // MARK: - Documents

    mutating func parseStream() throws(YAMLError) -> Value {
        // Leading blank and comment lines, and directives, before the first document.
        pos = 0
        skipBlanks()
        if atCommentOrLineEnd {
            try skipToContent()
        } else if bytes[..<pos].contains(0x09) {
            throw scannerError("found character that cannot start any token")
        }
        while !atEnd, column == 0, byte() == UInt8(ascii: "%") {
            while let c = byte(), c != 0x0A { pos += 1 }
            try skipToContent()
            guard isDocumentMarker, byte() == UInt8(ascii: "-") else {
                throw parserError("did not find expected <document start>", context: line)
            }
        }
        if atEnd { return .null }
        if isDocumentMarker {
            if byte() == UInt8(ascii: ".") { return .null }
            advance(3)
            skipBlanks()
            if atCommentOrLineEnd {
                try skipToContent()
                if atEnd || isDocumentMarker { return .null }
            }
        }
        let value = try parseBlockNode(parent: -1, inline: false)
        if !atEnd && !isDocumentMarker {
            throw parserError("did not find expected <document start>", context: line)
        }
        return value
    }

    // MARK: - Block nodes

    /// Parses the node whose first character is at `pos`, inside a block collection indented at
    /// `parent` (-1 at the top). `inline` says the node follows `key:` on the same line, where
    /// block collections cannot start. Returns at the next content line (or the end).
    mutating func parseBlockNode(parent: Int, inline: Bool, mappingValue: Bool = false) throws(YAMLError) -> Value {
        try enter()
        defer { depth -= 1 }
        let properties = try parseProperties()
        if properties.isPresent && atCommentOrLineEnd {
            // The node itself starts on a later line, or is empty.
            try skipToContent()
            if indentHere > parent {
                return try parseBlockContent(parent: parent, inline: false, properties: properties, ownLine: true)
            }
            if mappingValue && indentHere == parent && atSequenceEntry {
                return anchored(try parseBlockSequence(column: parent, indentless: true), properties)
            }
            return try scalar("", plain: true, properties)
        }
        return try parseBlockContent(parent: parent, inline: inline, properties: properties)
    }

    /// `ownLine`: the properties stood on a line of their own, so they belong to this node even
    /// when it is a mapping (on the mapping's first line they would belong to its first key).
    private mutating func parseBlockContent(
        parent: Int, inline: Bool, properties: YAMLProperties, ownLine: Bool = false
    ) throws(YAMLError) -> Value {
        let c = byte()
        let startLine = line
        let startColumn = column
        if atSequenceEntry {
            if inline { throw scannerError("block sequence entries are not allowed in this context") }
            return anchored(try parseBlockSequence(column: startColumn), properties)
        }
        if c == UInt8(ascii: "?") && YAMLParser.isSeparator(byte(1)) {
            if inline { throw scannerError("mapping keys are not allowed in this context") }
            return anchored(try parseBlockMapping(column: startColumn, firstKey: nil), properties)
        }
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            let text = try parseBlockScalar(parent: parent)
            return try scalar(text, plain: false, properties)
        }
        if c == UInt8(ascii: "@") || c == UInt8(ascii: "`") || c == UInt8(ascii: "%") {
            throw scannerError("found character that cannot start any token")
        }

        // Anything else is a single node, unless a `:` follows it on its line: then it is the
        // first key of a block mapping, and the properties read belong to that key.
        let isPlain = !(c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "[")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "*"))
        if isPlain {
            if lineHasPlainKey() {
                if inline { throw scannerError("mapping values are not allowed in this context") }
                let keyProperties = ownLine ? YAMLProperties() : properties
                let key = try parsePlainKey()
                let keyValue = try keyScalar(key, plain: true, keyProperties)
                let merge = keyProperties.tag == nil && key == "<<"
                let mapping = try parseBlockMapping(
                    column: startColumn, firstKey: YAMLKey(value: keyValue, isMerge: merge, line: startLine))
                return ownLine ? anchored(mapping, properties) : mapping
            }
            let text = try parsePlain(flow: false, parent: parent)
            return try scalar(text, plain: true, properties)
        }

        let node = try parseInlineNode(properties, asKey: false)
        skipBlanks()
        if byte() == UInt8(ascii: ":") && YAMLParser.isSeparator(byte(1)) {
            guard line == startLine else { throw scannerError("could not find expected ':'", context: startLine) }
            if inline { throw scannerError("mapping values are not allowed in this context") }
            let mapping = try parseBlockMapping(
                column: startColumn, firstKey: YAMLKey(value: node, isMerge: false, line: startLine))
            return ownLine ? anchored(mapping, properties) : mapping
        }
        try finishLine()
        return node
    }

    /// A quoted scalar, flow collection or alias, with its properties applied.
    mutating func parseInlineNode(_ properties: YAMLProperties, asKey: Bool) throws(YAMLError) -> Value {
        switch byte() {
        case UInt8(ascii: "\""):
            let text = try parseDoubleQuoted()
            return try asKey ? keyScalar(text, plain: false, properties) : scalar(text, plain: false, properties)
        case UInt8(ascii: "'"):
            let text = try parseSingleQuoted()
            return try asKey ? keyScalar(text, plain: false, properties) : scalar(text, plain: false, properties)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return anchored(try parseFlowCollection(), properties)
        default:
            if properties.isPresent { throw parserError("did not find expected node content", context: line) }
            return try parseAlias()
        }
    }

    mutating func parseAlias() throws(YAMLError) -> Value {
        advance()  // '*'
        let name = readAnchorName()
        guard !name.isEmpty else {
            throw scannerError("did not find expected alphabetic or numeric character")
        }
        // go-yaml reports this one without a line.
        guard let value = anchors[name] else { throw YAMLError(message: "yaml: unknown anchor '\(name)' referenced") }
        return value
    }

    func readAnchorNameEnd() -> Int {
        var i = pos
        while i < bytes.count, !YAMLParser.isSeparator(bytes[i]), !YAMLParser.isFlowIndicator(bytes[i]) { i += 1 }
        return i
    }

    mutating func readAnchorName() -> String {
        let end = readAnchorNameEnd()
        let name = String(decoding: bytes[pos..<end], as: UTF8.self)
        pos = end
        return name
    }

    /// Anchor (`&name`) and tag (`!tag`) properties, in either order, with the blanks after them.
    mutating func parseProperties() throws(YAMLError) -> YAMLProperties {
        var properties = YAMLProperties()
        while true {
            if byte() == UInt8(ascii: "&") && properties.anchor == nil {
                advance()
                let name = readAnchorName()
                if name.isEmpty { throw scannerError("did not find expected alphabetic or numeric character") }
                properties.anchor = name
            } else if byte() == UInt8(ascii: "!") && properties.tag == nil {
                let end = readAnchorNameEnd()
                properties.tag = YAMLProperties.normalisedTag(String(decoding: bytes[pos..<end], as: UTF8.self))
                pos = end
            } else {
                return properties
            }
            skipBlanks()
        }
    }

    // MARK: - Block collections

    /// A block sequence whose `-` entries stand at column `c`. An `indentless` one (the value of a
    /// mapping key, at the key's column) ends at the next key; any other must continue with `-`.
    mutating func parseBlockSequence(column c: Int, indentless: Bool = false) throws(YAMLError) -> Value {
        let startLine = line
        var items: [Value] = []
        while true {
            advance()  // '-'
            skipBlanks()
            if atCommentOrLineEnd {
                try skipToContent()
                items.append(indentHere > c ? try parseBlockNode(parent: c, inline: false) : .null)
            } else {
                items.append(try parseBlockNode(parent: c, inline: false))
            }
            let next = indentHere
            if next == c && atSequenceEntry { continue }
            if next > c || (next == c && !indentless) {
                throw parserError("did not find expected '-' indicator", context: startLine)
            }
            return .array(items)
        }
    }

    mutating func parseBlockMapping(column c: Int, firstKey: YAMLKey?) throws(YAMLError) -> Value {
        let startLine = firstKey?.line ?? line
        var object = YAMLObjectBuilder()
        var pending = firstKey
        while true {
            let key: YAMLKey
            if let first = pending {
                key = first
                pending = nil
            } else if byte() == UInt8(ascii: "?") && YAMLParser.isSeparator(byte(1)) {
                key = try parseExplicitKey(column: c)
            } else {
                key = try parseImplicitKey()
            }
            // `pos` is at the ':' of this entry, or past an explicit key without a value.
            var value = Value.null
            if byte() == UInt8(ascii: ":") && indentHere >= 0 {
                advance()
                skipBlanks()
                if atCommentOrLineEnd {
                    try skipToContent()
                    if indentHere > c {
                        value = try parseBlockNode(parent: c, inline: false, mappingValue: true)
                    } else if indentHere == c && atSequenceEntry {
                        value = try parseBlockSequence(column: c, indentless: true)
                    }
                } else {
                    value = try parseBlockNode(parent: c, inline: true, mappingValue: true)
                }
            }
            try object.insert(key, value, parser: self)

            let next = indentHere
            if next < c { return .object(object.object) }
            if next > c || atSequenceEntry { throw parserError("did not find expected key", context: startLine) }
        }
    }

    /// `? key` with its value on a following `: value` line (or none).
    private mutating func parseExplicitKey(column c: Int) throws(YAMLError) -> YAMLKey {
        let keyLine = line
        advance()
        skipBlanks()
        var key = Value.null
        if atCommentOrLineEnd {
            try skipToContent()
            if indentHere > c { key = try parseBlockNode(parent: c, inline: false) }
        } else {
            key = try parseBlockNode(parent: c, inline: false)
        }
        if indentHere == c && byte() == UInt8(ascii: ":") && YAMLParser.isSeparator(byte(1)) {
            return YAMLKey(value: key, isMerge: false, line: keyLine)
        }
        // No value line: the key maps to null. Leave `pos` where the next entry starts.
        return YAMLKey(value: key, isMerge: false, line: keyLine, hasValue: false)
    }

    /// A key on one line, followed by `:`: an alias, a quoted scalar, a flow collection or a plain
    /// scalar, with properties.
    private mutating func parseImplicitKey() throws(YAMLError) -> YAMLKey {
        let keyLine = line
        let properties = try parseProperties()
        let c = byte()
        let value: Value
        var merge = false
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "*")
        {
            value = try parseInlineNode(properties, asKey: true)
            skipBlanks()
        } else if c == UInt8(ascii: ":") && YAMLParser.isSeparator(byte(1)) {
            value = try keyScalar("", plain: true, properties)
        } else {
            guard lineHasPlainKey() else {
                throw scannerError("could not find expected ':'", context: keyLine)
            }
            let text = try parsePlainKey()
            merge = properties.tag == nil && text == "<<"
            value = try keyScalar(text, plain: true, properties)
        }
        guard line == keyLine, byte() == UInt8(ascii: ":"), YAMLParser.isSeparator(byte(1)) else {
            throw scannerError("could not find expected ':'", context: keyLine)
        }
        return YAMLKey(value: value, isMerge: merge, line: keyLine)
    }

}

/// A mapping key as read, with where it was (for messages) and whether it is the merge key `<<`.
struct YAMLKey {
    var value: Value
    var isMerge: Bool
    var line: Int
    var hasValue = true
}

/// The anchor and tag read before a node.
struct YAMLProperties {
    var anchor: String?
    var tag: String?

    var isPresent: Bool { anchor != nil || tag != nil }

    /// `!!str` for `tag:yaml.org,2002:str` and `!<tag:yaml.org,2002:str>`; other tags as written.
    static func normalisedTag(_ text: String) -> String {
        let core = "tag:yaml.org,2002:"
        if text.hasPrefix("!<") && text.hasSuffix(">") {
            let inner = String(text.dropFirst(2).dropLast())
            return inner.hasPrefix(core) ? "!!" + inner.dropFirst(core.count) : inner
        }
        return text
    }
}

extension YAMLParser {
    /// Records the anchor of a finished node.
    mutating func anchored(_ value: Value, _ properties: YAMLProperties) -> Value {
        if let anchor = properties.anchor { anchors[anchor] = value }
        return value
    }

    /// A scalar used as a value: resolved by its tag or, untagged and plain, by go-yaml v2's rules.
    /// NaN and infinities are refused as JSON refuses them (sigs.k8s.io/yaml converts to JSON).
    mutating func scalar(_ text: String, plain: Bool, _ properties: YAMLProperties) throws(YAMLError) -> Value {
        let value = try resolvedScalar(text, plain: plain, tag: properties.tag, asKey: false)
        return anchored(value, properties)
    }

    /// A plain or quoted scalar used as a mapping key: non-finite floats become their YAML names.
    mutating func keyScalar(_ text: String, plain: Bool, _ properties: YAMLProperties) throws(YAMLError) -> Value {
        let value = try resolvedScalar(text, plain: plain, tag: properties.tag, asKey: true)
        return anchored(value, properties)
    }

    private func resolvedScalar(_ text: String, plain: Bool, tag: String?, asKey: Bool) throws(YAMLError) -> Value {
        guard let tag else {
            return plain ? try value(of: YAMLScalar.resolve(text), text, asKey: asKey) : .string(text)
        }
        switch tag {
        case "!!str", "!":
            return .string(text)
        case "!!null", "!!bool", "!!int", "!!float":
            let resolved = YAMLScalar.resolve(text)
            let kind: String
            switch resolved {
            case .null: kind = "!!null"
            case .bool: kind = "!!bool"
            case .int, .uint: kind = "!!int"
            case .float: kind = "!!float"
            case .timestamp: kind = "!!timestamp"
            case .merge: kind = "!!merge"
            case .string: kind = "!!str"
            }
            // An integer tagged as a float is a float; any other mismatch is an error.
            if kind == tag || (tag == "!!float" && kind == "!!int") {
                return try value(of: resolved, text, asKey: asKey)
            }
            throw YAMLError(message: "yaml: cannot decode \(kind) `\(text)` as a \(tag)")
        case "!!binary":
            guard case .success(let bytes) = Base64.standard.decode(String(text.filter { !$0.isWhitespace })) else {
                throw YAMLError(message: "yaml: !!binary value contains invalid base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        default:
            // Timestamps, and tags go-yaml does not resolve, keep the text.
            return .string(text)
        }
    }

    private func value(of resolved: YAMLScalar.Resolved, _ text: String, asKey: Bool) throws(YAMLError) -> Value {
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .double(Double(u))
        case .float(let d):
            if d.isFinite { return .double(d) }
            if asKey { return .string(YAMLScalar.formatFloat(d)) }
            throw YAMLError(message: "json: unsupported value: \(d.isNaN ? "NaN" : d < 0 ? "-Inf" : "+Inf")")
        case .merge, .timestamp, .string: return .string(text)
        }
    }
}
