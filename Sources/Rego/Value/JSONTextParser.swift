/// A strict RFC 8259 JSON parser producing `Value`s, for `json.unmarshal` and `json.is_valid`.
///
/// Pure Swift over the UTF-8 bytes. Errors use the wording of Go's `encoding/json` (what OPA
/// reports), e.g. `invalid character 'x' looking for beginning of value` or `unexpected EOF`.
/// Duplicate object keys keep the last value, as Go does. Numbers go through `Number(literal:)`.
public enum JSONTextParser {
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// Byte offset in the input where the problem was found.
        public var offset: Int
        public var description: String { message }
    }

    /// Nesting deeper than this is rejected rather than risking the stack on hostile input.
    public static let maxDepth = 1_000

    /// Parses one JSON value surrounded by optional whitespace.
    public static func parse(_ text: String) throws(Error) -> Value {
        var text = text
        let result: Result<Value, Error> = text.withUTF8 { bytes in
            var parser = JSONByteParser(bytes: bytes)
            do throws(Error) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Whether `text` is exactly one valid JSON value (Go's `json.Valid`).
    public static func isValid(_ text: String) -> Bool {
        (try? parse(text)) != nil
    }
}

private struct JSONByteParser {
    typealias Error = JSONTextParser.Error

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func parseDocument() throws(Error) -> Value {
        skipWhitespace()
        guard position < bytes.count else { throw Error(message: "EOF", offset: position) }
        let value = try parseValue()
        // A number runs into whatever follows it: Go's decoder reports that byte itself.
        if case .number = value, let c = peek(), !isSpace(c) {
            throw fail("invalid character \(quote(c)) after top-level value")
        }
        skipWhitespace()
        if position < bytes.count { throw try trailingDataError() }
        return value
    }

    /// OPA reads one more token after the value and names it (`error: invalid character 'x'
    /// after top-level value`); bytes that cannot start a token fail as Go's tokenizer does.
    mutating func trailingDataError() throws(Error) -> Error {
        let start = position
        let token: String
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): token = String(Character(Unicode.Scalar(bytes[position])))
        case UInt8(ascii: "\""): token = try parseString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            while let c = peek(), !isSpace(c), !"{}[],:\"".utf8.contains(c) { position += 1 }
            token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        default:
            return fail("invalid character \(quote(bytes[position])) looking for beginning of value")
        }
        position = start
        return fail("error: invalid character '\(token)' after top-level value")
    }

    // MARK: - Values

    mutating func parseValue() throws(Error) -> Value {
        guard let c = peek() else { throw eof() }
        switch c {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .true
        case UInt8(ascii: "f"): try expectLiteral("false"); return .false
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("invalid character \(quote(c)) looking for beginning of value")
        }
    }

    mutating func parseObject() throws(Error) -> Value {
        try enter()
        position += 1  // {
        var pairs: [(Value, Value)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .emptyObject
        }
        while true {
            skipWhitespace()
            guard let c = peek() else { throw eof() }
            guard c == UInt8(ascii: "\"") else {
                throw fail("invalid character \(quote(c)) looking for beginning of object key string")
            }
            let key = try parseString()
            skipWhitespace()
            guard let colon = peek() else { throw eof() }
            guard colon == UInt8(ascii: ":") else { throw fail("invalid character \(quote(colon)) after object key") }
            position += 1
            skipWhitespace()
            pairs.append((.string(key), try parseValue()))
            skipWhitespace()
            guard let next = peek() else { throw eof() }
            position += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "}") { break }
            position -= 1
            throw fail("invalid character \(quote(next)) after object key:value pair")
        }
        depth -= 1
        return .object(RegoObject(pairs))
    }

    mutating func parseArray() throws(Error) -> Value {
        try enter()
        position += 1  // [
        var elements: [Value] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .emptyArray
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard let next = peek() else { throw eof() }
            position += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "]") { break }
            position -= 1
            throw fail("invalid character \(quote(next)) after array element")
        }
        depth -= 1
        return .array(elements)
    }

    mutating func enter() throws(Error) {
        depth += 1
        if depth > JSONTextParser.maxDepth { throw fail("exceeded max depth") }
    }

    // MARK: - Strings

    mutating func parseString() throws(Error) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the bytes are the string (they are valid UTF-8 already).
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw fail("invalid character \(quote(c)) in string literal") }
            position += 1
        }
        var out = Array(bytes[start..<position])
        while true {
            guard position < bytes.count else { throw eof() }
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("invalid character \(quote(c)) in string literal") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                position += 1
                continue
            }
            position += 1
            guard let e = peek() else { throw eof() }
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar), peek() == UInt8(ascii: "\\"),
                    position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
                {
                    // A high surrogate followed by an escaped low surrogate: one code point.
                    let save = position
                    position += 2
                    let low = try parseHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position = save
                    }
                }
                // Lone surrogates become U+FFFD, as Go's decoder does.
                let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(decoded)).utf8)
            default:
                position -= 1
                throw fail("invalid character \(quote(e)) in string escape code")
            }
        }
    }

    mutating func parseHex4() throws(Error) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek() else { throw eof() }
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw fail("invalid character \(quote(c)) in \\u hexadecimal character escape")
            }
            v = v << 4 | UInt32(digit)
            position += 1
        }
        return v
    }

    // MARK: - Numbers and literals

    mutating func parseNumber() throws(Error) -> Number {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek() else { throw eof() }
        if first == UInt8(ascii: "0") {
            position += 1
        } else if isDigit(first) {
            skipDigits()
        } else {
            throw fail("invalid character \(quote(first)) in numeric literal")
        }
        var integral = true
        if peek() == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let c = peek() else { throw eof() }
            guard isDigit(c) else { throw fail("invalid character \(quote(c)) after decimal point in numeric literal") }
            skipDigits()
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            integral = false
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard let c = peek() else { throw eof() }
            guard isDigit(c) else { throw fail("invalid character \(quote(c)) in exponent of numeric literal") }
            skipDigits()
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        // Fast path: short integers need no text at all.
        if integral, digits.count <= 18 {
            var value = 0
            for d in digits where d != UInt8(ascii: "-") { value = value * 10 + Int(d - UInt8(ascii: "0")) }
            return Number(digits[0] == UInt8(ascii: "-") ? -value : value)
        }
        guard let n = Number(literal: String(decoding: digits, as: UTF8.self)) else {
            position = start
            throw fail("number \(String(decoding: digits, as: UTF8.self)) is out of range")
        }
        return n
    }

    mutating func expectLiteral(_ word: StaticString) throws(Error) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (i, byte) in expected.enumerated() {
            guard let c = peek() else { throw eof() }
            guard c == byte else {
                throw fail("invalid character \(quote(c)) in literal \(word) (expecting \(quote(expected[i])))")
            }
            position += 1
        }
    }

    // MARK: - Helpers

    @inline(__always) func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let c = peek(), isDigit(c) { position += 1 }
    }

    @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    mutating func skipWhitespace() {
        while let c = peek(), isSpace(c) { position += 1 }
    }

    func fail(_ message: String) -> Error { Error(message: message, offset: position) }
    func eof() -> Error { Error(message: "unexpected EOF", offset: position) }

    /// Go's `quoteChar`: the byte as a quoted character, `'\''` for a quote.
    func quote(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x09: return "'\\t'"
        default:
            if c < 0x20 || c == 0x7F {
                let hex = String(c, radix: 16)
                return "'\\x" + (hex.count == 1 ? "0" + hex : hex) + "'"
            }
            return "'" + String(Character(Unicode.Scalar(c))) + "'"
        }
    }
}
