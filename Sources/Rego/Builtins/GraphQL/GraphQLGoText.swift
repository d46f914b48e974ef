extension GraphQL {
    /// Go's text conventions that leak into gqlparser's messages.
    enum GoText {
        /// `strconv.Quote`: double quotes, Go escapes, printable characters kept as they are.
        static func quote(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\u{07}": out += "\\a"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0B}": out += "\\v"
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                default:
                    if Rego.GoText.isPrint(scalar) {
                        out.unicodeScalars.append(scalar)
                    } else if scalar.value < 0x80 {
                        out += "\\x" + hex(scalar.value, width: 2)
                    } else if scalar.value < 0x10000 {
                        out += "\\u" + hex(scalar.value, width: 4)
                    } else {
                        out += "\\U" + hex(scalar.value, width: 8)
                    }
                }
            }
            return out + "\""
        }

        static func hex(_ value: UInt32, width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }

        /// `fmt.Sprintf("%04d", n)`.
        static func zeroPadded(_ value: Int, width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }

        /// Go's `string(b)` for a single byte: the Unicode scalar with that value.
        static func byteAsRune(_ byte: UInt8) -> String {
            String(Character(Unicode.Scalar(byte)))
        }
    }
}
