/// What an untagged plain YAML scalar means, by the YAML 1.1 rules of go-yaml v2, which OPA's
/// `yaml.*` builtins use (through sigs.k8s.io/yaml): besides `null`/`true`/`false`, the words
/// `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0x1F`, `0o17`, `017` and `0b101` are integers, and
/// `_` separates digits.
enum YAMLScalar {
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        case int(Int)
        /// An integer beyond `Int` but within `UInt64`.
        case uint(UInt64)
        case float(Double)
        /// `<<`, the merge key.
        case merge
        /// A date or date-time (`2001-12-14`): only the encoder cares (it must quote such strings);
        /// decoded into a generic value, go-yaml v2 keeps them as strings.
        case timestamp
        case string
    }

    private static let words: [String: Resolved] = {
        var table: [String: Resolved] = [:]
        for w in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { table[w] = .bool(true) }
        for w in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { table[w] = .bool(false) }
        for w in ["", "~", "null", "Null", "NULL"] { table[w] = .null }
        for w in [".nan", ".NaN", ".NAN"] { table[w] = .float(.nan) }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[w] = .float(.infinity) }
        for w in ["-.inf", "-.Inf", "-.INF"] { table[w] = .float(-.infinity) }
        table["<<"] = .merge
        return table
    }()

    /// go-yaml v2's `resolve("", text)`.
    static func resolve(_ text: String) -> Resolved {
        let bytes = Array(text.utf8)
        // The first byte says what the text may be; anything else is a string.
        let hint: UInt8
        if let c = bytes.first {
            switch c {
            case UInt8(ascii: "+"), UInt8(ascii: "-"): hint = UInt8(ascii: "S")
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hint = UInt8(ascii: "D")
            case UInt8(ascii: "."): hint = UInt8(ascii: ".")
            default: hint = Array("yYnNtTfFoO~<".utf8).contains(c) ? UInt8(ascii: "M") : 0
            }
        } else {
            hint = UInt8(ascii: "M")
        }
        if hint == 0 { return .string }
        if let word = words[text] { return word }
        switch hint {
        case UInt8(ascii: "."):
            if let d = goParseFloat(bytes) { return .float(d) }
        case UInt8(ascii: "D"), UInt8(ascii: "S"):
            if isTimestamp(bytes) { return .timestamp }
            let plain = bytes.filter { $0 != UInt8(ascii: "_") }
            if let i = goParseInt(plain) { return .int(i) }
            if let u = goParseUInt(plain) { return .uint(u) }
            if isYAMLStyleFloat(plain), let d = goParseFloat(plain) { return .float(d) }
        default:
            break
        }
        return .string
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`: sign, then `0x`, `0o`, `0b` or a leading `0` (octal).
    static func goParseInt(_ s: [UInt8]) -> Int? {
        var digits = s[...]
        var negative = false
        if let c = digits.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard let magnitude = goParseUInt(Array(digits)) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// Go's `strconv.ParseUint(s, 0, 64)` (no sign).
    static func goParseUInt(_ s: [UInt8]) -> UInt64? {
        var digits = s[...]
        var base: UInt64 = 10
        if digits.count > 1, digits.first == UInt8(ascii: "0") {
            switch digits[digits.startIndex + 1] | 0x20 {
            case UInt8(ascii: "x"): base = 16; digits = digits.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; digits = digits.dropFirst(2)
            case UInt8(ascii: "b"): base = 2; digits = digits.dropFirst(2)
            default: base = 8; digits = digits.dropFirst()
            }
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard d < base else { return nil }
            let (scaled, o1) = value.multipliedReportingOverflow(by: base)
            let (sum, o2) = scaled.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLStyleFloat(_ s: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == s.count
    }

    /// Go's `strconv.ParseFloat(s, 64)` for decimal forms (the only ones that reach it here).
    static func goParseFloat(_ s: [UInt8]) -> Double? {
        guard isYAMLStyleFloat(s) || s.first == UInt8(ascii: ".") else { return nil }
        // Out of range is an error in Go (the text then stays a string), not an infinity.
        guard let d = Double(String(decoding: s, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// go-yaml v2's timestamp test: `YYYY-` then one of its accepted layouts.
    static func isTimestamp(_ s: [UInt8]) -> Bool {
        var i = 0
        while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") { i += 1 }
        guard i == 4, i < s.count, s[i] == UInt8(ascii: "-") else { return false }
        let text = String(decoding: s, as: UTF8.self)
        for layout in timestampLayouts {
            do {
                _ = try layout.parse(text)
                return true
            } catch {
                continue
            }
        }
        return false
    }

    private static let timestampLayouts = [
        "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999",
        "2006-1-2",
    ].map(TimeLayout.init)

    /// go-yaml v2's float text: `strconv.FormatFloat(f, 'g', -1, 64)` with YAML's infinities and NaN.
    static func formatFloat(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        var out: [UInt8] = []
        GoFloatFormat.append(d, format: UInt8(ascii: "g"), precision: -1, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// sigs.k8s.io/yaml's text for a float map key: `strconv.FormatFloat(f, 'g', -1, 32)`.
    static func formatFloatKey(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return formatFloat(d) }
        // The shortest float32 digits, re-read as a double, keep those digits.
        let single = Float(d)
        guard single.isFinite, let reread = Double(single.description) else { return formatFloat(Double(single)) }
        return formatFloat(reread)
    }
}
