import Foundation
import Policy
import Testing

/// Valid policy documents load into the model with every field, positions included.
@Suite struct PolicyDocumentTests {
    private static let file = "policy.yaml"

    private func location(_ line: Int, _ column: Int) -> PolicyLocation {
        PolicyLocation(file: PolicyDocumentTests.file, line: line, column: column)
    }

    static let full = """
        version: 1
        network_policies:
          pypi:
            endpoints:
              - { host: PyPI.org., port: 443 }
              - { host: "*.pythonhosted.org", ports: [443, 80, 443] }
              - { host: "**.corp.example", port: 8443, protocol: tcp, enforcement: audit }
              - { host: db.internal, port: 5432, allowed_ips: [10.0.0.0/8, "fd00::/8", 192.168.1.7, "2001:db8::1"] }
              - { host: "2001:DB8:0:0::53", port: 53, protocol: udp, enforcement: enforce }
            binaries:
              - { path: /usr/bin/python3 }
              - { path: "/opt/venv/bin/*" }
              - { path: /usr/local/bin/uv, sha256: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855" }
          github.api:
            endpoints:
              - host: 140.82.112.3
                port: 443
            binaries:
              - path: /usr/bin/git
        unix_sockets:
          docker:
            paths: [/var/run/docker.sock, "@containerd", "/run/user/*/bus"]
            binaries: [{ path: /usr/bin/docker }]
        """

    @Test func aFullDocumentLoadsEveryField() throws {
        let document = try PolicyDocument.parse(PolicyDocumentTests.full, file: PolicyDocumentTests.file)
        let expected = PolicyDocument(
            file: "policy.yaml", version: 1,
            networkPolicies: [
                NetworkPolicy(
                    name: "pypi", location: location(3, 3),
                    endpoints: [
                        Endpoint(host: "pypi.org", hostIsGlob: false, ports: [443], location: location(5, 9)),
                        Endpoint(
                            host: "*.pythonhosted.org", hostIsGlob: true, ports: [80, 443], location: location(6, 9)),
                        Endpoint(
                            host: "**.corp.example", hostIsGlob: true, ports: [8443], transport: .tcp,
                            enforcement: .audit, location: location(7, 9)),
                        Endpoint(
                            host: "db.internal", hostIsGlob: false, ports: [5432],
                            allowedIPs: ["10.0.0.0/8", "fd00::/8", "192.168.1.7/32", "2001:db8::1/128"],
                            location: location(8, 9)),
                        Endpoint(
                            host: "2001:db8::53", hostIsGlob: false, ports: [53], transport: .udp,
                            enforcement: .enforce,
                            location: location(9, 9)),
                    ],
                    binaries: [
                        BinaryRule(path: "/usr/bin/python3", isGlob: false, location: location(11, 9)),
                        BinaryRule(path: "/opt/venv/bin/*", isGlob: true, location: location(12, 9)),
                        BinaryRule(
                            path: "/usr/local/bin/uv", isGlob: false,
                            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                            location: location(13, 9)),
                    ]),
                NetworkPolicy(
                    name: "github.api", location: location(14, 3),
                    endpoints: [
                        Endpoint(host: "140.82.112.3", hostIsGlob: false, ports: [443], location: location(16, 9))
                    ],
                    binaries: [BinaryRule(path: "/usr/bin/git", isGlob: false, location: location(19, 9))]),
            ],
            unixSocketPolicies: [
                UnixSocketPolicy(
                    name: "docker", location: location(21, 3),
                    paths: [
                        UnixSocketPath(
                            path: "/var/run/docker.sock", isGlob: false, isAbstract: false, location: location(22, 13)),
                        UnixSocketPath(
                            path: "@containerd", isGlob: false, isAbstract: true, location: location(22, 35)),
                        UnixSocketPath(
                            path: "/run/user/*/bus", isGlob: true, isAbstract: false, location: location(22, 50)),
                    ],
                    binaries: [BinaryRule(path: "/usr/bin/docker", isGlob: false, location: location(23, 16))])
            ])
        #expect(document.file == expected.file)
        #expect(document.version == expected.version)
        #expect(document.networkPolicies.count == 2)
        for (got, want) in zip(document.networkPolicies, expected.networkPolicies) {
            #expect(got.name == want.name)
            #expect(got.location == want.location)
            #expect(got.endpoints == want.endpoints)
            #expect(got.binaries == want.binaries)
        }
        #expect(document.unixSocketPolicies == expected.unixSocketPolicies)
        #expect(document == expected)
    }

