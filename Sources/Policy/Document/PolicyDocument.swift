import Yams

/// A YAML policy file (format version 1), validated: what operators write, before it becomes
/// the `data` document the rules in `rules/` read.
///
/// Loading is strict: an unknown key, a wrong type or an invalid pattern is an error naming the
/// file, line, column and key path, and all of a file's errors are reported together.
public struct PolicyDocument: Sendable, Hashable {
    public var file: String
    public var version: Int
    /// In file order.
    public var networkPolicies: [NetworkPolicy]
    /// In file order.
    public var unixSocketPolicies: [UnixSocketPolicy]

    public init(file: String, version: Int, networkPolicies: [NetworkPolicy], unixSocketPolicies: [UnixSocketPolicy]) {
        self.file = file
        self.version = version
        self.networkPolicies = networkPolicies
        self.unixSocketPolicies = unixSocketPolicies
    }

    /// Reads and parses the file at `file`; an unreadable file is one `.unreadable` error.
    public static func load(file: String) throws(PolicyErrors) -> PolicyDocument {
        let text: String
        do {
            text = try PolicyFileReader.read(file)
        } catch {
            throw PolicyErrors([error])
        }
        return try parse(text, file: file)
    }

    /// Parses policy YAML; `file` names the source in errors and locations.
    public static func parse(_ text: String, file: String) throws(PolicyErrors) -> PolicyDocument {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw PolicyErrors([syntaxError(text, file: file, fallback: error)])
        }
        var parser = PolicyDocumentParser(file: file)
        return try parser.parse(root).get()
    }

    /// The error for YAML Yams cannot compose. YAMLDecoding already maps every `YamlError` to a
    /// position (the data loader reports the same file the same way), so its answer is reused:
    /// it fails on the same text in the same place.
    private static func syntaxError(_ text: String, file: String, fallback: any Error) -> PolicyError {
        do {
            _ = try YAMLDecoding.decode(text, file: file)
        } catch {
            return PolicyError(.syntax, file: file, line: error.line, column: error.column, message: error.message)
        }
        return PolicyError(.syntax, file: file, message: "\(fallback)")
    }
}
