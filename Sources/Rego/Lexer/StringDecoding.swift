/// Decodes the contents of string tokens, matching what OPA gets from Go's `json.Unmarshal`.
enum StringDecoding {
    /// The text between the quotes of a `"…"` string or a `$"…"` template part, with JSON escapes
    /// (and `\{` in templates) resolved. Nil when Go's JSON decoder would reject it.
    ///
    /// Like OPA, text without any backslash is taken as is (even with raw control characters);
    /// only text with escapes goes through the strict JSON rules.
    static func decodeQuoted(_ bytes: [UInt8], _ start: Int, _ end: Int, braceEscape: Bool) -> String? {
        var index = start
        while index < end, bytes[index] != UInt8(ascii: "\\") { index += 1 }
        if index == end { return String(decoding: bytes[start..<end], as: UTF8.self) }

        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { return nil }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "{") where braceEscape: output.append(escaped)
            case UInt8(ascii: "u"):
                guard let unit = hexQuad(bytes, index, end) else { return nil }
                index += 4
                var scalar = Unicode.Scalar(unit)
                if (0xD800...0xDBFF).contains(unit), index + 6 <= end, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hexQuad(bytes, index + 2, end),
                    (0xDC00...0xDFFF).contains(low)
                {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    index += 6
                }
                // A surrogate without its partner becomes U+FFFD, as Go's decoder does.
                appendUTF8(scalar ?? "\u{FFFD}", to: &output)
            default:
                return nil
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A raw template part: verbatim except that `\{` stands for `{`.
    static func decodeRawTemplate(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "{") {
                index += 1
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexQuad(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: UTF8.encode(scalar)!)
    }
}
