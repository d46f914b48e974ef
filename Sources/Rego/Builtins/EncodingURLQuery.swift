/// URL query escaping as Go's `net/url` (`QueryEscape`, `QueryUnescape`, `Values.Encode`,
/// `ParseQuery`), with its messages.
enum URLQuery {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Everything but `A-Z a-z 0-9 - _ . ~` is percent-encoded; a space becomes `+`.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(c)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%XX` decoded and `+` read as a space; a bad escape is an error naming it.
    static func unescape(_ text: String) throws(BuiltinError) -> String {
        let src = Array(text.utf8)
        guard src.contains(UInt8(ascii: "%")) || src.contains(UInt8(ascii: "+")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        var i = 0
        while i < src.count {
            switch src[i] {
            case UInt8(ascii: "%"):
                guard i + 2 < src.count, let high = hex(src[i + 1]), let low = hex(src[i + 2]) else {
                    let bad = String(decoding: src[i..<Swift.min(i + 3, src.count)], as: UTF8.self)
                    throw .builtin("invalid URL escape \(Casts.quoted(bad))")
                }
                out.append(high << 4 | low)
                i += 3
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
                i += 1
            default:
                out.append(src[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `k=v&k=v2…` with keys in byte order and each key's values in the given order.
    static func encode(_ pairs: [(key: String, values: [String])]) -> String {
        var parts: [String] = []
        for (key, values) in pairs.sorted(by: { Value.compareBytes($0.key, $1.key) < 0 }) {
            let k = escape(key)
            for v in values { parts.append(k + "=" + escape(v)) }
        }
        return parts.joined(separator: "&")
    }

    /// Go's `ParseQuery`: `&`-separated `key=value` pairs (a missing `=` gives an empty value);
    /// semicolons are refused. Go keeps parsing after an error and reports the first one; so does
    /// this, for the same message.
    static func parse(_ query: String) throws(BuiltinError) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var firstError: BuiltinError?
        for part in query.split(separator: "&", omittingEmptySubsequences: false) {
            if part.contains(";") {
                firstError = firstError ?? .builtin("invalid semicolon separator in query")
                continue
            }
            if part.isEmpty { continue }
            let (rawKey, rawValue) = part.firstIndex(of: "=").map { (part[..<$0], part[part.index(after: $0)...]) }
                ?? (part, part[part.endIndex...])
            do throws(BuiltinError) {
                let key = try unescape(String(rawKey))
                let value = try unescape(String(rawValue))
                result[key, default: []].append(value)
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return result
    }
}
