/// Turns Rego source into tokens, one at a time, on UTF-8 bytes.
///
/// The parser pulls tokens on demand because template strings switch modes: after the `}` that
/// closes an embedded expression the parser asks for `continueTemplate(raw:)` instead of `next()`.
/// The lexer is a small value type, so the parser can snapshot and restore it to try an
/// alternative parse.
///
/// Errors use OPA's scanner messages and point at the start of the offending token.
struct Lexer: Sendable {
    let bytes: [UInt8]
    let file: String
    /// Offset of the next byte to scan.
    var position: Int
    /// Line/column bookkeeping: the position last converted to a line and column. Tokens are
    /// scanned forward, so converting each token start costs only the bytes since the previous
    /// one (linear overall, even for a megabyte on one line).
    private var trackedOffset: Int
    private var trackedLine = 1
    private var trackedColumn = 1

    init(text: String, file: String) {
        self.bytes = Array(text.utf8)
        self.file = file
        // A leading byte-order mark is ignored, as by OPA's scanner.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.position = start
        self.trackedOffset = start
    }

    // MARK: - Positions and text

    /// The location of byte `offset`; `offset` must not precede the last location asked for.
    mutating func location(at offset: Int) -> SourceLocation {
        var index = trackedOffset
        while index < offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                trackedLine += 1
                trackedColumn = 1
            } else if byte & 0xC0 != 0x80 {
                // Columns count characters (Unicode scalars), like OPA's scanner, not bytes.
                trackedColumn += 1
            }
            index += 1
        }
        trackedOffset = Swift.max(trackedOffset, offset)
        return SourceLocation(file: file, line: trackedLine, column: trackedColumn, offset: offset)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The byte at `offset`, or nil past the end.
    func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    // MARK: - Scanning

    /// Scans the next token, skipping whitespace and `#` comments.
    mutating func next() throws -> Token {
        var followsSpace = false
        var followsNewline = false
        skipping: while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                followsSpace = true
                position += 1
            case UInt8(ascii: "\n"):
                followsSpace = true
                followsNewline = true
                position += 1
            case UInt8(ascii: "#"):
                followsSpace = true
                try skipComment()
            default:
                break skipping
            }
        }
        var token = try scanToken()
        token.followsSpace = followsSpace
        token.followsNewline = followsNewline
        return token
    }

    /// Scans the text after the `}` that ends an expression inside a template string.
    /// `closingBrace` is that `}` token; the new part starts there.
    mutating func continueTemplate(raw: Bool, closingBrace: Token) throws -> Token {
        let last = try scanTemplateText(raw: raw, start: closingBrace.start)
        return Token(
            kind: .templatePart(raw: raw, last: last), start: closingBrace.start, end: position,
            line: closingBrace.line, column: closingBrace.column, followsSpace: false, followsNewline: false)
    }

    private mutating func skipComment() throws {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
            try checkByte(at: position, tokenStart: start)
            position += 1
        }
    }

    /// Bytes OPA rejects wherever they appear, even in comments and strings.
    mutating func checkByte(at offset: Int, tokenStart: Int) throws {
        switch bytes[offset] {
        case 0:
            throw error("illegal null character", at: tokenStart)
        case 0xEF where offset + 2 < bytes.count && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF:
            throw error("illegal byte-order mark", at: tokenStart)
        default:
            return
        }
    }

    mutating func error(_ message: String, at offset: Int) -> RegoError {
        RegoError(.parse, message, at: location(at: offset))
    }

    private mutating func makeToken(_ kind: Token.Kind, from start: Int) -> Token {
        let location = location(at: start)
        return Token(
            kind: kind, start: start, end: position, line: location.line, column: location.column,
            followsSpace: false, followsNewline: false)
    }

    private mutating func scanToken() throws -> Token {
        let start = position
        guard position < bytes.count else { return makeToken(.eof, from: start) }
        let byte = bytes[position]
        if Lexer.isLetter(byte) {
            position += 1
            while position < bytes.count, Lexer.isLetter(bytes[position]) || Lexer.isDigit(bytes[position]) {
                position += 1
            }
            if let keyword = Keyword.lookup(bytes, start, position) {
                return makeToken(.keyword(keyword), from: start)
            }
            return makeToken(.identifier, from: start)
        }
        if Lexer.isDigit(byte) {
            try scanNumber()
            return makeToken(.number, from: start)
        }
        position += 1
        switch byte {
        case UInt8(ascii: "\""):
            try scanString(start: start)
            return makeToken(.string, from: start)
        case UInt8(ascii: "`"):
            try scanRawString(start: start)
            return makeToken(.rawString, from: start)
        case UInt8(ascii: "$"):
            let opener = self.byte(at: position)
            guard opener == UInt8(ascii: "\"") || opener == UInt8(ascii: "`") else {
                throw error("illegal $ character", at: start)
            }
            position += 1
            let raw = opener == UInt8(ascii: "`")
            let last = try scanTemplateText(raw: raw, start: start)
            return makeToken(.templatePart(raw: raw, last: last), from: start)
        case UInt8(ascii: "["): return makeToken(.symbol(.leftBracket), from: start)
        case UInt8(ascii: "]"): return makeToken(.symbol(.rightBracket), from: start)
        case UInt8(ascii: "{"): return makeToken(.symbol(.leftBrace), from: start)
        case UInt8(ascii: "}"): return makeToken(.symbol(.rightBrace), from: start)
        case UInt8(ascii: "("): return makeToken(.symbol(.leftParen), from: start)
        case UInt8(ascii: ")"): return makeToken(.symbol(.rightParen), from: start)
        case UInt8(ascii: ","): return makeToken(.symbol(.comma), from: start)
        case UInt8(ascii: ";"): return makeToken(.symbol(.semicolon), from: start)
        case UInt8(ascii: "."): return makeToken(.symbol(.dot), from: start)
        case UInt8(ascii: "+"): return makeToken(.symbol(.plus), from: start)
        case UInt8(ascii: "-"): return makeToken(.symbol(.minus), from: start)
        case UInt8(ascii: "*"): return makeToken(.symbol(.star), from: start)
        case UInt8(ascii: "/"): return makeToken(.symbol(.slash), from: start)
        case UInt8(ascii: "%"): return makeToken(.symbol(.percent), from: start)
        case UInt8(ascii: "&"): return makeToken(.symbol(.ampersand), from: start)
        case UInt8(ascii: "|"): return makeToken(.symbol(.bar), from: start)
        case UInt8(ascii: ":"):
            return makeToken(.symbol(consume(UInt8(ascii: "=")) ? .assign : .colon), from: start)
        case UInt8(ascii: "="):
            return makeToken(.symbol(consume(UInt8(ascii: "=")) ? .equal : .unify), from: start)
        case UInt8(ascii: "<"):
            return makeToken(.symbol(consume(UInt8(ascii: "=")) ? .lessEqual : .less), from: start)
        case UInt8(ascii: ">"):
            return makeToken(.symbol(consume(UInt8(ascii: "=")) ? .greaterEqual : .greater), from: start)
        case UInt8(ascii: "!"):
            guard consume(UInt8(ascii: "=")) else { throw error("illegal ! character", at: start) }
            return makeToken(.symbol(.notEqual), from: start)
        default:
            position = start
            try checkByte(at: start, tokenStart: start)
            throw error("illegal token", at: start)
        }
    }

    private mutating func consume(_ expected: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == expected else { return false }
        position += 1
        return true
    }

    /// `12`, `1.5`, `1e3`, `2.5E-7`. A sign is never part of the token.
    private mutating func scanNumber() throws {
        let start = position
        skipDigits()
        if consume(UInt8(ascii: ".")) {
            guard skipDigits() else { throw error("expected fraction", at: start) }
        }
        if let byte = byte(at: position), byte | 0x20 == UInt8(ascii: "e") {
            position += 1
            if let sign = self.byte(at: position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                position += 1
            }
            guard skipDigits() else { throw error("expected exponent", at: start) }
        }
        // `0a2b` is one malformed number, not a number followed by an identifier.
        if let byte = byte(at: position), Lexer.isLetter(byte) {
            throw error("illegal number format", at: start)
        }
    }

    @discardableResult
    private mutating func skipDigits() -> Bool {
        let start = position
        while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
        return position > start
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
