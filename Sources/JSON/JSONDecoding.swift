import CJansson
import Rego

/// JSON text → `Rego.Value`, through jansson.
///
/// Every JSON value is accepted at the top level (`JSON_DECODE_ANY`: `input` may be a bare string or
/// number) and strings may contain `\u0000` (`JSON_ALLOW_NUL`), as Go's encoding/json allows.
public enum JSONDecoding {
    /// Decodes one JSON value. `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String = "<input>") throws(JSONError) -> Value {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> Value in
            try decode(buffer, file: file)
        }
    }

    /// Decodes one JSON value from a string's UTF-8 bytes.
    public static func decode(_ text: String, file: String = "<input>") throws(JSONError) -> Value {
        var text = text
        // withUTF8 only rethrows untyped errors, so carry the typed one out in a Result.
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONError) -> Value in try decode(buffer, file: file) }
        }
        return try result.get()
    }

    /// Decodes the contents of the file at `path` (errors name `path`).
    public static func decodeFile(_ path: String) throws(JSONError) -> Value {
        try decode(FileBytes.read(path), file: path)
    }

    /// Decodes one JSON value from raw bytes.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>, file: String) throws(JSONError) -> Value {
        let root = try parse(buffer, file: file)
        return JanssonConversion.value(of: root.pointer)
    }

    /// Parses into a jansson tree the caller owns.
    ///
    /// jansson rejects integers beyond `json_int_t` (64 bits) with a numeric-overflow error, whereas
    /// OPA keeps them as big numbers. Airlock has no big integers (`Number` is Int or Double), so on
    /// that error the text is parsed again with `JSON_DECODE_INT_AS_REAL`: big integers become
    /// doubles, and integral reals within Int range become exact integers again in `Number(Double)`.
    /// The cost: in such a document, integers between 2^53 and 2^63 lose precision; documents
    /// without an oversized integer are unaffected.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String) throws(JSONError) -> JanssonValue {
        let flags = JSON_DECODE_ANY | JSON_ALLOW_NUL
        var error = json_error_t()
        if let root = load(buffer, flags: flags, error: &error) {
            return JanssonValue(owning: root)
        }
        if json_error_code(&error) == json_error_numeric_overflow {
            var retryError = json_error_t()
            if let root = load(buffer, flags: flags | JSON_DECODE_INT_AS_REAL, error: &retryError) {
                return JanssonValue(owning: root)
            }
            error = retryError
        }
        throw JSONError(jansson: error, file: file)
    }

    private static func load(
        _ buffer: UnsafeBufferPointer<UInt8>, flags: Int32, error: inout json_error_t
    ) -> UnsafeMutablePointer<json_t>? {
        // jansson never reads a zero-length buffer, but it needs a non-nil pointer.
        let empty: UInt8 = 0
        return withUnsafePointer(to: empty) { emptyPointer in
            let base = UnsafeRawPointer(buffer.baseAddress ?? emptyPointer).assumingMemoryBound(to: CChar.self)
            return json_loadb(base, buffer.count, Int(flags), &error)
        }
    }
}

extension JSONError {
    /// Copies jansson's error record. jansson's line and column are 1-based for positioned errors
    /// and -1 when it has no position (e.g. "end of file expected" reports one); -1 becomes 0.
    init(jansson error: json_error_t, file: String) {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw -> String in
            let bytes = raw.bindMemory(to: UInt8.self)
            // The last byte of `text` holds the error code, not text: stop at the first NUL before it.
            let limit = bytes.count - 1
            let end = bytes[..<limit].firstIndex(of: 0) ?? limit
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
        self.init(
            file: file, line: max(0, Int(error.line)), column: max(0, Int(error.column)),
            position: max(0, Int(error.position)), message: text)
    }
}
