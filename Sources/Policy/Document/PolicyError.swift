/// One problem in a YAML policy file: what kind, where (file, 1-based line and column of the
/// offending node) and under which key path (`network_policies.pypi.endpoints[1].port`), with a
/// short message saying what was expected and what was found.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file cannot be opened or read (the message carries the errno text).
        case unreadable
        /// The text is not well-formed YAML (including duplicate keys in one mapping).
        case syntax
        /// A key the format does not define; strict so that a typo never silently allows less or more.
        case unknownKey
        /// A key the format requires is absent.
        case missingKey
        /// A value of the wrong YAML type: a string where an integer is wanted, a mapping for a list.
        case wrongType
        /// A value of the right type that is not valid: port 0, a bad glob, a bad CIDR.
        case invalidValue
        /// `version` is an integer this loader does not read.
        case unsupportedVersion
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted key path of the offending node; "" for the document itself.
    public var key: String
    public var message: String

    public init(
        _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, key: String = "", message: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// The position as a location, when the error has one.
    public var location: PolicyLocation? {
        guard let line, let column else { return nil }
        return PolicyLocation(file: file, line: line, column: column)
    }

    /// `file:line:col: key: message`; the position and the key are left out when absent.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
