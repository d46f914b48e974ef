/// Hexadecimal as Go's `encoding/hex`: lowercase output; decoding accepts both cases and reports
/// the first invalid byte before an odd length, with Go's messages.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Hex.digits
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for b in bytes {
                out[i] = digits[Int(b >> 4)]
                out[i + 1] = digits[Int(b & 0xF)]
                i += 2
            }
            return i
        }
    }

    static func decode(_ text: String) throws(BuiltinError) -> [UInt8] {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count / 2)
        var i = 1
        while i < src.count {
            guard let high = value(src[i - 1]) else { throw invalidByte(src[i - 1]) }
            guard let low = value(src[i]) else { throw invalidByte(src[i]) }
            out.append(high << 4 | low)
            i += 2
        }
        if src.count % 2 == 1 {
            if value(src[src.count - 1]) == nil { throw invalidByte(src[src.count - 1]) }
            throw .builtin("encoding/hex: odd length hex string")
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Go's `%#U` of the byte taken as a code point: `U+0067 'g'`, or just `U+0000` when the
    /// character is not printable.
    private static func invalidByte(_ c: UInt8) -> BuiltinError {
        let hex = String(c, radix: 16, uppercase: true)
        var text = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        let printable = (0x20...0x7E).contains(c) || ((0xA1...0xFF).contains(c) && c != 0xAD)
        if printable { text += " '" + String(Character(Unicode.Scalar(c))) + "'" }
        return .builtin("encoding/hex: invalid byte: \(text)")
    }
}
