import ArgumentParser
import Dispatch
import Glibc
import Logging
import Policy
import Proxy

/// `airlock proxy`: the egress proxy alone (explicit listener), for clients that only need
/// `HTTPS_PROXY`, deciding every CONNECT with the policy and reloading it when its files change.
struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the egress proxy: every CONNECT decided by the policy, relayed or refused with the reason.",
        discussion: """
            Clients reach it through HTTPS_PROXY=http://127.0.0.1:3128 (or curl -x … -p). The client \
            process is found from its socket; a denial answers 403 with {"error","reason","policy","hints"} \
            and an X-Airlock-Reason header. Decisions are written as JSON lines (see airlock logs). The \
            policy and rule files are watched: a valid change goes live, a broken one is logged and the \
            last good policy stays.
            """)

    @Option(help: ArgumentHelp("The YAML policy file.", valueName: "file"))
    var policy: String

    @Option(help: ArgumentHelp("Where the explicit listener binds (loopback by default).", valueName: "host:port"))
    var listen = "127.0.0.1:3128"

    @Option(help: ArgumentHelp("Append decisions here as JSON lines (also to standard error with --log-decisions-to-stderr).", valueName: "file"))
    var decisionLog: String?

    @Flag(help: "Also write decision lines to standard error.")
    var logDecisionsToStderr = false

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.bootstrap()
        let store: PolicyStore
        do {
            let sources = PolicySources(policyFile: policy, rules: try policyOptions.ruleSources())
            store = try PolicyStore(sources: sources, root: policyOptions.policyRoot(), logger: logger)
        } catch {
            throw error.exit()
        }
        let log: DecisionLog
        do {
            log = try DecisionLog(file: decisionLog, alsoStderr: logDecisionsToStderr)
        } catch {
            StandardStreams.writeError("error: \(error)\n")
            throw ExitCode.failure
        }
        var configuration = ProxyConfiguration()
        configuration.explicitListen = listen
        let proxy = EgressProxy(configuration: configuration, store: store, log: log, logger: logger)
        let address: String
        do {
            address = "\(try proxy.start())"
        } catch {
            StandardStreams.writeError("error: cannot listen on \(listen): \(error)\n")
            throw ExitCode.failure
        }
        let watcher = PolicyWatcher(store: store, logger: logger)
        watcher.start()
        StandardStreams.writeError("airlock proxy: listening on \(address)\n")

        // Runs until SIGINT or SIGTERM; then stops listening and flushes the decision log.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        watcher.stop()
        try? proxy.shutdown()
        log.close()
    }
}
