import Policy
import Rego
import TestSupport
import Testing

/// Hot reload: a new generation replaces the live one only when it parsed, resolved and compiled.
@Suite struct PolicyStoreTests {
    static func policy(binary: String) -> String {
        """
        version: 1
        network_policies:
          api:
            endpoints: [{ host: api.example.com, port: 443 }]
            binaries: [{ path: \(binary) }]
        """
    }

    static let curlToAPI = ConnectionFacts.tcp(.exe("/usr/bin/curl"), host: "api.example.com", port: 443)
    static let gitToAPI = ConnectionFacts.tcp(.exe("/usr/bin/git"), host: "api.example.com", port: 443)

    @Test func aBrokenFileKeepsTheLastGoodGeneration() throws {
        let root = try AgentRoot()
        let file = try PolicyFile(Self.policy(binary: "/usr/bin/curl"))
        let log = CapturedLog()
        let store = try PolicyStore(sources: file.sources, root: .directory(root.path), logger: log.logger)
        #expect(store.current.number == 1)
        #expect(store.decide(Self.curlToAPI).allow)

        // Line 5 gains an unknown key and a relative path.
        try file.write(Self.policy(binary: "usr/bin/git, colour: red"))
        guard case .kept(let kept, let error) = store.reload() else {
            Issue.record("a broken policy was activated")
            return
        }
        #expect(kept.number == 1)
        #expect(store.current === kept)
        #expect(store.reloadFailures == 1)
        #expect(store.decide(Self.curlToAPI).allow)
        #expect(!store.decide(Self.gitToAPI).allow)
        let expected = [
            "\(file.path):5:24: network_policies.api.binaries[0].path: expected an absolute path, found the relative path \"usr/bin/git\"",
            "\(file.path):5:37: network_policies.api.binaries[0].colour: unknown key \"colour\", expected one of: path, sha256",
        ]
        #expect(error.description == expected.joined(separator: "\n"))
        let logged = log.messages.filter { $0.hasPrefix("error: policy reload rejected, keeping generation 1") }
        #expect(logged.count == 1)
        #expect(logged.first?.contains(expected[0]) == true)

        // Fixed: generation 2 goes live and decides differently.
        try file.write(Self.policy(binary: "/usr/bin/git"))
        guard case .activated(let next) = store.reload() else {
            Issue.record("a valid policy was rejected")
            return
        }
        #expect(next.number == 2)
        #expect(store.current === next)
        #expect(store.decide(Self.gitToAPI).allow)
        #expect(!store.decide(Self.curlToAPI).allow)
    }

    @Test func brokenRulesKeepTheLastGoodGeneration() throws {
        let rules = try TemporaryDirectory("rules")
        try Command.run("/bin/cp", ["-r", ShippedRules.directory + "/.", rules.path])
        let file = try PolicyFile(Self.policy(binary: "/usr/bin/curl"))
        let store = try PolicyStore(
            sources: PolicySources(policyFile: file.path, rules: RuleSources(paths: [rules.path])), root: .host,
            logger: CapturedLog().logger)
        try rules.write("extra.rego", "package airlock\n\nbroken if {\n")
        guard case .kept(_, let error) = store.reload() else {
            Issue.record("broken rules were activated")
            return
        }
        guard case .compile(let regoError) = error else {
            Issue.record("expected a rule parse error, got \(error)")
            return
        }
        #expect(regoError.code == .parse)
        #expect(regoError.location?.file.hasSuffix("extra.rego") == true)
        #expect(regoError.location?.line == 4)
        #expect(store.current.number == 1)
        #expect(store.decide(Self.curlToAPI).allow)
    }

    /// A new entrypoint process (another root): the same files, paths re-resolved there.
    @Test func aNewRootReResolvesThePaths() throws {
        let root311 = try AgentRoot(python: "python3.11")
        let root312 = try AgentRoot(python: "python3.12")
        let file = try PolicyFile(Self.policy(binary: "/usr/bin/python3"))
        let store = try PolicyStore(sources: file.sources, root: .directory(root311.path), logger: CapturedLog().logger)
        let python311 = ConnectionFacts.tcp(.exe("/usr/bin/python3.11"), host: "api.example.com", port: 443)
        let python312 = ConnectionFacts.tcp(.exe("/usr/bin/python3.12"), host: "api.example.com", port: 443)
        #expect(store.decide(python311).allow)
        #expect(!store.decide(python312).allow)

        guard case .activated = store.reload(root: .directory(root312.path)) else {
            Issue.record("reload for a new root failed")
            return
        }
        #expect(store.decide(python312).allow)
        #expect(!store.decide(python311).allow)
        // Later plain reloads keep the new root.
        store.reload()
        #expect(store.current.root == .directory(root312.path))
    }

    /// A missing file at startup is fatal: there is no last good generation to fall back to.
    @Test func noFirstGenerationIsAnError() throws {
        let sources = PolicySources(policyFile: "/nonexistent/policy.yaml", rules: ShippedRules.sources)
        #expect {
            try PolicyStore(sources: sources, root: .host, logger: CapturedLog().logger)
        } throws: { error in
            guard case PolicySetupError.document(let errors) = error else { return false }
            return errors.errors.first?.kind == .unreadable
                && errors.description.hasPrefix("/nonexistent/policy.yaml: ")
        }
    }
}

/// The watcher notices changed files and reloads; a broken change is logged and kept out.
@Suite struct PolicyWatcherTests {
    @Test func changesAreReloadedAndBrokenOnesKeptOut() throws {
        let file = try PolicyFile(PolicyStoreTests.policy(binary: "/usr/bin/curl"))
        let log = CapturedLog()
        let store = try PolicyStore(sources: file.sources, root: .host, logger: log.logger)
        let watcher = PolicyWatcher(store: store, logger: log.logger)
        #expect(watcher.checkNow() == nil)

        try file.write(PolicyStoreTests.policy(binary: "/usr/bin/git"))
        guard case .activated(let second)? = watcher.checkNow() else {
            Issue.record("a changed policy was not reloaded")
            return
        }
        #expect(second.number == 2)
        #expect(watcher.checkNow() == nil)

        try file.write("version: 2\n")
        guard case .kept(let kept, _)? = watcher.checkNow() else {
            Issue.record("a broken policy was not rejected")
            return
        }
        #expect(kept.number == 2)
        #expect(store.decide(PolicyStoreTests.gitToAPI).allow)
    }

    @Test func thePollingThreadReloads() throws {
        let file = try PolicyFile(PolicyStoreTests.policy(binary: "/usr/bin/curl"))
        let store = try PolicyStore(sources: file.sources, root: .host, logger: CapturedLog().logger)
        let watcher = PolicyWatcher(store: store, interval: .milliseconds(20), logger: CapturedLog().logger)
        watcher.start()
        defer { watcher.stop() }
        try file.write(PolicyStoreTests.policy(binary: "/usr/bin/git"))
        try waitUntil("the watcher to activate generation 2") { store.current.number == 2 }
        #expect(store.decide(PolicyStoreTests.gitToAPI).allow)
    }
}

extension PolicyStore.ReloadOutcome: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.activated(let a), .activated(let b)): return a === b
        case (.kept(let a, _), .kept(let b, _)): return a === b
        default: return false
        }
    }
}
