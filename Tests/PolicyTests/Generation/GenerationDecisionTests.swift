import CAirlockLinux
import Glibc
import Identity
import Logging
import Policy
import Rego
import TestSupport
import Testing

/// Decisions of the shipped rules on policies resolved in real roots: a directory laid out as an
/// image, a chrooted process, and a process whose root Airlock may not read.
@Suite struct GenerationDecisionTests {
    static let policy = """
        version: 1
        network_policies:
          pypi:
            endpoints:
              - { host: pypi.org, port: 443 }
              - { host: "*.pythonhosted.org", port: 443 }
            binaries:
              - { path: /usr/bin/python3 }
        unix_sockets:
          docker: { paths: [/var/run/docker.sock], binaries: [{ path: /usr/bin/docker }] }
        """

    @Test func theCanonicalExecutableIsAllowedThroughTheListedSymlink() throws {
        let root = try AgentRoot()
        let generation = try PolicyFile(Self.policy).generation(root: .directory(root.path))
        let decision = generation.decide(.tcp(.exe("/usr/bin/python3.11"), host: "files.pythonhosted.org", port: 443))
        #expect(decision == Decision(
            allow: true, policy: "pypi",
            reason: "/usr/bin/python3.11 may connect to files.pythonhosted.org:443: allowed by network policy pypi (listed as /usr/bin/python3, a symlink to it)"))
    }

    @Test func anotherBinaryIsDeniedWithTheAllowedListAndNoHint() throws {
        let root = try AgentRoot()
        let generation = try PolicyFile(Self.policy).generation(root: .directory(root.path))
        let decision = generation.decide(.tcp(.exe("/usr/bin/curl"), host: "pypi.org", port: 443))
        #expect(decision == Decision(
            allow: false, policy: "pypi",
            reason: "/usr/bin/curl may not connect to pypi.org:443: binary /usr/bin/curl is not allowed by network policy pypi, which allows only /usr/bin/python3 (a symlink to /usr/bin/python3.11); its ancestors: /usr/bin/bash"))
    }

    @Test func anUnlistedEndpointIsDenied() throws {
        let root = try AgentRoot()
        let generation = try PolicyFile(Self.policy).generation(root: .directory(root.path))
        let decision = generation.decide(.tcp(.exe("/usr/bin/python3.11"), host: "evil.example", port: 443))
        #expect(decision == Decision(
            allow: false,
            reason: "/usr/bin/python3.11 may not connect to evil.example:443: endpoint evil.example:443 is not allowed by any network policy"))
    }

    /// The listed path is not in the image (python lives in /usr/local there): the hint says so
    /// and how to find the real path.
    @Test func aListedPathMissingFromTheRootGetsASymlinkHint() throws {
        let root = try AgentRoot()
        let policy = Self.policy.replacingOccurrences(of: "/usr/bin/python3 }", with: "/usr/local/bin/python3 }")
        let generation = try PolicyFile(policy).generation(root: .directory(root.path))
        let decision = generation.decide(.tcp(.exe("/usr/bin/python3.11"), host: "pypi.org", port: 443))
        #expect(!decision.allow)
        #expect(decision.hints == [
            "SYMLINK HINT: network policy pypi lists /usr/local/bin/python3, which does not exist in the agent's root (No such file or directory at \(root.path)/usr/local/bin/python3); the process runs /usr/bin/python3.11. List the path the container really has: run `readlink -f /usr/local/bin/python3` inside the container."
        ])
    }

    @Test func aUnixSocketIsMatchedThroughTheVarRunLink() throws {
        let root = try AgentRoot()
        let generation = try PolicyFile(Self.policy).generation(root: .directory(root.path))
        #expect(generation.decide(.unix(.exe("/usr/bin/docker"), path: "/run/docker.sock")).allow)
        let denied = generation.decide(.unix(.exe("/usr/bin/curl"), path: "/run/docker.sock"))
        #expect(denied.reason == "/usr/bin/curl may not connect to unix socket /run/docker.sock: binary /usr/bin/curl is not allowed by unix socket policy docker, which allows only /usr/bin/docker; its ancestors: /usr/bin/bash")
    }

    /// A real process chrooted into the image, started through the symlink: its identity comes
    /// from /proc, the policy is resolved through /proc/<pid>/root.
    @Test func aChrootedProcessIsDecidedOnItsOwnRoot() throws {
        try requireRoot("chroot")
        let root = try AgentRoot(runnable: true)
        let python = try RunningProcess("/usr/sbin/chroot", [root.path, "/usr/bin/python3", "300"])
        try python.waitForExe { $0.hasSuffix("/usr/bin/python3.11") }
        let curl = try RunningProcess("/usr/sbin/chroot", [root.path, "/usr/bin/curl", "300"])
        try curl.waitForExe { $0.hasSuffix("/usr/bin/curl") }

        let generation = try PolicyFile(Self.policy).generation(root: .process(python.pid))
        let identities = IdentityCache(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let pythonIdentity = try identities.identity(of: python.pid)
        #expect(pythonIdentity.exe == "/usr/bin/python3.11")

        let allowed = generation.decide(.tcp(.init(pythonIdentity), host: "pypi.org", port: 443))
        #expect(allowed.allow)
        #expect(allowed.reason.hasPrefix("/usr/bin/python3.11 may connect to pypi.org:443: allowed by network policy pypi (listed as /usr/bin/python3, a symlink to it)"))

        let denied = generation.decide(.tcp(.init(try identities.identity(of: curl.pid)), host: "pypi.org", port: 443))
        #expect(!denied.allow)
        #expect(denied.reason.contains("binary /usr/bin/curl is not allowed by network policy pypi, which allows only /usr/bin/python3 (a symlink to /usr/bin/python3.11)"))
        #expect(denied.hints.isEmpty)
    }

    /// Without CAP_SYS_PTRACE Airlock cannot open another user's /proc/<pid>/root: the policy
    /// still loads, and a denial of the plausible target says to grant the capability.
    @Test func aClosedRootGetsTheCapabilityHint() throws {
        try requireRoot("setpriv --reuid and capset")
        try Command.require("/usr/bin/setpriv", package: "util-linux")
        let agent = try RunningProcess(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/sleep", "300"])
        try agent.waitForExe { $0.hasSuffix("/sleep") }
        let file = try PolicyFile(Self.policy)
        let pid = agent.pid
        let sources = file.sources
        let outcome = try withoutCapabilities([CAP_SYS_PTRACE]) {
            Result { () throws(PolicySetupError) in try PolicyGeneration(number: 1, sources: sources, root: .process(pid)) }
        }
        let generation = try outcome.get()
        let failure = try #require(generation.resolved.failures.first?.resolution.failure)
        #expect(failure.errnoName == "EACCES")
        #expect(failure.path == "/proc/\(pid)/root")

        let decision = generation.decide(ConnectionFacts.tcp(.exe("/usr/bin/python3.11"), host: "pypi.org", port: 443))
        #expect(!decision.allow)
        #expect(decision.hints == [
            "SYMLINK HINT: network policy pypi lists /usr/bin/python3, which Airlock could not resolve inside the agent's root (Permission denied at /proc/\(pid)/root); the process runs /usr/bin/python3.11, which may be its target. Grant Airlock CAP_SYS_PTRACE so it can read the agent's root and follow the link, or list the canonical path: run `readlink -f /usr/bin/python3` inside the container."
        ])
        // An unrelated binary is not hinted at.
        #expect(generation.decide(ConnectionFacts.tcp(.exe("/usr/bin/curl"), host: "pypi.org", port: 443)).hints.isEmpty)
    }

    /// Rules that answer nothing useful fail closed, saying what they produced.
    @Test func malformedDecisionsFailClosed() throws {
        let rules = try TemporaryDirectory("rules")
        try rules.write("decision.rego", "package airlock\n\ndecision := {\"allow\": \"yes\"}\n")
        let file = try PolicyFile(Self.policy)
        let generation = try PolicyGeneration(
            number: 1, sources: PolicySources(policyFile: file.path, rules: RuleSources(paths: [rules.path])),
            root: .host)
        let decision = generation.decide(.tcp(.exe("/usr/bin/curl"), host: "pypi.org", port: 443))
        #expect(decision == .denied("denied: data.airlock.decision is not {allow: bool, reason: string, …}: {\"allow\":\"yes\"}"))
    }
}
