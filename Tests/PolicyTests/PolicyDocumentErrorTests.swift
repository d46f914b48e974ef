import Foundation
import Policy
import Testing

/// Every kind of mistake is reported with the file, the 1-based line and column of the offending
/// node, the key path and a message saying what was expected and what was found.
@Suite struct PolicyDocumentErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        let expected: [PolicyError]
        var testDescription: String { name }

        init(_ name: String, _ yaml: String, _ expected: PolicyError...) {
            self.name = name
            self.yaml = yaml
            self.expected = expected
        }
    }

    static let file = "policy.yaml"

    /// A valid one-policy document with one endpoint (line 5, column 9) and one binary (line 7,
    /// column 9); cases swap in a faulty one.
    static func policy(
        endpoint: String = "{ host: pypi.org, port: 443 }", binary: String = "{ path: /usr/bin/python3 }"
    ) -> String {
        """
        version: 1
        network_policies:
          pypi:
            endpoints:
              - \(endpoint)
            binaries:
              - \(binary)
        """
    }

    static func error(
        _ kind: PolicyError.Kind, _ line: Int, _ column: Int, _ key: String, _ message: String
    ) -> PolicyError {
        PolicyError(kind, file: file, line: line, column: column, key: key, message: message)
    }

    static let endpoint = "network_policies.pypi.endpoints[0]"
    static let binary = "network_policies.pypi.binaries[0]"

    static let cases: [Case] = [
        // Unknown keys.
        Case(
            "unknown top-level key", "version: 1\nnetwork_policy: {}\n",
            error(
                .unknownKey, 2, 1, "network_policy",
                #"unknown key "network_policy", expected one of: version, network_policies, unix_sockets"#)),
        Case(
            "unknown endpoint key", policy(endpoint: "{ host: pypi.org, port: 443, hots: x }"),
            error(
                .unknownKey, 5, 38, endpoint + ".hots",
                #"unknown key "hots", expected one of: host, port, ports, allowed_ips, protocol, enforcement"#)),
        Case(
            "unknown binary key", policy(binary: "{ path: /usr/bin/python3, sha: abc }"),
            error(.unknownKey, 7, 35, binary + ".sha", #"unknown key "sha", expected one of: path, sha256"#)),
        Case(
            "unknown policy key",
            "version: 1\nnetwork_policies:\n  pypi:\n    endpoints: [{ host: pypi.org, port: 443 }]\n    binaries: [{ path: /usr/bin/pip }]\n    binary: x\n",
            error(
                .unknownKey, 6, 5, "network_policies.pypi.binary",
                #"unknown key "binary", expected one of: endpoints, binaries"#)),

        // Wrong types.
        Case(
            "port as a string", policy(endpoint: #"{ host: pypi.org, port: "443" }"#),
            error(
                .wrongType, 5, 33, endpoint + ".port", #"expected a port number from 1 to 65535, found a string "443""#)
        ),
        Case(
            "port as a boolean", policy(endpoint: "{ host: pypi.org, port: true }"),
            error(.wrongType, 5, 33, endpoint + ".port", "expected a port number from 1 to 65535, found a boolean true")
        ),
        Case(
            "port as a float", policy(endpoint: "{ host: pypi.org, port: 443.0 }"),
            error(.wrongType, 5, 33, endpoint + ".port", "expected a port number from 1 to 65535, found a number 443.0")
        ),
        Case(
            "ports as an integer", policy(endpoint: "{ host: pypi.org, ports: 443 }"),
            error(.wrongType, 5, 34, endpoint + ".ports", "expected a list of port numbers, found an integer 443")),
        Case(
            "binaries as a mapping",
            "version: 1\nnetwork_policies:\n  pypi:\n    endpoints: [{ host: pypi.org, port: 443 }]\n    binaries: {}\n",
            error(.wrongType, 5, 15, "network_policies.pypi.binaries", "expected a list of binaries, found a mapping")),
        Case(
            "version as a string", "version: \"1\"\n",
            error(.wrongType, 1, 10, "version", #"expected the integer 1, found a string "1""#)),
        Case(
            "host as a number", policy(endpoint: "{ host: 42, port: 443 }"),
            error(
                .wrongType, 5, 17, endpoint + ".host",
                "expected a host name, IP address or DNS pattern, found an integer 42")),
        Case(
            "policy as null", "version: 1\nnetwork_policies:\n  pypi:\n",
            error(
                .wrongType, 3, 8, "network_policies.pypi", "expected a mapping with endpoints and binaries, found null")
        ),
        Case(
            "section as a list", "version: 1\nunix_sockets: []\n",
            error(.wrongType, 2, 15, "unix_sockets", "expected a mapping of policy names to policies, found a list")),
        Case(
            "document as a list", "- version: 1\n",
            error(.wrongType, 1, 1, "", "expected a mapping with version and network_policies, found a list")),
        Case(
            "endpoint as a string", policy(endpoint: "pypi.org:443"),
            error(
                .wrongType, 5, 9, endpoint,
                #"expected an endpoint mapping with host and port, found a string "pypi.org:443""#)),

        Case(
            "merging a scalar", policy(endpoint: "{ <<: 5, host: pypi.org, port: 443 }"),
            error(
                .wrongType, 5, 15, endpoint,
                #"expected a mapping or a list of mappings to merge with "<<", found an integer 5"#)),
        Case(
            "an unknown key merged in", "version: 1\nnetwork_policies:\n  p:\n    <<: { endpoints: [], bogus: 1 }\n",
            error(.missingKey, 4, 5, "network_policies.p.binaries", #"missing required key "binaries""#),
            error(.invalidValue, 4, 22, "network_policies.p.endpoints", "lists no endpoints, so it allows nothing"),
            error(
                .unknownKey, 4, 26, "network_policies.p.bogus",
                #"unknown key "bogus", expected one of: endpoints, binaries"#)),

        // Versions.
        Case(
            "version 2 stops the check", "version: 2\nendpoints: []\n",
            error(.unsupportedVersion, 1, 10, "version", "unsupported version 2, expected 1")),
        Case(
            "version missing", "network_policies: {}\n",
            error(.missingKey, 1, 1, "version", #"missing required key "version""#)),
        Case(
            "version missing, the rest still checked", "network_policies:\n  p: {}\n",
            error(.missingKey, 1, 1, "version", #"missing required key "version""#),
            error(.missingKey, 2, 6, "network_policies.p.endpoints", #"missing required key "endpoints""#),
            error(.missingKey, 2, 6, "network_policies.p.binaries", #"missing required key "binaries""#)),
        Case(
            "version mistyped, the rest still checked", "version: \"1\"\nbogus: 1\n",
            error(.wrongType, 1, 10, "version", #"expected the integer 1, found a string "1""#),
            error(
                .unknownKey, 2, 1, "bogus",
                #"unknown key "bogus", expected one of: version, network_policies, unix_sockets"#)),
        Case(
            "an empty file", "# nothing yet\n",
            PolicyError(.missingKey, file: file, key: "version", message: #"missing required key "version""#)),

        // Missing keys and port choices.
        Case(
            "host missing", policy(endpoint: "{ port: 443 }"),
            error(.missingKey, 5, 9, endpoint + ".host", #"missing required key "host""#)),
        Case(
            "both port and ports", policy(endpoint: "{ host: pypi.org, port: 443, ports: [80] }"),
            error(.invalidValue, 5, 38, endpoint, #"expected either "port" or "ports", found both"#)),
        Case(
            "neither port nor ports", policy(endpoint: "{ host: pypi.org }"),
            error(.missingKey, 5, 9, endpoint + ".port", #"missing required key "port" or "ports""#)),
        Case(
            "binary path missing", policy(binary: "{ sha256: abc }"),
            error(.missingKey, 7, 9, binary + ".path", #"missing required key "path""#),
            error(
                .invalidValue, 7, 19, binary + ".sha256",
                #"expected 64 hexadecimal digits (a SHA-256 digest), found "abc""#)),
        Case(
            "endpoints missing", "version: 1\nnetwork_policies:\n  pypi:\n    binaries: [{ path: /usr/bin/pip }]\n",
            error(.missingKey, 4, 5, "network_policies.pypi.endpoints", #"missing required key "endpoints""#)),

        // Invalid values.
        Case(
            "port 0", policy(endpoint: "{ host: pypi.org, port: 0 }"),
            error(.invalidValue, 5, 33, endpoint + ".port", "expected a port number from 1 to 65535, found 0")),
        Case(
            "port 70000", policy(endpoint: "{ host: pypi.org, port: 70000 }"),
            error(.invalidValue, 5, 33, endpoint + ".port", "expected a port number from 1 to 65535, found 70000")),
        Case(
            "a bad port in ports", policy(endpoint: "{ host: pypi.org, ports: [443, 0] }"),
            error(.invalidValue, 5, 40, endpoint + ".ports[1]", "expected a port number from 1 to 65535, found 0")),
        Case(
            "empty ports", policy(endpoint: "{ host: pypi.org, ports: [] }"),
            error(.invalidValue, 5, 34, endpoint + ".ports", "expected at least one port, found an empty list")),
        Case(
            "relative binary path", policy(binary: "{ path: bin/python3 }"),
            error(
                .invalidValue, 7, 17, binary + ".path",
                #"expected an absolute path, found the relative path "bin/python3""#)),
        Case(
            "bad binary glob", policy(binary: #"{ path: "/usr/bin/[" }"#),
            error(.invalidValue, 7, 17, binary + ".path", #"invalid glob "/usr/bin/[": unexpected end of input"#)),
        Case(
            "star inside a host label", policy(endpoint: #"{ host: "a*b.com", port: 443 }"#),
            error(
                .invalidValue, 5, 17, endpoint + ".host",
                #"expected "*" as a whole label (as in *.example.com), found "a*b" in "a*b.com""#)),
        Case(
            "double star after the first label", policy(endpoint: #"{ host: "foo.**.com", port: 443 }"#),
            error(
                .invalidValue, 5, 17, endpoint + ".host",
                #"expected "**" only as the first label (as in **.example.com), found "foo.**.com""#)),
        Case(
            "wildcard-only host", policy(endpoint: #"{ host: "*.", port: 443 }"#),
            error(
                .invalidValue, 5, 17, endpoint + ".host",
                #"expected a pattern with at least one label that is not a wildcard (as in *.example.com), found "*.""#)
        ),
        Case(
            "empty host label", policy(endpoint: "{ host: pypi..org, port: 443 }"),
            error(
                .invalidValue, 5, 17, endpoint + ".host",
                #"expected dot-separated labels, found an empty label in "pypi..org""#)),
        Case(
            "bad CIDRs", policy(endpoint: "{ host: db.internal, port: 5432, allowed_ips: [10.0.0.0/33, nonsense] }"),
            error(
                .invalidValue, 5, 56, endpoint + ".allowed_ips[0]",
                #"expected a prefix length of 0 to 32 for IPv4, found "10.0.0.0/33""#),
            error(
                .invalidValue, 5, 69, endpoint + ".allowed_ips[1]",
                #"expected an IP address or a CIDR such as 10.0.0.0/8, found "nonsense""#)),
        Case(
            "bad sha256", policy(binary: "{ path: /usr/bin/python3, sha256: abc }"),
            error(
                .invalidValue, 7, 43, binary + ".sha256",
                #"expected 64 hexadecimal digits (a SHA-256 digest), found "abc""#)),
        Case(
            "unknown protocol", policy(endpoint: "{ host: pypi.org, port: 443, protocol: icmp }"),
            error(.invalidValue, 5, 48, endpoint + ".protocol", #"expected tcp or udp, found "icmp""#)),
        Case(
            "unknown enforcement", policy(endpoint: "{ host: pypi.org, port: 443, enforcement: warn }"),
            error(.invalidValue, 5, 51, endpoint + ".enforcement", #"expected enforce or audit, found "warn""#)),
        Case(
            "empty binaries",
            "version: 1\nnetwork_policies:\n  pypi:\n    endpoints: [{ host: pypi.org, port: 443 }]\n    binaries: []\n",
            error(.invalidValue, 5, 15, "network_policies.pypi.binaries", "lists no binaries, so it allows nothing")),
        Case(
            "empty endpoints",
            "version: 1\nnetwork_policies:\n  pypi:\n    endpoints: []\n    binaries: [{ path: /usr/bin/pip }]\n",
            error(.invalidValue, 4, 16, "network_policies.pypi.endpoints", "lists no endpoints, so it allows nothing")),
        Case(
            "empty socket paths",
            "version: 1\nunix_sockets:\n  docker: { paths: [], binaries: [{ path: /usr/bin/docker }] }\n",
            error(.invalidValue, 3, 20, "unix_sockets.docker.paths", "lists no paths, so it allows nothing")),
        Case(
            "relative socket path",
            "version: 1\nunix_sockets:\n  docker: { paths: [run/docker.sock], binaries: [{ path: /usr/bin/docker }] }\n",
            error(
                .invalidValue, 3, 21, "unix_sockets.docker.paths[0]",
                #"expected an absolute path or "@name" for an abstract socket, found the relative path "run/docker.sock""#
            )),
        Case(
            "bad policy name",
            "version: 1\nunix_sockets:\n  \"my socket\": { paths: [/run/a.sock], binaries: [{ path: /bin/a }] }\n",
            error(
                .invalidValue, 3, 3, #"unix_sockets["my socket"]"#,
                #"expected a policy name of letters, digits, "_", "." and "-", found "my socket""#)),
    ]

    @Test(arguments: cases)
    func eachMistakeIsReportedWhereItIs(_ testCase: Case) {
        #expect(errors(testCase.yaml) == testCase.expected)
    }

    /// All of a file's problems come back at once, sorted by position whatever order the
    /// checks found them in (the missing `endpoints` is found after the unknown key below it).
    @Test func severalErrorsAreReportedTogetherInOrder() {
        let yaml = """
            version: 1
            network_policies:
              pypi:
                binaries:
                  - { path: python3, sha256: xyz }
                extra: 1
              npm:
                endpoints:
                  - { host: registry.npmjs.org, port: "443" }
                  - { host: "a*.npmjs.org", ports: [] }
                binaries: [{ path: /usr/bin/node }]
            unix_sockets:
              docker: { paths: ["@"], binaries: {} }
            """
        let found = errors(yaml)
        #expect(
            found.map(\.description) == [
                #"policy.yaml:4:5: network_policies.pypi.endpoints: missing required key "endpoints""#,
                #"policy.yaml:5:17: network_policies.pypi.binaries[0].path: expected an absolute path, found the relative path "python3""#,
                #"policy.yaml:5:34: network_policies.pypi.binaries[0].sha256: expected 64 hexadecimal digits (a SHA-256 digest), found "xyz""#,
                #"policy.yaml:6:5: network_policies.pypi.extra: unknown key "extra", expected one of: endpoints, binaries"#,
                #"policy.yaml:9:43: network_policies.npm.endpoints[0].port: expected a port number from 1 to 65535, found a string "443""#,
                #"policy.yaml:10:17: network_policies.npm.endpoints[1].host: expected "*" as a whole label (as in *.example.com), found "a*" in "a*.npmjs.org""#,
                #"policy.yaml:10:40: network_policies.npm.endpoints[1].ports: expected at least one port, found an empty list"#,
                #"policy.yaml:13:21: unix_sockets.docker.paths[0]: expected a name after "@" for an abstract socket, found "@""#,
                #"policy.yaml:13:37: unix_sockets.docker.binaries: expected a list of binaries, found a mapping"#,
            ])
        #expect(
            found.map(\.kind) == [
                .missingKey, .invalidValue, .invalidValue, .unknownKey, .wrongType, .invalidValue, .invalidValue,
                .invalidValue, .wrongType,
            ])
    }

    @Test func theErrorsPrintOnePerLine() throws {
        let thrown = #expect(throws: PolicyErrors.self) {
            try PolicyDocument.parse("version: 1\nbogus: 1\nother: 2\n", file: "p.yaml")
        }
        #expect(
            thrown?.description == """
                p.yaml:2:1: bogus: unknown key "bogus", expected one of: version, network_policies, unix_sockets
                p.yaml:3:1: other: unknown key "other", expected one of: version, network_policies, unix_sockets
                """)
    }

    /// Syntax errors carry the positions YAMLDecoding gives the same text as a data file.
    @Test func aYAMLSyntaxErrorNamesItsLine() {
        let yaml =
            "version: 1\nnetwork_policies:\n  pypi:\n    endpoints: [{ host: pypi.org, port: 443 }\n    binaries: []\n"
        let found = errors(yaml)
        #expect(found.count == 1)
        #expect(found.first?.kind == .syntax)
        #expect(found.first?.file == "policy.yaml")
        #expect(found.first?.line == 5)
        #expect(found.first?.column == 5)
        #expect(found.first?.key == "")
        #expect(found.first?.message == "while parsing a flow sequence at 4:16: did not find expected ',' or ']'")
    }

    @Test func aDuplicateKeyIsASyntaxError() {
        let found = errors("version: 1\nnetwork_policies:\n  pypi: {}\n  pypi: {}\n")
        #expect(
            found == [
                PolicyError(
                    .syntax, file: "policy.yaml", line: 3, column: 3, message: "duplicated mapping key(s): 'pypi'")
            ])
    }

    @Test func aMissingFileIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-no-such-\(UUID()).yaml").path
        let thrown = #expect(throws: PolicyErrors.self) { try PolicyDocument.load(file: path) }
        #expect(
            thrown?.errors == [
                PolicyError(.unreadable, file: path, message: "open: No such file or directory")
            ])
        #expect(thrown?.description == "\(path): open: No such file or directory")
    }

    @Test func aDirectoryIsUnreadable() throws {
        let tree = try TemporaryTree(["policy.yaml/inner": "x"])
        let path = tree.path("policy.yaml")
        let thrown = #expect(throws: PolicyErrors.self) { try PolicyDocument.load(file: path) }
        #expect(thrown?.errors == [PolicyError(.unreadable, file: path, message: "read: Is a directory")])
    }

    /// Errors from a loaded file carry its path, not the name `parse` callers pass.
    @Test func loadReportsTheFilesPath() throws {
        let tree = try TemporaryTree(["bad.yaml": "version: 2\n"])
        let path = tree.path("bad.yaml")
        let thrown = #expect(throws: PolicyErrors.self) { try PolicyDocument.load(file: path) }
        #expect(thrown?.description == "\(path):1:10: version: unsupported version 2, expected 1")
    }

    private func errors(_ yaml: String) -> [PolicyError] {
        do {
            let document = try PolicyDocument.parse(yaml, file: PolicyDocumentErrorTests.file)
            Issue.record("expected errors, loaded \(document)")
            return []
        } catch {
            return error.errors
        }
    }
}
