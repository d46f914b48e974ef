/// String-like tokens: the lexer only finds where they end and rejects what OPA's scanner rejects;
/// `StringDecoding` turns their bytes into text when the parser needs it.
extension Lexer {
    /// `"…"`: single line, JSON escapes. `position` is just past the opening quote.
    mutating func scanString(start: Int) throws {
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                throw error("non-terminated string", at: start)
            }
            let byte = bytes[position]
            try checkByte(at: position, tokenStart: start)
            position += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                try skipEscape(start: start, allowBrace: false)
            }
        }
    }

    /// `` `…` ``: may span lines, no escapes.
    mutating func scanRawString(start: Int) throws {
        while true {
            guard position < bytes.count else { throw error("non-terminated string", at: start) }
            try checkByte(at: position, tokenStart: start)
            position += 1
            if bytes[position - 1] == UInt8(ascii: "`") { return }
        }
    }

    /// Text of a template string up to the next embedded expression (`{`, returns false) or the
    /// closing delimiter (returns true). `\{` stands for a literal brace.
    mutating func scanTemplateText(raw: Bool, start: Int) throws -> Bool {
        let closing = raw ? UInt8(ascii: "`") : UInt8(ascii: "\"")
        while true {
            guard position < bytes.count, raw || bytes[position] != UInt8(ascii: "\n") else {
                throw error("non-terminated string", at: start)
            }
            let byte = bytes[position]
            try checkByte(at: position, tokenStart: start)
            position += 1
            if byte == closing { return true }
            if byte == UInt8(ascii: "{") { return false }
            if byte == UInt8(ascii: "\\") {
                if raw {
                    if self.byte(at: position) == UInt8(ascii: "{") { position += 1 }
                } else {
                    try skipEscape(start: start, allowBrace: true)
                }
            }
        }
    }

    /// After a backslash in a quoted string. Like OPA's scanner, `\u` skips the `u` and the next
    /// three characters; the fourth is scanned as ordinary text and the decoder checks the digits.
    private mutating func skipEscape(start: Int, allowBrace: Bool) throws {
        guard let byte = byte(at: position) else { throw error("non-terminated string", at: start) }
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "{") where allowBrace:
            position += 1
        case UInt8(ascii: "u"):
            position = Swift.min(position + 4, bytes.count)
        default:
            throw error("illegal escape sequence", at: start)
        }
    }
}
