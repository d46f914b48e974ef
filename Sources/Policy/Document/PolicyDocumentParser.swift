import Yams

/// Composed YAML → `PolicyDocument`, strictly: every key is known, every value has the type and
/// range the format says. Problems are collected (see `NodeReader`) rather than thrown one by
/// one; `parse` returns the document only when there were none.
///
/// Sections: this file reads the document and its two sections; `+Endpoints` and `+Binaries`
/// read the entries inside a policy.
struct PolicyDocumentParser {
    static let supportedVersion = 1
    static let topLevelKeys = ["version", "network_policies", "unix_sockets"]
    static let networkPolicyKeys = ["endpoints", "binaries"]
    static let unixSocketPolicyKeys = ["paths", "binaries"]

    var reader: NodeReader

    init(file: String) { reader = NodeReader(file: file) }

    var file: String { reader.file }

    mutating func parse(_ root: Node?) -> Result<PolicyDocument, PolicyErrors> {
        let document = self.document(root)
        if let document, reader.errors.isEmpty { return .success(document) }
        return .failure(PolicyErrors(sorting: reader.errors))
    }

    private mutating func document(_ root: Node?) -> PolicyDocument? {
        guard let root, !NodeReader.isNull(root) else {
            // An empty file: most likely the wrong file, or one truncated while being written.
            reader.report(.missingKey, at: nil, PolicyKeyPath.root.key("version"), "missing required key \"version\"")
            return nil
        }
        guard let top = reader.mapping(root, at: .root, expected: "a mapping with version and network_policies")
        else { return nil }

        // The version decides what every other key means, so an unknown one stops here. A
        // missing or mistyped one was most likely meant to be 1: the rest is checked as such.
        var version: Int?
        if let versionEntry = top["version"] {
            switch self.version(versionEntry) {
            case .supported(let number): version = number
            case .wrongType: break
            case .unsupported: return nil
            }
        } else {
            reader.report(.missingKey, at: top.node, top.path.key("version"), "missing required key \"version\"")
        }

        reader.rejectUnknownKeys(top, allowed: PolicyDocumentParser.topLevelKeys)
        let network = top["network_policies"].map { networkPolicies($0) } ?? []
        let sockets = top["unix_sockets"].map { unixSocketPolicies($0) } ?? []
        return PolicyDocument(
            file: file, version: version ?? PolicyDocumentParser.supportedVersion, networkPolicies: network,
            unixSocketPolicies: sockets)
    }

    private enum VersionCheck {
        case supported(Int)
        /// `"1"` or `1.0`: clearly meant as a version, so the rest of the file is still checked.
        case wrongType
        /// Another number: the rest of the file may follow rules this loader does not know.
        case unsupported
    }

    private mutating func version(_ entry: NodeReader.Entry) -> VersionCheck {
        let expected = "the integer \(PolicyDocumentParser.supportedVersion)"
        guard NodeReader.tagName(entry.value) == .int, case .scalar(let scalar) = entry.value else {
            reader.wrongType(entry.value, entry.path, expected: expected)
            return .wrongType
        }
        guard let version = entry.value.int, version == PolicyDocumentParser.supportedVersion else {
            reader.report(
                .unsupportedVersion, at: entry.value, entry.path,
                "unsupported version \(scalar.string), expected \(PolicyDocumentParser.supportedVersion)")
            return .unsupported
        }
        return .supported(version)
    }

    // MARK: - Sections

    private mutating func networkPolicies(_ entry: NodeReader.Entry) -> [NetworkPolicy] {
        guard
            let section = reader.mapping(
                entry.value, at: entry.path, expected: "a mapping of policy names to policies", nullIsEmpty: true)
        else { return [] }
        var policies: [NetworkPolicy] = []
        for policy in section.entries {
            let nameIsValid = checkName(policy)
            guard
                let body = reader.mapping(
                    policy.value, at: policy.path, expected: "a mapping with endpoints and binaries")
            else { continue }
            reader.rejectUnknownKeys(body, allowed: PolicyDocumentParser.networkPolicyKeys)
            let endpoints = requiredList(body, "endpoints", of: "endpoints") { parser, node, path in
                parser.endpoint(node, at: path)
            }
            let binaries = requiredList(body, "binaries", of: "binaries") { parser, node, path in
                parser.binary(node, at: path)
            }
            guard nameIsValid, let endpoints, let binaries else { continue }
            policies.append(
                NetworkPolicy(
                    name: policy.name, location: reader.location(of: policy.key), endpoints: endpoints,
                    binaries: binaries))
        }
        return policies
    }

    private mutating func unixSocketPolicies(_ entry: NodeReader.Entry) -> [UnixSocketPolicy] {
        guard
            let section = reader.mapping(
                entry.value, at: entry.path, expected: "a mapping of policy names to policies", nullIsEmpty: true)
        else { return [] }
        var policies: [UnixSocketPolicy] = []
        for policy in section.entries {
            let nameIsValid = checkName(policy)
            guard
                let body = reader.mapping(policy.value, at: policy.path, expected: "a mapping with paths and binaries")
            else { continue }
            reader.rejectUnknownKeys(body, allowed: PolicyDocumentParser.unixSocketPolicyKeys)
            let paths = requiredList(body, "paths", of: "paths") { parser, node, path in
                parser.socketPath(node, at: path)
            }
            let binaries = requiredList(body, "binaries", of: "binaries") { parser, node, path in
                parser.binary(node, at: path)
            }
            guard nameIsValid, let paths, let binaries else { continue }
            policies.append(
                UnixSocketPolicy(
                    name: policy.name, location: reader.location(of: policy.key), paths: paths, binaries: binaries))
        }
        return policies
    }

    /// Policy names become keys in `data` and appear in decisions and logs, so they stay plain.
    private mutating func checkName(_ policy: NodeReader.Entry) -> Bool {
        let valid =
            !policy.name.isEmpty
            && policy.name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
        if !valid {
            reader.report(
                .invalidValue, at: policy.key, policy.path,
                "expected a policy name of letters, digits, \"_\", \".\" and \"-\", found \(PatternError.quote(policy.name))"
            )
        }
        return valid
    }

    // MARK: - Lists

    /// A required, non-empty list under `key`, each element read by `element`. An empty list is
    /// an error rather than a policy that silently allows nothing.
    mutating func requiredList<Element>(
        _ mapping: NodeReader.Mapping, _ key: String, of what: String,
        _ element: (inout PolicyDocumentParser, Node, PolicyKeyPath) -> Element?
    ) -> [Element]? {
        guard let entry = mapping[key] else {
            reader.report(.missingKey, at: mapping.node, mapping.path.key(key), "missing required key \"\(key)\"")
            return nil
        }
        guard let nodes = reader.sequence(entry.value, at: entry.path, expected: "a list of \(what)") else {
            return nil
        }
        if nodes.isEmpty {
            reader.report(.invalidValue, at: entry.value, entry.path, "lists no \(what), so it allows nothing")
            return nil
        }
        var elements: [Element] = []
        var complete = true
        for (node, path) in nodes {
            if let value = element(&self, node, path) { elements.append(value) } else { complete = false }
        }
        return complete ? elements : nil
    }
}
