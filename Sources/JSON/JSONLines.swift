import Rego

/// JSON Lines (`.jsonl`): one JSON value per line.
///
/// Blank (whitespace-only) lines are skipped, so a trailing newline or a spacer line is harmless;
/// every other line must hold exactly one value. Errors name the line within the whole file, and
/// the column within that line.
public enum JSONLines {
    public static func decode(_ bytes: [UInt8], file: String = "<input>") throws(JSONError) -> [Value] {
        var values: [Value] = []
        var lineNumber = 0
        var start = 0
        try bytes.withUnsafeBufferPointer { (all) throws(JSONError) in
            while start <= all.count {
                lineNumber += 1
                let end = all[start...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if !line.allSatisfy(isJSONWhitespace) {
                    do throws(JSONError) {
                        values.append(try JSONDecoding.decode(line, file: file))
                    } catch {
                        // jansson sees one line, so its line is 1 (or 0 at end of input); report the
                        // file's line and the byte offset within the file.
                        throw JSONError(
                            file: file, line: lineNumber, column: error.column,
                            position: start + error.position, message: error.message)
                    }
                }
                start = end + 1
            }
        }
        return values
    }

    public static func decode(_ text: String, file: String = "<input>") throws(JSONError) -> [Value] {
        try decode(Array(text.utf8), file: file)
    }

    public static func decodeFile(_ path: String) throws(JSONError) -> [Value] {
        try decode(FileBytes.read(path), file: path)
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
