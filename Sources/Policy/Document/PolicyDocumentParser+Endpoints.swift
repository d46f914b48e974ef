import Yams

extension PolicyDocumentParser {
    static let endpointKeys = ["host", "port", "ports", "allowed_ips", "protocol", "enforcement"]
    static let ports = 1...65535

    /// `{ host, port | ports, allowed_ips?, protocol?, enforcement? }`.
    mutating func endpoint(_ node: Node, at path: PolicyKeyPath) -> Endpoint? {
        guard let mapping = reader.mapping(node, at: path, expected: "an endpoint mapping with host and port")
        else { return nil }
        reader.rejectUnknownKeys(mapping, allowed: PolicyDocumentParser.endpointKeys)
        let errorsBefore = reader.errors.count

        var host: HostPattern?
        if let entry = mapping["host"] {
            if let text = reader.string(entry.value, at: entry.path, expected: "a host name, IP address or DNS pattern")
            {
                host = check(entry.value, entry.path) { () throws(PatternError) in try HostPattern(text) }
            }
        } else {
            reader.report(.missingKey, at: node, path.key("host"), "missing required key \"host\"")
        }
        let ports = self.ports(mapping)
        var allowedIPs: [String] = []
        if let entry = mapping["allowed_ips"] {
            allowedIPs = self.allowedIPs(entry)
        }
        let transport = keyword(mapping["protocol"], as: Transport.self)
        let enforcement = keyword(mapping["enforcement"], as: Enforcement.self)

        guard reader.errors.count == errorsBefore, let host, let ports else { return nil }
        return Endpoint(
            host: host.host, hostIsGlob: host.isGlob, ports: ports, allowedIPs: allowedIPs, transport: transport,
            enforcement: enforcement ?? .enforce, location: reader.location(of: node))
    }

    /// Exactly one of `port` (an integer) and `ports` (a non-empty list of them).
    private mutating func ports(_ mapping: NodeReader.Mapping) -> [Int]? {
        let expected =
            "a port number from \(PolicyDocumentParser.ports.lowerBound) to \(PolicyDocumentParser.ports.upperBound)"
        let single = mapping["port"]
        let list = mapping["ports"]
        if let single, let list {
            // Point at whichever was written second: that is the one to delete.
            let later = NodeReader.isBefore(single.key, list.key) ? list : single
            reader.report(
                .invalidValue, at: later.key, mapping.path,
                "expected either \"port\" or \"ports\", found both")
        }
        if single == nil && list == nil {
            reader.report(
                .missingKey, at: mapping.node, mapping.path.key("port"), "missing required key \"port\" or \"ports\"")
            return nil
        }
        var ports: [Int] = []
        var complete = true
        if let single {
            if let port = reader.integer(
                single.value, at: single.path, expected: expected, range: PolicyDocumentParser.ports)
            {
                ports.append(port)
            } else {
                complete = false
            }
        }
        if let list, let elements = reader.sequence(list.value, at: list.path, expected: "a list of port numbers") {
            if elements.isEmpty {
                reader.report(
                    .invalidValue, at: list.value, list.path, "expected at least one port, found an empty list")
                complete = false
            }
            for (element, path) in elements {
                if let port = reader.integer(element, at: path, expected: expected, range: PolicyDocumentParser.ports) {
                    ports.append(port)
                } else {
                    complete = false
                }
            }
        } else if list != nil {
            complete = false
        }
        return complete ? Array(Set(ports)).sorted() : nil
    }

    /// A non-empty list of networks. Absent means any address; an empty list would mean none,
    /// which is never what was meant, so it is refused.
    private mutating func allowedIPs(_ entry: NodeReader.Entry) -> [String] {
        let expected = "an IP address or a CIDR such as 10.0.0.0/8"
        guard let elements = reader.sequence(entry.value, at: entry.path, expected: "a list of IP addresses or CIDRs")
        else { return [] }
        if elements.isEmpty {
            reader.report(
                .invalidValue, at: entry.value, entry.path,
                "expected at least one address or CIDR, found an empty list (remove the key to allow any address)")
        }
        var networks: [String] = []
        for (element, path) in elements {
            guard let text = reader.string(element, at: path, expected: expected) else { continue }
            if let network = check(element, path, { () throws(PatternError) in try AllowedNetwork.parse(text) }) {
                networks.append(network)
            }
        }
        return networks
    }

    /// An optional keyword-valued key (`protocol`, `enforcement`): exactly one of the enum's raw values.
    private mutating func keyword<Keyword: RawRepresentable & CaseIterable>(
        _ entry: NodeReader.Entry?, as: Keyword.Type
    ) -> Keyword? where Keyword.RawValue == String {
        guard let entry else { return nil }
        let names = Keyword.allCases.map(\.rawValue)
        let expected = names.dropLast().joined(separator: ", ") + " or " + names.last!
        guard let text = reader.string(entry.value, at: entry.path, expected: expected) else { return nil }
        guard let keyword = Keyword(rawValue: text) else {
            reader.report(
                .invalidValue, at: entry.value, entry.path, "expected \(expected), found \(PatternError.quote(text))")
            return nil
        }
        return keyword
    }

    /// Runs a pattern check, filing its failure as an invalid value at `node`.
    mutating func check<Checked>(
        _ node: Node, _ path: PolicyKeyPath, _ body: () throws(PatternError) -> Checked
    ) -> Checked? {
        do {
            return try body()
        } catch {
            reader.report(.invalidValue, at: node, path, error.message)
            return nil
        }
    }
}
