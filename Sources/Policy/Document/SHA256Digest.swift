/// A binary's `sha256` pin: 64 hex digits, normalised to lower case so it compares equal to the
/// digest the identity module computes (which prints lower case).
enum SHA256Digest {
    static let hexDigits = 64

    static func parse(_ written: String) throws(PatternError) -> String {
        let isHex = written.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                return true
            default:
                return false
            }
        }
        guard isHex, written.utf8.count == hexDigits else {
            throw PatternError(
                "expected \(hexDigits) hexadecimal digits (a SHA-256 digest), found \(PatternError.quote(written))")
        }
        return written.lowercased()
    }
}
