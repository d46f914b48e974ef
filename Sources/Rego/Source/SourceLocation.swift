/// Where something was written: file, 1-based line and column, and the byte offset in the file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, the prefix of every positioned error.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A Rego source file: its name (used in locations) and its text.
public struct SourceFile: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
