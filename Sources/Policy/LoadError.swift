/// A policy or data file that could not be loaded. Always names the file; syntax errors also carry
/// the 1-based line and column.
public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The path does not exist or cannot be read.
        case unreadable
        /// The JSON or YAML text is malformed (or holds a value JSON cannot, such as `.inf`).
        case syntax
        /// A document at the root of `data` is not an object (OPA: "document must be of type object").
        case notAnObject
        /// Two files define the same path in `data` (OPA: "merge error").
        case mergeConflict
        /// An explicitly named file is neither Rego, JSON nor YAML.
        case unrecognized
        /// A format Airlock does not load, such as a bundle tarball.
        case unsupported
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// For merge conflicts: the file that defined the path first.
    public var otherFile: String?

    public init(
        _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String,
        otherFile: String? = nil
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.otherFile = otherFile
    }

    /// `file:line:col: message`, or `file: message` when there is no position.
    public var description: String {
        var prefix = file
        if let line {
            prefix += ":\(line)"
            if let column { prefix += ":\(column)" }
        }
        return "\(prefix): \(message)"
    }
}
