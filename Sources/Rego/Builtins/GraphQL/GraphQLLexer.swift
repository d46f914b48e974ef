extension GraphQL {
    /// Splits GraphQL text into tokens the way gqlparser's lexer does, byte for byte: the same
    /// token kinds, the same positions (columns counted in scalars; a CR LF pair moves the next
    /// line's columns one to the right, as gqlparser's does) and the same error positions.
    struct Lexer {
        private let input: [UInt8]
        private var start = 0
        private var startRunes = 0
        private var end = 0
        private var endRunes = 0
        private var line = 1
        private var lineStartRunes = 0

        init(_ text: String) {
            input = Array(text.utf8)
        }

        /// The next token. A malformed token comes back with kind `.invalid` and the failure
        /// gqlparser reports if the parser consumes it.
        mutating func next() -> (Token, Failure?) {
            skipIgnored()
            start = end
            startRunes = endRunes
            if end >= input.count { return token(.eof) }
            let byte = input[start]
            end += 1
            endRunes += 1
            switch byte {
            case UInt8(ascii: "!"): return token(.bang, "")
            case UInt8(ascii: "$"): return token(.dollar, "")
            case UInt8(ascii: "&"): return token(.amp, "")
            case UInt8(ascii: "("): return token(.parenL, "")
            case UInt8(ascii: ")"): return token(.parenR, "")
            case UInt8(ascii: "."):
                if input.count > start + 2, input[start + 1] == UInt8(ascii: "."), input[start + 2] == UInt8(ascii: ".") {
                    end += 2
                    endRunes += 2
                    return token(.spread, "")
                }
            case UInt8(ascii: ":"): return token(.colon, "")
            case UInt8(ascii: "="): return token(.equals, "")
            case UInt8(ascii: "@"): return token(.at, "")
            case UInt8(ascii: "["): return token(.bracketL, "")
            case UInt8(ascii: "]"): return token(.bracketR, "")
            case UInt8(ascii: "{"): return token(.braceL, "")
            case UInt8(ascii: "}"): return token(.braceR, "")
            case UInt8(ascii: "|"): return token(.pipe, "")
            case UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return readName()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return readNumber()
            case UInt8(ascii: "\""):
                if input.count > start + 2, input[start + 1] == UInt8(ascii: "\""), input[start + 2] == UInt8(ascii: "\"") {
                    return readBlockString()
                }
                return readString()
            default:
                break
            }
            end -= 1
            endRunes -= 1
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                return failure("Cannot contain the invalid character \"\\u\(GoText.zeroPadded(Int(byte), width: 4))\"")
            }
            if byte == UInt8(ascii: "'") {
                return failure("Unexpected single quote character ('), did you mean to use a double quote (\")?")
            }
            return failure("Cannot parse the unexpected character \"\(GoText.byteAsRune(byte))\".")
        }

        // MARK: - Token construction

        private func token(_ kind: TokenKind) -> (Token, Failure?) {
            token(kind, String(decoding: input[start..<end], as: UTF8.self))
        }

        private func token(_ kind: TokenKind, _ value: String) -> (Token, Failure?) {
            (Token(kind: kind, value: value, position: Position(line: line, column: startRunes - lineStartRunes + 1)), nil)
        }

        /// An invalid token positioned where the lexer stopped, as gqlparser's `makeError` does.
        private func failure(_ message: String) -> (Token, Failure?) {
            let position = Position(line: line, column: endRunes - lineStartRunes + 1)
            return (Token(kind: .invalid, value: "", position: position), Failure(message, at: position))
        }

        // MARK: - Ignored text

        /// Whitespace, commas, line terminators, byte order marks and comments.
        private mutating func skipIgnored() {
            while end < input.count {
                switch input[end] {
                case UInt8(ascii: "\t"), UInt8(ascii: " "), UInt8(ascii: ","):
                    end += 1
                    endRunes += 1
                case UInt8(ascii: "\n"):
                    end += 1
                    endRunes += 1
                    line += 1
                    lineStartRunes = endRunes
                case UInt8(ascii: "\r"):
                    end += 1
                    endRunes += 1
                    line += 1
                    lineStartRunes = endRunes
                    if end < input.count, input[end] == UInt8(ascii: "\n") {
                        end += 1
                        endRunes += 1
                    }
                case 0xEF:
                    guard end + 2 < input.count, input[end + 1] == 0xBB, input[end + 2] == 0xBF else { return }
                    end += 3
                    endRunes += 1
                case UInt8(ascii: "#"):
                    // A comment runs to the end of the line; gqlparser lexes it as a token it drops.
                    end += 1
                    endRunes += 1
                    while end < input.count {
                        let byte = input[end]
                        guard byte > 0x1F || byte == UInt8(ascii: "\t") else { break }
                        end += Lexer.scalarWidth(byte)
                        endRunes += 1
                    }
                default:
                    return
                }
            }
        }

        // MARK: - Names and numbers

        private mutating func readName() -> (Token, Failure?) {
            while end < input.count {
                let byte = input[end]
                let isNameByte =
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
                guard isNameByte else { break }
                end += 1
                endRunes += 1
            }
            return token(.name)
        }

        private mutating func readNumber() -> (Token, Failure?) {
            var isFloat = false
            end -= 1
            endRunes -= 1
            _ = accept(UInt8(ascii: "-"))
            if accept(UInt8(ascii: "0")) {
                let consumed = acceptDigits()
                if consumed != 0 {
                    end -= consumed
                    endRunes -= consumed
                    return failure("Invalid number, unexpected digit after 0: \(describeNext()).")
                }
            } else if acceptDigits() == 0 {
                return failure("Invalid number, expected digit but got: \(describeNext()).")
            }
            if accept(UInt8(ascii: ".")) {
                isFloat = true
                if acceptDigits() == 0 {
                    return failure("Invalid number, expected digit but got: \(describeNext()).")
                }
            }
            if accept(UInt8(ascii: "e")) || accept(UInt8(ascii: "E")) {
                isFloat = true
                _ = accept(UInt8(ascii: "-")) || accept(UInt8(ascii: "+"))
                if acceptDigits() == 0 {
                    return failure("Invalid number, expected digit but got: \(describeNext()).")
                }
            }
            return token(isFloat ? .float : .int)
        }

        private mutating func accept(_ byte: UInt8) -> Bool {
            guard end < input.count, input[end] == byte else { return false }
            end += 1
            endRunes += 1
            return true
        }

        private mutating func acceptDigits() -> Int {
            var consumed = 0
            while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9") {
                end += 1
                endRunes += 1
                consumed += 1
            }
            return consumed
        }

        private func describeNext() -> String {
            end < input.count ? "\"" + GoText.byteAsRune(input[end]) + "\"" : "<EOF>"
        }

        // MARK: - Strings

        private mutating func readString() -> (Token, Failure?) {
            // Only strings with escapes need a decoded copy; the rest are slices of the input.
            var decoded: [UInt8]?
            start += 1
            startRunes += 1
            while end < input.count {
                let byte = input[end]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                if byte < 0x20, byte != UInt8(ascii: "\t") {
                    return failure("Invalid character within String: \"\\u\(GoText.zeroPadded(Int(byte), width: 4))\".")
                }
                switch byte {
                case UInt8(ascii: "\""):
                    let text = decoded.map { String(decoding: $0, as: UTF8.self) }
                        ?? String(decoding: input[start..<end], as: UTF8.self)
                    let result = token(.string, text)
                    end += 1
                    endRunes += 1
                    return result
                case UInt8(ascii: "\\"):
                    if end + 1 >= input.count {
                        end += 1
                        endRunes += 1
                        return failure("Invalid character escape sequence.")
                    }
                    if decoded == nil { decoded = Array(input[start..<end]) }
                    let escape = input[end + 1]
                    if escape == UInt8(ascii: "u") {
                        if end + 6 >= input.count {
                            end += 1
                            endRunes += 1
                            return failure("Invalid character escape sequence: \\\(String(decoding: input[end...], as: UTF8.self)).")
                        }
                        guard let scalar = Lexer.unhex(input[(end + 2)..<(end + 6)]) else {
                            end += 1
                            endRunes += 1
                            return failure("Invalid character escape sequence: \\\(String(decoding: input[end..<(end + 5)], as: UTF8.self)).")
                        }
                        // Go writes U+FFFD for a lone surrogate.
                        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                        decoded!.append(contentsOf: Array(String(character).utf8))
                        end += 6
                        endRunes += 6
                    } else {
                        switch escape {
                        case UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): decoded!.append(escape)
                        case UInt8(ascii: "b"): decoded!.append(0x08)
                        case UInt8(ascii: "f"): decoded!.append(0x0C)
                        case UInt8(ascii: "n"): decoded!.append(0x0A)
                        case UInt8(ascii: "r"): decoded!.append(0x0D)
                        case UInt8(ascii: "t"): decoded!.append(0x09)
                        default:
                            end += 1
                            endRunes += 1
                            return failure("Invalid character escape sequence: \\\(GoText.byteAsRune(escape)).")
                        }
                        end += 2
                        endRunes += 2
                    }
                default:
                    let width = Lexer.scalarWidth(byte)
                    decoded?.append(contentsOf: input[end..<min(end + width, input.count)])
                    end += width
                    endRunes += 1
                }
            }
            return failure("Unterminated string.")
        }

        private mutating func readBlockString() -> (Token, Failure?) {
            var raw: [UInt8] = []
            start += 3
            startRunes += 3
            end += 2
            endRunes += 2
            while end < input.count {
                let byte = input[end]
                if byte == UInt8(ascii: "\""), end + 3 <= input.count,
                    input[end + 1] == UInt8(ascii: "\""), input[end + 2] == UInt8(ascii: "\"")
                {
                    let result = token(.blockString, BlockString.value(String(decoding: raw, as: UTF8.self)))
                    end += 3
                    endRunes += 3
                    return result
                }
                if byte < 0x20, byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
                    return failure("Invalid character within String: \"\\u\(GoText.zeroPadded(Int(byte), width: 4))\".")
                }
                if byte == UInt8(ascii: "\\"), end + 4 <= input.count, input[end + 1] == UInt8(ascii: "\""),
                    input[end + 2] == UInt8(ascii: "\""), input[end + 3] == UInt8(ascii: "\"")
                {
                    raw.append(contentsOf: [0x22, 0x22, 0x22])
                    end += 4
                    endRunes += 4
                } else if byte == UInt8(ascii: "\r") {
                    if end + 1 < input.count, input[end + 1] == UInt8(ascii: "\n") {
                        end += 1
                        endRunes += 1
                    }
                    raw.append(0x0A)
                    end += 1
                    endRunes += 1
                    line += 1
                    lineStartRunes = endRunes
                } else {
                    let width = Lexer.scalarWidth(byte)
                    raw.append(contentsOf: input[end..<min(end + width, input.count)])
                    end += width
                    endRunes += 1
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        lineStartRunes = endRunes
                    }
                }
            }
            return failure("Unterminated string.")
        }

        /// Four hex digits, or nil.
        private static func unhex(_ digits: ArraySlice<UInt8>) -> UInt32? {
            var value: UInt32 = 0
            for byte in digits {
                value <<= 4
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value |= UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value |= UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value |= UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
            return value
        }

        /// Bytes in the UTF-8 sequence a leading byte starts (the text came from a Swift string,
        /// so it is well formed).
        private static func scalarWidth(_ byte: UInt8) -> Int {
            switch byte {
            case 0..<0x80: return 1
            case 0xC0..<0xE0: return 2
            case 0xE0..<0xF0: return 3
            case 0xF0...: return 4
            default: return 1
            }
        }
    }
}
