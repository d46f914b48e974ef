import Policy
import Rego
import Testing

/// Hosts, paths and networks: what is accepted, how it is normalised, and what each refusal says.
@Suite struct PolicyDocumentPatternTests {
    private func endpoint(_ fields: String) throws -> Endpoint {
        let yaml = """
            version: 1
            network_policies:
              p:
                endpoints: [{ \(fields) }]
                binaries: [{ path: /bin/x }]
            """
        return try PolicyDocument.parse(yaml, file: "p.yaml").networkPolicies[0].endpoints[0]
    }

    /// The message of the single error a faulty `host` gives.
    private func hostError(_ host: String) -> String? {
        do {
            _ = try endpoint(#"host: "\#(host)", port: 1"#)
            return nil
        } catch let errors as PolicyErrors {
            #expect(errors.errors.count == 1)
            #expect(errors.errors.first?.key == "network_policies.p.endpoints[0].host")
            return errors.errors.first?.message
        } catch {
            return "\(error)"
        }
    }

    static let validHosts: [(String, String, Bool)] = [
        ("pypi.org", "pypi.org", false),
        ("PyPI.ORG", "pypi.org", false),
        ("pypi.org.", "pypi.org", false),
        ("localhost", "localhost", false),
        ("_service.example.com", "_service.example.com", false),
        ("xn--bcher-kva.example", "xn--bcher-kva.example", false),
        ("*.pythonhosted.org", "*.pythonhosted.org", true),
        ("*.*.example.com", "*.*.example.com", true),
        ("**.corp.example", "**.corp.example", true),
        ("**.Corp.Example.", "**.corp.example", true),
        ("api.*.example.com", "api.*.example.com", true),
        ("10.1.2.3", "10.1.2.3", false),
        ("::1", "::1", false),
        ("2001:DB8::0:1", "2001:db8::1", false),
    ]

    @Test(arguments: validHosts)
    func hostsAreNormalised(written: String, host: String, isGlob: Bool) throws {
        let endpoint = try endpoint(#"host: "\#(written)", port: 1"#)
        #expect(endpoint.host == host)
        #expect(endpoint.hostIsGlob == isGlob)
    }

    static let invalidHosts: [(String, String)] = [
        ("", "expected a host name, IP address or DNS pattern, found an empty string"),
        ("a*b.com", #"expected "*" as a whole label (as in *.example.com), found "a*b" in "a*b.com""#),
        ("***.com", #"expected "*" as a whole label (as in *.example.com), found "***" in "***.com""#),
        ("foo.**.com", #"expected "**" only as the first label (as in **.example.com), found "foo.**.com""#),
        ("*.", #"expected a pattern with at least one label that is not a wildcard (as in *.example.com), found "*.""#),
        ("**", #"expected a pattern with at least one label that is not a wildcard (as in *.example.com), found "**""#),
        (".pypi.org", #"expected dot-separated labels, found an empty label in ".pypi.org""#),
        ("pypi.org..", #"expected dot-separated labels, found an empty label in "pypi.org..""#),
        ("py?pi.org", #"expected letters, digits, "-" and "_" in a host name, found "?" in "py?pi.org""#),
        ("{a,b}.org", #"expected letters, digits, "-" and "_" in a host name, found "{" in "{a,b}.org""#),
        (
            "bücher.example",
            #"expected an ASCII host name (write internationalised names as xn--… punycode), found "bücher.example""#
        ),
        ("-pypi.org", #"expected a label that neither starts nor ends with "-", found "-pypi" in "-pypi.org""#),
        ("10.0.0.256", #"expected an IPv4 address, found "10.0.0.256""#),
        ("*.0.1", #"expected an IPv4 address, found "*.0.1""#),
        (
            "10.0.0.0/8",
            #"expected a host name or IP address, found the network "10.0.0.0/8"; list networks under allowed_ips"#
        ),
        ("pypi.org:443", #"expected a host without a port (ports go under port or ports), found "pypi.org:443""#),
        ("[::1]", #"expected an IPv6 address without brackets, found "[::1]""#),
        ("fe80::1%eth0", #"expected an IPv6 address, found "fe80::1%eth0""#),
    ]

    @Test(arguments: invalidHosts)
    func badHostsAreRefused(host: String, message: String) {
        #expect(hostError(host) == message)
    }

    @Test func aLongLabelIsRefused() {
        let label = String(repeating: "a", count: 64)
        #expect(
            hostError("\(label).com")
                == #"expected labels of at most 63 characters, found one of 64 in "\#(label).com""#)
    }

    @Test func portsAreSortedAndUnique() throws {
        #expect(try endpoint("host: a.b, ports: [443, 80, 0x50, 8_080]").ports == [80, 443, 8080])
    }

    static let networks: [(String, String)] = [
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("10.1.2.3/8", "10.1.2.3/8"),
        ("10.1.2.3", "10.1.2.3/32"),
        ("fd00::/8", "fd00::/8"),
        ("2001:db8::1", "2001:db8::1/128"),
        ("0.0.0.0/0", "0.0.0.0/0"),
    ]

    @Test(arguments: networks)
    func allowedIPsAreCIDRs(written: String, stored: String) throws {
        let endpoint = try endpoint(#"host: a.b, port: 1, allowed_ips: ["\#(written)"]"#)
        #expect(endpoint.allowedIPs == [stored])
        // Every stored network is one the builtin takes.
        #expect(PatternValidation.cidrError(stored) == nil)
    }

    static let invalidNetworks: [(String, String)] = [
        ("10.0.0.0/33", #"expected a prefix length of 0 to 32 for IPv4, found "10.0.0.0/33""#),
        ("fd00::/129", #"expected a prefix length of 0 to 128 for IPv6, found "fd00::/129""#),
        ("10.0.0.0/", #"expected a prefix length of 0 to 32 after "/", found "10.0.0.0/""#),
        ("10.0.0.0/8x", #"expected a prefix length of 0 to 32 after "/", found "10.0.0.0/8x""#),
        ("10.0.0/8", #"expected a CIDR such as 10.0.0.0/8 or fd00::/8, found "10.0.0/8""#),
        ("nonsense", #"expected an IP address or a CIDR such as 10.0.0.0/8, found "nonsense""#),
        ("010.0.0.1", #"expected an IP address or a CIDR such as 10.0.0.0/8, found "010.0.0.1""#),
    ]

    @Test(arguments: invalidNetworks)
    func badNetworksAreRefused(written: String, message: String) {
        do {
            _ = try endpoint(#"host: a.b, port: 1, allowed_ips: ["\#(written)"]"#)
            Issue.record("accepted \(written)")
        } catch let errors as PolicyErrors {
            #expect(errors.errors.map(\.message) == [message])
            #expect(errors.errors.map(\.key) == ["network_policies.p.endpoints[0].allowed_ips[0]"])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anEmptyAllowedIPsListIsRefused() {
        #expect(throws: PolicyErrors.self) { try endpoint("host: a.b, port: 1, allowed_ips: []") }
    }

    static let binaryPaths: [(String, Bool)] = [
        ("/usr/bin/python3", false),
        ("/opt/venv/bin/*", true),
        ("/opt/*/bin/python?", true),
        ("/usr/bin/python3.[0-9]", true),
        ("/usr/{bin,sbin}/ip", true),
        ("/usr/lib/**", true),
    ]

    @Test(arguments: binaryPaths)
    func binaryPathsAreExactOrGlobs(path: String, isGlob: Bool) throws {
        let yaml =
            "version: 1\nnetwork_policies:\n  p: { endpoints: [{ host: a.b, port: 1 }], binaries: [{ path: \"\(path)\" }] }\n"
        let binary = try PolicyDocument.parse(yaml, file: "p.yaml").networkPolicies[0].binaries[0]
        #expect(binary.path == path)
        #expect(binary.isGlob == isGlob)
    }

    @Test func socketPathsMayBeAbstractOrGlobs() throws {
        let yaml = """
            version: 1
            unix_sockets:
              s: { paths: [/run/a.sock, "@abstract", "@/tmp/.X11-unix/X*", "/run/user/[0-9]*/bus"], binaries: [{ path: /bin/a }] }
            """
        let paths = try PolicyDocument.parse(yaml, file: "p.yaml").unixSocketPolicies[0].paths
        #expect(paths.map(\.isAbstract) == [false, true, true, false])
        #expect(paths.map(\.isGlob) == [false, false, true, true])
        #expect(paths.map(\.path) == ["/run/a.sock", "@abstract", "@/tmp/.X11-unix/X*", "/run/user/[0-9]*/bus"])
    }

    /// The wrappers answer with the builtins' own messages.
    @Test func patternValidationUsesTheBuiltinsParsers() {
        #expect(PatternValidation.globError("/usr/bin/*", delimiters: ["/"]) == nil)
        #expect(PatternValidation.globError("/usr/bin/[", delimiters: ["/"]) == "unexpected end of input")
        #expect(
            PatternValidation.globError("[z-a]", delimiters: ["/"]) == "hi character 'a' should be greater than lo 'z'")
        #expect(PatternValidation.cidrError("10.0.0.0/8") == nil)
        #expect(PatternValidation.cidrError("10.0.0.0/33") == "invalid CIDR address: 10.0.0.0/33")
        #expect(PatternValidation.cidrError("10.0.0.1") == "invalid CIDR address: 10.0.0.1")
        #expect(PatternValidation.addressError("10.0.0.1") == nil)
        #expect(PatternValidation.addressError("fd00::/8") == nil)
        #expect(
            PatternValidation.addressError("nonsense")
                == "not a valid textual representation of an IP address or CIDR: nonsense")
    }
}
