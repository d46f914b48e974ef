/// A JSON text that could not be decoded: where (file, 1-based line and column, byte offset) and
/// jansson's explanation.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or pseudo-file such as `<input>`) the text came from.
    public var file: String
    /// 1-based line of the error.
    public var line: Int
    /// 1-based column of the error, counted in characters (jansson counts a multibyte UTF-8
    /// character as one column).
    public var column: Int
    /// Byte offset into the text just past the token jansson stopped at.
    public var position: Int
    /// jansson's message, e.g. `'[' or '{' expected near 'x'`.
    public var message: String

    public init(file: String, line: Int, column: Int, position: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.position = position
        self.message = message
    }

    /// `file:line:col: message`, the same shape as Rego's positioned errors.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
