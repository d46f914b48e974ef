import Rego

/// JSON whose object keys keep the order they were written in.
///
/// `Value` objects print their keys sorted (as OPA prints *documents*), but OPA's envelopes —
/// `{"result":[{"expressions":[{"value","text","location"}],"bindings"}]}`, `{"errors":[…]}` — come
/// from Go structs and keep field order. This type writes those envelopes; the documents inside are
/// `Value`s written by `Value.writeJSON`.
indirect enum OrderedJSON {
    case value(Value)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    static func string(_ s: String) -> OrderedJSON { .value(.string(s)) }
    static func int(_ i: Int) -> OrderedJSON { .value(.int(i)) }

    /// Indented as Go's `json.MarshalIndent(x, "", "  ")` (what `opa eval` prints), with a final newline.
    func indentedText(indent: String = "  ") -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        out += "\n"
        return out
    }

    /// Compact, on one line (JSON log lines, `bench --format json`).
    func compactText() -> String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .value(let v):
            v.writeJSON(into: &out, indent: indent, level: level)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += "," }
                Self.newline(into: &out, indent: indent, level: level + 1)
                e.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(into: &out, indent: indent, level: level)
            out += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                Self.newline(into: &out, indent: indent, level: level + 1)
                Value.writeJSONString(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(into: &out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(into out: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }
}
