/// Text forms of a value: JSON (what `opa eval` and `json.marshal` print) and Rego term syntax
/// (what `print`, `sprintf("%v")` and error messages show).
extension Value {
    /// Compact JSON with object keys in OPA order; sets become arrays; strings escaped as Go's
    /// encoding/json does (including `<`, `>`, `&`), because OPA's output is produced by it.
    public func jsonText() -> String {
        var out = ""
        writeJSON(into: &out, indent: nil, level: 0)
        return out
    }

    /// JSON indented with `indent` per level (OPA's `--format json` uses two spaces... per level
    /// of `json.MarshalIndent(x, "", "  ")`).
    public func jsonText(indent: String) -> String {
        var out = ""
        writeJSON(into: &out, indent: indent, level: 0)
        return out
    }

    public func writeJSON(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): Value.writeJSONString(s, into: &out)
        case .array(let a): Value.writeJSONArray(a, into: &out, indent: indent, level: level)
        case .set(let s): Value.writeJSONArray(s.sorted, into: &out, indent: indent, level: level)
        case .object(let o):
            if o.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            var first = true
            for (k, v) in o {
                if !first { out += "," }
                first = false
                Value.newline(into: &out, indent: indent, level: level + 1)
                // JSON keys must be strings; non-string keys are written as their JSON text quoted.
                if case .string(let ks) = k {
                    Value.writeJSONString(ks, into: &out)
                } else {
                    Value.writeJSONString(k.jsonText(), into: &out)
                }
                out += indent == nil ? ":" : ": "
                v.writeJSON(into: &out, indent: indent, level: level + 1)
            }
            Value.newline(into: &out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func writeJSONArray(_ a: [Value], into out: inout String, indent: String?, level: Int) {
        if a.isEmpty {
            out += "[]"
            return
        }
        out += "["
        for (i, e) in a.enumerated() {
            if i > 0 { out += "," }
            newline(into: &out, indent: indent, level: level + 1)
            e.writeJSON(into: &out, indent: indent, level: level + 1)
        }
        newline(into: &out, indent: indent, level: level)
        out += "]"
    }

    private static func newline(into out: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    /// Writes `s` as a JSON string literal with Go's escaping rules.
    public static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        let hex: [Character] = Array("0123456789abcdef")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                let v = scalar.value
                out += "\\u"
                out.append(hex[Int((v >> 12) & 0xF)])
                out.append(hex[Int((v >> 8) & 0xF)])
                out.append(hex[Int((v >> 4) & 0xF)])
                out.append(hex[Int(v & 0xF)])
            default:
                if scalar.value < 0x20 {
                    out += "\\u00"
                    out.append(hex[Int(scalar.value >> 4)])
                    out.append(hex[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension Value: CustomStringConvertible {
    /// Rego term syntax, as OPA's `ast.Value.String()`: `"a"`, `[1, 2]`, `{"k": v}`, `{1, 2}`,
    /// `set()` for the empty set.
    public var description: String {
        var out = ""
        writeRego(into: &out)
        return out
    }

    public func writeRego(into out: inout String) {
        switch self {
        case .null, .bool, .number, .string: writeJSON(into: &out, indent: nil, level: 0)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += ", " }
                e.writeRego(into: &out)
            }
            out += "]"
        case .set(let s):
            if s.isEmpty {
                out += "set()"
                return
            }
            out += "{"
            for (i, e) in s.enumerated() {
                if i > 0 { out += ", " }
                e.writeRego(into: &out)
            }
            out += "}"
        case .object(let o):
            out += "{"
            var first = true
            for (k, v) in o {
                if !first { out += ", " }
                first = false
                k.writeRego(into: &out)
                out += ": "
                v.writeRego(into: &out)
            }
            out += "}"
        }
    }
}
