import Rego

/// Lookups the shipped rules use to find the policies granting a connection without scanning
/// every policy: `data.airlock_index`.
///
/// - `network[path][host]`: for each exact binary path (as listed, and as resolved) and each exact
///   host, the entries `{"policy", "how", "transport", "ports"}` — a connection's exe (or an
///   ancestor) and host are two object lookups away from the policies that may allow it.
/// - `network_generic`: every (binary, endpoint) pair the lookups cannot answer — a glob on either
///   side, a pinned hash, an endpoint with `allowed_ips` (matched by address) — as
///   `{"policy", "binary", "endpoint"}`, checked one by one.
///
/// `rules/airlock/index.rego` defines the same index in Rego (`computed_index`, used when data
/// comes without one); tests check that both agree. It is rebuilt with every generation, from the
/// same resolved paths.
struct DecisionIndex {
    var value: Value

    init(document: PolicyDocument, paths: [ResolvedPolicyPath]) {
        var lookup: [String: [String: [Value]]] = [:]
        var generic: [Value] = []
        let resolutions = Dictionary(
            paths.filter(\.isBinary).map { ($0.path, $0.resolution) }, uniquingKeysWith: { first, _ in first })
        func resolution(of binary: BinaryRule) -> PathResolution { binary.isGlob ? .glob : resolutions[binary.path] ?? .glob }

        // In name order, as Rego iterates `data.network_policies`, so the lists come out in the
        // order the rules' own `computed_index` builds them.
        for policy in document.networkPolicies.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            for binary in policy.binaries {
                let resolved = resolution(of: binary).resolvedPath
                for endpoint in policy.endpoints {
                    if binary.isGlob || binary.sha256 != nil || endpoint.hostIsGlob || !endpoint.allowedIPs.isEmpty {
                        generic.append(.object(RegoObject([
                            ("policy", .string(policy.name)),
                            ("binary", ResolvedPolicy.value(of: binary, resolution(of: binary))),
                            ("endpoint", ResolvedPolicy.value(of: endpoint)),
                        ])))
                    }
                    if binary.isGlob || binary.sha256 != nil || endpoint.hostIsGlob { continue }
                    var keys = [(binary.path, "listed")]
                    if let resolved, resolved != binary.path {
                        keys.append((resolved, "listed as \(binary.path), a symlink to it"))
                    }
                    for (path, how) in keys {
                        lookup[path, default: [:]][endpoint.host, default: []].append(.object(RegoObject([
                            ("policy", .string(policy.name)), ("how", .string(how)),
                            ("transport", .string(endpoint.transport?.rawValue ?? "tcp")),
                            ("ports", .array(endpoint.ports.map(Value.int))),
                        ])))
                    }
                }
            }
        }
        let network = lookup.map { path, hosts in
            (path, Value.object(RegoObject(hosts.map { ($0.key, Value.array($0.value)) })))
        }
        value = .object(RegoObject([
            ("network", .object(RegoObject(network))),
            ("network_generic", .array(generic)),
        ]))
    }
}
