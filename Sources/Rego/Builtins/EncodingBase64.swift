/// Base64 as Go's `encoding/base64` does it: the standard and URL alphabets, padded or not, and
/// decoding that skips `\r`/`\n`, requires correct padding (when padded) and reports
/// `illegal base64 data at input byte N` at the same offset Go does.
struct Base64 {
    let alphabet: [UInt8]
    let padded: Bool
    /// Byte → 6-bit value, 0xFF for bytes outside the alphabet.
    let decodeMap: [UInt8]

    static let standard = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", padded: true)
    static let url = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", padded: true)
    static let rawURL = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", padded: false)

    private init(alphabet: String, padded: Bool) {
        self.alphabet = Array(alphabet.utf8)
        self.padded = padded
        var map = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in self.alphabet.enumerated() { map[Int(c)] = UInt8(i) }
        self.decodeMap = map
    }

    func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next()
            let b2 = b1 == nil ? nil : iterator.next()
            let v = UInt32(b0) << 16 | UInt32(b1 ?? 0) << 8 | UInt32(b2 ?? 0)
            out.append(alphabet[Int(v >> 18 & 0x3F)])
            out.append(alphabet[Int(v >> 12 & 0x3F)])
            if b1 != nil { out.append(alphabet[Int(v >> 6 & 0x3F)]) } else if padded { out.append(UInt8(ascii: "=")) }
            if b2 != nil { out.append(alphabet[Int(v & 0x3F)]) } else if padded { out.append(UInt8(ascii: "=")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded bytes, or the offset of the first bad input byte.
    func decode(_ text: String) -> Result<[UInt8], Base64Error> {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count / 4 * 3)
        var si = 0
        while si < src.count {
            // One quantum: up to four symbols, ignoring line breaks.
            var quantum: [UInt8] = [0, 0, 0, 0]
            var count = 4
            var trailingError: Int?
            var j = 0
            while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    if j == 1 || padded { return .failure(Base64Error(offset: si - j)) }
                    count = j
                    break
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF {
                    quantum[j] = v
                    j += 1
                    continue
                }
                if c == 0x0A || c == 0x0D { continue }
                guard padded, c == UInt8(ascii: "=") else { return .failure(Base64Error(offset: si - 1)) }
                // Padding: only after two or three symbols, and "==" after two.
                guard j >= 2 else { return .failure(Base64Error(offset: si - 1)) }
                if j == 2 {
                    skipLineBreaks(src, &si)
                    guard si < src.count else { return .failure(Base64Error(offset: src.count)) }
                    guard src[si] == UInt8(ascii: "=") else { return .failure(Base64Error(offset: si - 1)) }
                    si += 1
                }
                skipLineBreaks(src, &si)
                if si < src.count { trailingError = si }
                count = j
                break
            }
            let v = UInt32(quantum[0]) << 18 | UInt32(quantum[1]) << 12 | UInt32(quantum[2]) << 6 | UInt32(quantum[3])
            if count >= 2 { out.append(UInt8(truncatingIfNeeded: v >> 16)) }
            if count >= 3 { out.append(UInt8(truncatingIfNeeded: v >> 8)) }
            if count >= 4 { out.append(UInt8(truncatingIfNeeded: v)) }
            if let trailingError { return .failure(Base64Error(offset: trailingError)) }
            if count < 4 { break }
        }
        return .success(out)
    }

    private func skipLineBreaks(_ src: [UInt8], _ si: inout Int) {
        while si < src.count && (src[si] == 0x0A || src[si] == 0x0D) { si += 1 }
    }
}

struct Base64Error: Error {
    let offset: Int
    var message: String { "illegal base64 data at input byte \(offset)" }
}