    /// The example from the format's description, verbatim.
    @Test func theFormatExampleLoads() throws {
        let yaml = """
            version: 1
            network_policies:
              pypi:                                   # name: [A-Za-z0-9_.-]+
                endpoints:
                  - { host: pypi.org, port: 443 }
                  - { host: "*.pythonhosted.org", ports: [443, 80] }
                  - { host: "**.corp.example", port: 8443, protocol: tcp, enforcement: audit }
                  - { host: db.internal, port: 5432, allowed_ips: [10.0.0.0/8, "fd00::/8"] }
                binaries:
                  - { path: /usr/bin/python3 }
                  - { path: "/opt/venv/bin/*" }       # glob, '/' delimited (glob.match with ["/"])
                  - { path: /usr/local/bin/uv, sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }
            unix_sockets:
              docker:
                paths: [/var/run/docker.sock]         # absolute path, or "@name" for an abstract socket; globs allowed
                binaries: [{ path: /usr/bin/docker }]
            """
        let document = try PolicyDocument.parse(yaml, file: "example.yaml")
        #expect(document.networkPolicies.map(\.name) == ["pypi"])
        #expect(
            document.networkPolicies[0].endpoints.map(\.host) == [
                "pypi.org", "*.pythonhosted.org", "**.corp.example", "db.internal",
            ])
        #expect(document.networkPolicies[0].endpoints[1].ports == [80, 443])
        #expect(document.networkPolicies[0].binaries.map(\.isGlob) == [false, true, false])
        #expect(document.unixSocketPolicies.map(\.name) == ["docker"])
        #expect(document.unixSocketPolicies[0].paths.map(\.path) == ["/var/run/docker.sock"])
    }

    /// The design document's example, with its one-line unix socket policy.
    @Test func theDesignExampleLoads() throws {
        let yaml = """
            version: 1
            network_policies:
              pypi:
                endpoints:
                  - { host: pypi.org, port: 443 }
                  - { host: "*.pythonhosted.org", ports: [443] }
                binaries:
                  - { path: /usr/bin/python3 }          # a symlink: resolved inside the container
                  - { path: "/opt/venv/bin/*" }          # glob, '/' delimited
            unix_sockets:
              docker: { paths: [/var/run/docker.sock], binaries: [{ path: /usr/bin/docker }] }
            """
        let document = try PolicyDocument.parse(yaml, file: "design.yaml")
        #expect(document.networkPolicies[0].endpoints.count == 2)
        #expect(document.unixSocketPolicies[0].binaries.map(\.path) == ["/usr/bin/docker"])
    }

    @Test(arguments: [
        "version: 1\n",
        "version: 1\nnetwork_policies:\nunix_sockets:\n",
        "version: 1\nnetwork_policies: {}\nunix_sockets: {}\n",
        "# just a comment\nversion: 0x1\n",
    ])
    func sectionsAreOptionalAndMayBeEmpty(yaml: String) throws {
        let document = try PolicyDocument.parse(yaml, file: "policy.yaml")
        #expect(document.version == 1)
        #expect(document.networkPolicies.isEmpty)
        #expect(document.unixSocketPolicies.isEmpty)
    }

    /// Aliases repeat an anchored node (its location is the anchor's); `<<` merges a mapping,
    /// explicit keys winning, as YAMLDecoding does for data files.
    @Test func anchorsAliasesAndMergeKeys() throws {
        let yaml = """
            version: 1
            network_policies:
              base:
                endpoints:
                  - &pypi { host: pypi.org, port: 443 }
                binaries: &python
                  - { path: /usr/bin/python3 }
              other:
                endpoints:
                  - *pypi
                  - { <<: *pypi, port: 8443 }
                  - <<: [{ host: a.example, port: 1 }, { host: b.example, port: 2, protocol: udp }]
                    port: 3
                binaries: *python
            """
        let document = try PolicyDocument.parse(yaml, file: "policy.yaml")
        let other = document.networkPolicies[1]
        #expect(other.endpoints.map(\.host) == ["pypi.org", "pypi.org", "a.example"])
        #expect(other.endpoints.map(\.ports) == [[443], [8443], [3]])
        #expect(other.endpoints.map(\.transport) == [nil, nil, .udp])
        #expect(other.endpoints[0].location == location(5, 9))
        #expect(other.endpoints[1].location == location(11, 9))
        #expect(other.binaries == document.networkPolicies[0].binaries)
    }

    @Test func policyNamesMayRepeatAcrossSections() throws {
        let yaml = """
            version: 1
            network_policies:
              docker: { endpoints: [{ host: registry-1.docker.io, port: 443 }], binaries: [{ path: /usr/bin/docker }] }
            unix_sockets:
              docker: { paths: [/var/run/docker.sock], binaries: [{ path: /usr/bin/docker }] }
            """
        let document = try PolicyDocument.parse(yaml, file: "policy.yaml")
        #expect(document.networkPolicies.map(\.name) == ["docker"])
        #expect(document.unixSocketPolicies.map(\.name) == ["docker"])
    }

    @Test func loadReadsTheFile() throws {
        let tree = try TemporaryTree(["policy.yaml": PolicyDocumentTests.full])
        let path = tree.path("policy.yaml")
        let document = try PolicyDocument.load(file: path)
        #expect(document.file == path)
        #expect(document.networkPolicies[0].location == PolicyLocation(file: path, line: 3, column: 3))
        #expect(document.networkPolicies[0].location.description == "\(path):3:3")
    }
}
