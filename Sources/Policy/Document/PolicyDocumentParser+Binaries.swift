import Yams

extension PolicyDocumentParser {
    static let binaryKeys = ["path", "sha256"]

    /// `{ path, sha256? }`.
    mutating func binary(_ node: Node, at path: PolicyKeyPath) -> BinaryRule? {
        guard let mapping = reader.mapping(node, at: path, expected: "a binary mapping with path") else { return nil }
        reader.rejectUnknownKeys(mapping, allowed: PolicyDocumentParser.binaryKeys)
        let errorsBefore = reader.errors.count

        var pattern: PathPattern?
        if let entry = mapping["path"] {
            if let text = reader.string(entry.value, at: entry.path, expected: "an absolute path") {
                pattern = check(entry.value, entry.path) { () throws(PatternError) in try PathPattern.binary(text) }
            }
        } else {
            reader.report(.missingKey, at: node, path.key("path"), "missing required key \"path\"")
        }
        var sha256: String?
        if let entry = mapping["sha256"],
            let text = reader.string(entry.value, at: entry.path, expected: "a string of 64 hexadecimal digits")
        {
            sha256 = check(entry.value, entry.path) { () throws(PatternError) in try SHA256Digest.parse(text) }
        }

        guard reader.errors.count == errorsBefore, let pattern else { return nil }
        return BinaryRule(
            path: pattern.path, isGlob: pattern.isGlob, sha256: sha256, location: reader.location(of: node))
    }

    /// One of a unix socket policy's `paths`.
    mutating func socketPath(_ node: Node, at path: PolicyKeyPath) -> UnixSocketPath? {
        guard let text = reader.string(node, at: path, expected: "an absolute path or \"@name\"") else { return nil }
        guard let pattern = check(node, path, { () throws(PatternError) in try PathPattern.socket(text) }) else {
            return nil
        }
        return UnixSocketPath(
            path: pattern.path, isGlob: pattern.isGlob, isAbstract: pattern.path.hasPrefix("@"),
            location: reader.location(of: node))
    }
}
