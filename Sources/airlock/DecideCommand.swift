import ArgumentParser
import Glibc
import Identity
import Logging
import Policy
import Rego

/// `airlock decide`: would this connection be allowed, and if not, why? Builds the facts for a
/// live process (or for the executable and ancestors given) and prints the decision.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide one connection with a policy and print the decision with its reason and hints.",
        discussion: """
            The process is a live one (--pid: its exe and ancestors are read from /proc, and the \
            policy's paths are resolved in its root unless --root-pid or --root says otherwise) or \
            given (--exe, --ancestor). Prints {"allow","policy","reason","hints"}; exit status 0 \
            whatever the decision (2 on a denial with --exit-code), 1 on errors.

            Examples:
              airlock decide --policy p.yaml --pid 4711 --host pypi.org --port 443
              airlock decide --policy p.yaml --exe /usr/bin/curl --ancestor /bin/bash --host pypi.org --port 443
              airlock decide --policy p.yaml --pid 4711 --unix /var/run/docker.sock
            """)

    @Option(help: ArgumentHelp("The YAML policy file.", valueName: "file"))
    var policy: String

    @Option(help: ArgumentHelp("A live process: its identity is read from /proc.", valueName: "pid"))
    var pid: Int32?

    @Option(help: ArgumentHelp("The executable, as the agent sees it (instead of --pid).", valueName: "path"))
    var exe: String?

    @Option(name: .customLong("ancestor"), help: ArgumentHelp("An ancestor's executable, nearest first (repeatable; with --exe).", valueName: "path"))
    var ancestors: [String] = []

    @Option(help: ArgumentHelp("The executable's SHA-256 (with --exe; read from the file with --pid when the policy pins hashes).", valueName: "hex"))
    var sha256: String?

    @Option(help: "Destination host name.")
    var host: String?

    @Option(help: "Destination address.")
    var ip: String?

    @Option(help: "Destination port.")
    var port: Int?

    @Flag(help: "The connection is UDP (kind udp_send).")
    var udp = false

    @Option(help: ArgumentHelp("HTTP method of a plain-HTTP request (kind http_request, with --path).", valueName: "method"))
    var method: String?

    @Option(help: ArgumentHelp("HTTP request path (with --method).", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("Unix socket path (\"@name\" for an abstract socket), instead of --host/--port.", valueName: "path"))
    var unix: String?

    @Flag(help: "Exit with status 2 when the connection is denied.")
    var exitCode = false

    @Option(help: ArgumentHelp("Decide this many times and print latency percentiles to standard error (benchmarking).", valueName: "n"))
    var repeatCount: Int?

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if (pid == nil) == (exe == nil) { throw ValidationError("give exactly one of --pid and --exe") }
        if pid != nil && !ancestors.isEmpty { throw ValidationError("--ancestor goes with --exe; with --pid ancestors are read from /proc") }
        if let unix {
            if host != nil || ip != nil || port != nil { throw ValidationError("give --unix or --host/--ip with --port, not both") }
            if unix.isEmpty { throw ValidationError("--unix needs a path") }
        } else {
            if host == nil && ip == nil { throw ValidationError("give --host (or --ip) and --port, or --unix") }
            guard let port, (1...65535).contains(port) else { throw ValidationError("--port must be 1-65535") }
        }
        if (method == nil) != (path == nil) { throw ValidationError("--method and --path go together") }
        if let repeatCount, repeatCount < 1 { throw ValidationError("--repeat-count must be at least 1") }
    }

    func run() throws {
        let logger = logging.bootstrap()
        let generation: PolicyGeneration
        do {
            let sources = PolicySources(policyFile: policy, rules: try policyOptions.ruleSources())
            let root = policyOptions.policyRoot(fallback: pid.map(PolicyRoot.process) ?? .host)
            generation = try PolicyGeneration(number: 1, sources: sources, root: root)
        } catch {
            throw error.exit()
        }
        for path in generation.resolved.failures {
            if let message = path.failureMessage(root: generation.root) { logger.warning("\(message)") }
        }

        let identities = IdentityCache(
            options: IdentityOptions(
                supervisedRoot: policyOptions.rootPid,
                hashExecutables: generation.document.pinsHashes && sha256 == nil),
            logger: logger)
        let decide = { () throws(ProcError) -> Decision in
            generation.decide(try facts(process: try process(identities)))
        }
        var decision: Decision
        do {
            decision = try decide()
            if let repeatCount { decision = try measure(repeatCount, decide) }
        } catch {
            StandardStreams.writeError("error: \(error)\n")
            throw ExitCode.failure
        }
        StandardStreams.writeOutput(DecisionJSON.ordered(decision).indentedText())
        if exitCode && !decision.allow { throw ExitCode(2) }
    }

    private func process(_ identities: IdentityCache) throws(ProcError) -> ConnectionFacts.Process {
        if let pid {
            var process = ConnectionFacts.Process(try identities.identity(of: pid))
            if let sha256 { process.sha256 = sha256.lowercased() }
            return process
        }
        return ConnectionFacts.Process(exe: exe ?? "", ancestors: ancestors, sha256: sha256?.lowercased())
    }

    private func facts(process: ConnectionFacts.Process) -> ConnectionFacts {
        if let unix {
            let abstract = unix.hasPrefix("@")
            return .unix(process, path: unix, abstract: abstract)
        }
        let network = ConnectionFacts.Network(host: host, ip: ip, port: port ?? 0, hostSource: host == nil ? .ipOnly : .connect)
        if let method, let path {
            return ConnectionFacts(
                kind: .httpRequest, process: process, network: network, http: .init(method: method, path: path))
        }
        return ConnectionFacts(kind: udp ? .udpSend : .tcpConnect, process: process, network: network)
    }

    /// Runs the whole decision path `count` times (identity from the per-pid cache, facts,
    /// evaluation) and prints percentiles of the single-decision latency.
    private func measure(_ count: Int, _ decide: () throws(ProcError) -> Decision) throws(ProcError) -> Decision {
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        var last: Decision? = nil
        for _ in 0..<count {
            let start = Self.now()
            last = try decide()
            samples.append(Self.now() - start)
        }
        samples.sort()
        func percentile(_ p: Double) -> String {
            let index = min(samples.count - 1, Int(Double(samples.count - 1) * p))
            return Self.microseconds(samples[index])
        }
        StandardStreams.writeError(
            "decide: \(count) decisions, p50 \(percentile(0.5)) µs, p90 \(percentile(0.9)) µs, "
                + "p99 \(percentile(0.99)) µs, min \(Self.microseconds(samples[0])) µs\n")
        return last!
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func microseconds(_ nanoseconds: UInt64) -> String {
        let tenths = (nanoseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// A decision as commands print it: the fields in the documented order.
enum DecisionJSON {
    static func ordered(_ decision: Decision) -> OrderedJSON {
        .object([
            ("allow", .value(.bool(decision.allow))),
            ("policy", .value(decision.policy.map(Value.string) ?? .null)),
            ("reason", .string(decision.reason)),
            ("hints", .array(decision.hints.map(OrderedJSON.string))),
        ])
    }
}
