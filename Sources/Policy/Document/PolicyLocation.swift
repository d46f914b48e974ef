/// Where a policy element was written: the file and the 1-based line and column of its YAML node
/// (Yams' mark), so decisions and hints can point the operator back at the line that granted them.
public struct PolicyLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    public var description: String { "\(file):\(line):\(column)" }
}
