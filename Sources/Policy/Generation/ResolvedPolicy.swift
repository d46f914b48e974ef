import Identity
import Rego

/// A policy document with every listed path resolved inside the agent's root, and the `data`
/// document the shipped rules read (`airlock check` prints it).
///
/// Resolution happens here, once per generation, never on the decision path: a decision compares
/// the kernel's canonical `exe` with `path` and `resolved` of each binary.
public struct ResolvedPolicy: Sendable {
    public var document: PolicyDocument
    public var root: PolicyRoot
    /// Every binary and socket path the document lists, in document order.
    public var paths: [ResolvedPolicyPath]
    public var data: Value

    public init(document: PolicyDocument, root: PolicyRoot) {
        self.document = document
        self.root = root
        var resolver = Resolver(root: root.filesystem)
        var paths: [ResolvedPolicyPath] = []

        var networkPolicies: [(String, Value)] = []
        for policy in document.networkPolicies {
            let binaries = policy.binaries.map { binary in
                let resolution = resolver.resolve(binary.path, isGlob: binary.isGlob)
                paths.append(ResolvedPolicyPath(
                    section: .network, policy: policy.name, path: binary.path, isBinary: true,
                    location: binary.location, resolution: resolution))
                return Self.value(of: binary, resolution)
            }
            networkPolicies.append((policy.name, .object(RegoObject([
                ("endpoints", .array(policy.endpoints.map(Self.value(of:)))),
                ("binaries", .array(binaries)),
            ]))))
        }

        var socketPolicies: [(String, Value)] = []
        for policy in document.unixSocketPolicies {
            let sockets = policy.paths.map { socket in
                // Abstract names live in the network namespace, not the file system.
                let resolution = resolver.resolve(socket.path, isGlob: socket.isGlob || socket.isAbstract)
                paths.append(ResolvedPolicyPath(
                    section: .unixSocket, policy: policy.name, path: socket.path, isBinary: false,
                    location: socket.location, resolution: resolution))
                return Value.object(RegoObject(
                    [("path", .string(socket.path)), ("glob", .bool(socket.isGlob)), ("abstract", .bool(socket.isAbstract))]
                        + resolution.dataFields))
            }
            let binaries = policy.binaries.map { binary in
                let resolution = resolver.resolve(binary.path, isGlob: binary.isGlob)
                paths.append(ResolvedPolicyPath(
                    section: .unixSocket, policy: policy.name, path: binary.path, isBinary: true,
                    location: binary.location, resolution: resolution))
                return Self.value(of: binary, resolution)
            }
            socketPolicies.append((policy.name, .object(RegoObject([
                ("paths", .array(sockets)), ("binaries", .array(binaries)),
            ]))))
        }

        self.paths = paths
        data = .object(RegoObject([
            ("network_policies", .object(RegoObject(networkPolicies))),
            ("unix_sockets", .object(RegoObject(socketPolicies))),
            ("airlock_index", DecisionIndex(document: document, paths: paths).value),
        ]))
    }

    /// Paths that could not be resolved: each is logged, and hinted at when it causes a denial.
    public var failures: [ResolvedPolicyPath] { paths.filter { $0.resolution.failure != nil } }

    static func value(of binary: BinaryRule, _ resolution: PathResolution) -> Value {
        .object(RegoObject(
            [
                ("path", .string(binary.path)), ("glob", .bool(binary.isGlob)),
                ("sha256", binary.sha256.map(Value.string) ?? .null),
            ] + resolution.dataFields))
    }

    static func value(of endpoint: Endpoint) -> Value {
        .object(RegoObject([
            ("host", .string(endpoint.host)),
            ("host_glob", .bool(endpoint.hostIsGlob)),
            ("ports", .array(endpoint.ports.map(Value.int))),
            ("allowed_ips", .array(endpoint.allowedIPs.map(Value.string))),
            ("protocol", endpoint.transport.map { .string($0.rawValue) } ?? .null),
            ("enforcement", .string(endpoint.enforcement.rawValue)),
        ]))
    }

    /// Resolves each distinct path once: policies often list the same interpreter many times.
    private struct Resolver {
        let root: RootFS
        var seen: [String: PathResolution] = [:]

        mutating func resolve(_ path: String, isGlob: Bool) -> PathResolution {
            if isGlob { return .glob }
            if let known = seen[path] { return known }
            let resolution = PathResolution.of(path, isGlob: false, in: root)
            seen[path] = resolution
            return resolution
        }
    }
}

/// One path a policy lists, where it is written, and what resolving it gave.
public struct ResolvedPolicyPath: Sendable, Hashable {
    public enum Section: String, Sendable { case network = "network policy", unixSocket = "unix socket policy" }

    public var section: Section
    public var policy: String
    public var path: String
    /// A binary (else a socket path).
    public var isBinary: Bool
    public var location: PolicyLocation
    public var resolution: PathResolution

    /// For the log: `rules/p.yaml:9:9: network policy pypi: binary /usr/bin/python3 could not be
    /// resolved in the root of pid 42: Permission denied at …; fix: …`.
    public func failureMessage(root: PolicyRoot) -> String? {
        guard let error = resolution.failure else { return nil }
        let what = isBinary ? "binary" : "socket path"
        var text = "\(location): \(section.rawValue) \(policy): \(what) \(path) could not be resolved in \(root): "
            + "\(error.errnoName): \(error.shortDescription)"
        switch error.kind {
        case .permission:
            text += "; fix: grant Airlock CAP_SYS_PTRACE so it can read the agent's root, or list the canonical path"
        case .missing:
            text += "; fix: list the path the container has (`readlink -f \(path)` inside it)"
        default:
            text += "; fix: list the canonical path (`readlink -f \(path)` inside the container)"
        }
        return text
    }
}
