import Glibc
import Policy
import Rego
import Testing

/// The data document: every listed path resolved inside the agent's root, next to the original.
@Suite struct ResolvedPolicyTests {
    static let policy = """
        version: 1
        network_policies:
          pypi:
            endpoints: [{ host: pypi.org, port: 443 }]
            binaries:
              - { path: /usr/bin/python3 }
              - { path: /usr/local/bin/python }
              - { path: /bin/git }
              - { path: /usr/bin/uv }
              - { path: "/opt/venv/bin/*" }
        unix_sockets:
          docker: { paths: [/var/run/docker.sock, "@buildkit"], binaries: [{ path: /usr/bin/docker }] }
        """

    func binaries(_ data: Value, _ section: String = "network_policies", _ name: String = "pypi") -> [Value] {
        data[.string(section)]?[.string(name)]?[.string("binaries")]?.arrayValue ?? []
    }

    @Test func everyShapeOfPathIsResolvedInTheAgentRoot() throws {
        let root = try AgentRoot()
        let file = try PolicyFile(Self.policy)
        let resolved = ResolvedPolicy(document: try PolicyDocument.load(file: file.path), root: .directory(root.path))
        let list = binaries(resolved.data)
        #expect(list.count == 5)

        func hops(_ pairs: [(String, String)]) -> Value {
            .array(pairs.map { .object(RegoObject([("link", .string($0.0)), ("target", .string($0.1))])) })
        }
        // A relative link in the same directory.
        #expect(list[0].field("resolved") == .string("/usr/bin/python3.11"))
        #expect(list[0].field("chain") == hops([("/usr/bin/python3", "python3.11")]))
        // An absolute link to a relative one: two hops.
        #expect(list[1].field("resolved") == .string("/usr/bin/python3.11"))
        #expect(list[1].field("chain") == hops([("/usr/local/bin/python", "/usr/bin/python3"), ("/usr/bin/python3", "python3.11")]))
        // A directory-level link.
        #expect(list[2].field("resolved") == .string("/usr/bin/git"))
        #expect(list[2].field("chain") == hops([("/bin", "usr/bin")]))
        // Missing in the agent's root: kept, with the error for hints and the log.
        #expect(list[3].field("resolved") == .null)
        #expect(list[3].field("resolution_error")?.field("errno") == .string("ENOENT"))
        #expect(list[3].field("resolution_error")?.field("path") == .string(root.path + "/usr/bin/uv"))
        // Globs are matched as written.
        #expect(list[4].field("glob") == .true)
        #expect(list[4].field("resolved") == .null)
        #expect(list[4].field("resolution_error") == .null)

        let sockets = resolved.data.field("unix_sockets")?.field("docker")?.field("paths")?.arrayValue ?? []
        #expect(sockets[0].field("resolved") == .string("/run/docker.sock"))
        #expect(sockets[1].field("abstract") == .true)
        #expect(sockets[1].field("resolved") == .null)
        #expect(sockets[1].field("resolution_error") == .null)

        #expect(resolved.failures.map(\.path) == ["/usr/bin/uv"])
        let message = try #require(resolved.failures.first?.failureMessage(root: resolved.root))
        #expect(message == "\(file.path):9:9: network policy pypi: binary /usr/bin/uv could not be resolved in the directory \(root.path): ENOENT: No such file or directory at \(root.path)/usr/bin/uv; fix: list the path the container has (`readlink -f /usr/bin/uv` inside it)")
    }

    /// The same document resolved in another root gives that root's answers: what a reload for a
    /// new entrypoint process does.
    @Test func anotherRootGivesItsOwnAnswers() throws {
        let root311 = try AgentRoot(python: "python3.11")
        let root312 = try AgentRoot(python: "python3.12")
        let file = try PolicyFile(Self.policy)
        let document = try PolicyDocument.load(file: file.path)
        let first = ResolvedPolicy(document: document, root: .directory(root311.path))
        let second = ResolvedPolicy(document: document, root: .directory(root312.path))
        #expect(binaries(first.data)[0].field("resolved") == .string("/usr/bin/python3.11"))
        #expect(binaries(second.data)[0].field("resolved") == .string("/usr/bin/python3.12"))
    }
}

/// The index Airlock ships in data.airlock_index is exactly what the rules would compute
/// themselves (`data.airlock.computed_index`), for every shape of binary and endpoint.
@Suite struct DecisionIndexTests {
    @Test(arguments: ["pypi.yaml", "coding-agent.yaml"])
    func theShippedIndexEqualsTheRulesOwn(example: String) throws {
        let root = try AgentRoot()
        let file = ShippedRules.directory + "/../examples/" + example
        let generation = try PolicyGeneration(
            number: 1, sources: PolicySources(policyFile: file, rules: ShippedRules.sources), root: .directory(root.path))
        let computed = try generation.compiled.prepare("data.airlock.computed_index").evaluateValue()
        let shipped = generation.resolved.data.field("airlock_index")
        #expect(computed != nil)
        #expect(computed == shipped)
    }

    @Test func symlinkedGlobbedPinnedAndAddressedEntries() throws {
        let root = try AgentRoot()
        let policy = try PolicyFile("""
            version: 1
            network_policies:
              b-second:
                endpoints: [{ host: pypi.org, port: 443 }, { host: "*.example.com", ports: [80, 443] }]
                binaries: [{ path: /usr/bin/python3 }, { path: /bin/git }, { path: "/opt/*/bin/*" }]
              a-first:
                endpoints: [{ host: db.internal, port: 5432, allowed_ips: [10.0.0.0/8], protocol: tcp }, { host: dns.internal, port: 53, protocol: udp }]
                binaries: [{ path: /usr/bin/python3.11 }, { path: /usr/bin/curl, sha256: "\(String(repeating: "ab", count: 32))" }]
            """)
        let generation = try policy.generation(root: .directory(root.path))
        let computed = try generation.compiled.prepare("data.airlock.computed_index").evaluateValue()
        #expect(computed == generation.resolved.data.field("airlock_index"))
        let pypi = generation.resolved.data.field("airlock_index")?.field("network")?.field("/usr/bin/python3.11")?.field("pypi.org")
        #expect(pypi?.arrayValue?.first?.field("how") == .string("listed as /usr/bin/python3, a symlink to it"))
    }
}
