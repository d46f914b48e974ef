import ArgumentParser
import Logging
import Synchronization

/// `--log-level` and `--log-format`, shared by every command. Logs go to standard error so that
/// standard output carries only results (JSON that scripts parse).
struct LoggingOptions: ParsableArguments {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Option(help: "Lowest level logged.")
    var logLevel: Logger.Level = .warning

    @Option(help: "Log line format (json: one object per line).")
    var logFormat: Format = .text

    /// Installs the log handler (swift-log allows this once per process) and returns the CLI's logger.
    func bootstrap() -> Logger {
        let level = logLevel
        let format = logFormat
        Self.bootstrapped.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler: any LogHandler
                switch format {
                case .text: handler = StreamLogHandler.standardError(label: label)
                case .json: handler = JSONLogHandler(label: label)
                }
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "airlock.cli")
    }

    private static let bootstrapped = Mutex(false)
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
