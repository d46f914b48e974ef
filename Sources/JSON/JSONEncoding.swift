import CJansson
import Rego

/// `Value` → jansson tree, for C APIs that want a `json_t`.
///
/// Airlock's own JSON *text* output does not go through here: it uses `Value.jsonText()` from Rego.
/// jansson prints reals with `%.17g` (so `0.1` comes out as `0.10000000000000001`) and escapes
/// strings differently from Go, whereas `opa eval` prints the shortest round-tripping form with
/// Go's escaping; `jsonText()` reproduces OPA's bytes, which is what users diff against.
public enum JSONEncoding {
    /// Sets become arrays (in OPA order) and non-string object keys become their JSON text, the
    /// same mapping `jsonText()` applies. Throws for non-finite numbers, which JSON cannot hold.
    public static func toJansson(_ value: Value) throws(JSONError) -> JanssonValue {
        JanssonValue(owning: try node(for: value))
    }

    /// Returns a new reference owned by the caller.
    private static func node(for value: Value) throws(JSONError) -> UnsafeMutablePointer<json_t> {
        switch value {
        case .null: return json_null()
        case .bool(let b): return b ? json_true() : json_false()
        case .number(let n):
            if let i = n.intValue { return json_integer(json_int_t(i)) }
            guard n.doubleValue.isFinite, let real = json_real(n.doubleValue) else {
                throw JSONError(
                    file: "<value>", line: 0, column: 0, position: 0,
                    message: "cannot encode non-finite number \(n) as JSON")
            }
            return real
        case .string(let s): return jsonString(s)
        case .array(let elements): return try array(elements)
        case .set(let members): return try array(members.sorted)
        case .object(let object):
            let result = json_object()!
            for (key, member) in object {
                let keyText = key.stringValue ?? key.jsonText()
                let child: UnsafeMutablePointer<json_t>
                do { child = try node(for: member) } catch {
                    json_decref(result)
                    throw error
                }
                withCString(keyText) { key, length in
                    // _nocheck: Swift strings are valid UTF-8 already; setn_new steals `child`.
                    _ = json_object_setn_new_nocheck(result, key, length, child)
                }
            }
            return result
        }
    }

    private static func array(_ elements: [Value]) throws(JSONError) -> UnsafeMutablePointer<json_t> {
        let result = json_array()!
        for element in elements {
            do {
                _ = json_array_append_new(result, try node(for: element))
            } catch {
                json_decref(result)
                throw error
            }
        }
        return result
    }

    private static func jsonString(_ s: String) -> UnsafeMutablePointer<json_t> {
        withCString(s) { json_stringn_nocheck($0, $1)! }
    }

    /// The string's UTF-8 bytes with their length (they may contain NUL, so the length matters).
    private static func withCString<R>(_ s: String, _ body: (UnsafePointer<CChar>, Int) -> R) -> R {
        var copy = s
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { return body(base, chars.count) }
                // An empty String may have no storage; jansson still wants a valid pointer.
                let empty: CChar = 0
                return withUnsafePointer(to: empty) { body($0, 0) }
            }
        }
    }
}

extension JanssonValue {
    /// jansson's own serialisation (compact, keys sorted, any top-level value). For diagnostics
    /// and tests; see `JSONEncoding` for why Airlock's output uses `Value.jsonText()` instead.
    public func janssonText() -> String {
        let flags = JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY
        guard let text = json_dumps(pointer, Int(flags)) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// Converts the tree back to a `Value`.
    public func value() -> Value { JanssonConversion.value(of: pointer) }
}
