import Yams

/// Typed reads of Yams nodes for the strict policy loader.
///
/// Every read names the key path it is at. When a node is not what the format wants, the read
/// records a `PolicyError` at the node's mark and returns nil, so the parser carries on and one
/// load reports every problem in the file rather than only the first.
struct NodeReader {
    /// A mapping's entries after `<<` merges, in file order (explicit keys, then merged ones).
    struct Mapping {
        let node: Node
        let path: PolicyKeyPath
        let entries: [Entry]

        subscript(name: String) -> Entry? { entries.first { $0.name == name } }
    }

    struct Entry {
        let name: String
        let key: Node
        let value: Node
        let path: PolicyKeyPath
    }

    let file: String
    private(set) var errors: [PolicyError] = []

    init(file: String) { self.file = file }

    // MARK: - Reporting

    mutating func report(_ kind: PolicyError.Kind, at node: Node?, _ path: PolicyKeyPath, _ message: String) {
        let mark = node?.mark
        errors.append(
            PolicyError(
                kind, file: file, line: mark?.line, column: mark?.column, key: path.description, message: message))
    }

    mutating func wrongType(_ node: Node, _ path: PolicyKeyPath, expected: String) {
        report(.wrongType, at: node, path, "expected \(expected), found \(NodeReader.describe(node))")
    }

    func location(of node: Node) -> PolicyLocation {
        // Composed nodes always carry a mark; 0:0 would only show for hand-built trees.
        PolicyLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    // MARK: - Collections

    /// The node as a mapping; `null` too when `nullIsEmpty` (an empty section is allowed).
    mutating func mapping(
        _ node: Node, at path: PolicyKeyPath, expected: String, nullIsEmpty: Bool = false
    ) -> Mapping? {
        if nullIsEmpty && NodeReader.isNull(node) { return Mapping(node: node, path: path, entries: []) }
        guard case .mapping(let mapping) = node else {
            wrongType(node, path, expected: expected)
            return nil
        }
        return Mapping(node: node, path: path, entries: entries(of: mapping, at: path))
    }

    /// Reports every entry whose key is not in `allowed`.
    mutating func rejectUnknownKeys(_ mapping: Mapping, allowed: [String]) {
        for entry in mapping.entries where !allowed.contains(entry.name) {
            let list = allowed.joined(separator: ", ")
            report(
                .unknownKey, at: entry.key, entry.path,
                "unknown key \(PatternError.quote(entry.name)), expected one of: \(list)")
        }
    }

    /// The node's elements, each with its indexed key path.
    mutating func sequence(_ node: Node, at path: PolicyKeyPath, expected: String) -> [(Node, PolicyKeyPath)]? {
        guard case .sequence(let sequence) = node else {
            wrongType(node, path, expected: expected)
            return nil
        }
        return sequence.enumerated().map { ($0.element, path.index($0.offset)) }
    }

    // MARK: - Scalars

    /// A string scalar: plain text YAML resolves to no other type, or any quoted scalar. `443`,
    /// `true` and `~` are not strings here, so a typo never changes a value's meaning.
    mutating func string(_ node: Node, at path: PolicyKeyPath, expected: String) -> String? {
        guard case .scalar(let scalar) = node, NodeReader.isString(node) else {
            wrongType(node, path, expected: expected)
            return nil
        }
        return scalar.string
    }

    /// An integer scalar (decimal, `0x…`, `0o…`, `_` separators). Booleans, floats and quoted
    /// digits are wrong types. Nil is also returned, after reporting, for integers beyond 64 bits.
    mutating func integer(_ node: Node, at path: PolicyKeyPath, expected: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, NodeReader.tagName(node) == .int,
            // Yams reads `1:30` as sexagesimal 90; YAMLDecoding (like go-yaml) keeps it a string.
            !scalar.string.contains(":")
        else {
            wrongType(node, path, expected: expected)
            return nil
        }
        guard let value = node.int, range.contains(value) else {
            report(
                .invalidValue, at: node, path,
                "expected \(expected), found \(scalar.string)")
            return nil
        }
        return value
    }

    // MARK: - Mapping entries

    /// Explicit keys win over merged ones; among merged mappings the first listed wins (as in
    /// YAMLDecoding, so a policy file and a data file read the same YAML the same way).
    private mutating func entries(of mapping: Node.Mapping, at path: PolicyKeyPath) -> [Entry] {
        var explicit: [Entry] = []
        var merged: [Entry] = []
        for (keyNode, valueNode) in mapping {
            if NodeReader.tagName(keyNode) == .merge {
                merged.append(contentsOf: mergeSources(valueNode, at: path))
                continue
            }
            guard case .scalar(let scalar) = keyNode else {
                wrongType(keyNode, path, expected: "a key name")
                continue
            }
            explicit.append(Entry(name: scalar.string, key: keyNode, value: valueNode, path: path.key(scalar.string)))
        }
        var seen = Set(explicit.map(\.name))
        for entry in merged where seen.insert(entry.name).inserted { explicit.append(entry) }
        return explicit
    }

    private mutating func mergeSources(_ node: Node, at path: PolicyKeyPath) -> [Entry] {
        let expected = "a mapping or a list of mappings to merge with \"<<\""
        switch node {
        case .mapping(let mapping):
            return entries(of: mapping, at: path)
        case .sequence(let sequence):
            var result: [Entry] = []
            var seen = Set<String>()
            for element in sequence {
                guard case .mapping(let mapping) = element else {
                    wrongType(element, path, expected: expected)
                    continue
                }
                for entry in entries(of: mapping, at: path) where seen.insert(entry.name).inserted {
                    result.append(entry)
                }
            }
            return result
        default:
            wrongType(node, path, expected: expected)
            return []
        }
    }

    // MARK: - Node facts

    static func tagName(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    /// Whether `a` was written before `b` (nodes without a mark count as first).
    static func isBefore(_ a: Node, _ b: Node) -> Bool {
        (a.mark?.line ?? 0, a.mark?.column ?? 0) < (b.mark?.line ?? 0, b.mark?.column ?? 0)
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return tagName(node) == .null }
        return false
    }

    static func isString(_ node: Node) -> Bool {
        let tag = tagName(node)
        return tag == .str || tag == .nonSpecific
    }

    /// What a node is, for "found …": `a string "443"`, `an integer 443`, `a list`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            switch tagName(node) {
            case .null: return "null"
            case .bool: return "a boolean \(text)"
            case .int: return text.contains(":") ? "a string \(PatternError.quote(text))" : "an integer \(text)"
            case .float: return "a number \(text)"
            case .str, .nonSpecific:
                return text.isEmpty ? "an empty string" : "a string \(PatternError.quote(text))"
            case .timestamp: return "a timestamp \(text)"
            case let tag: return "a value tagged \(tag.rawValue)"
            }
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
