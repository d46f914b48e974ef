import ArgumentParser
import Glibc
import Proxy
import Synchronization

/// `airlock logs [--deny] [--follow] [--json] [FILE]`: the decision log for people.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Show the decision log: one line per connection decision, with the reason and hints.",
        discussion: """
            Each decision prints as: time, ALLOW/DENY/AUDIT, pid, executable, → destination, the policy \
            and the reason in full; hints follow on indented "hint: " lines. AUDIT is a connection the \
            policy denied and audit mode let through. Control characters in logged text are shown \
            escaped. Lines that are not decision records are reported on standard error with their \
            line number and skipped; a summary counts them.

            --follow prints the existing records, then keeps reading appended ones (across rotation \
            to FILE.1) until interrupted (SIGINT or SIGTERM).

            Example: airlock logs --deny --follow /var/log/airlock/decisions.jsonl
            """)

    enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
        case auto, always, never
    }

    @Flag(help: "Show only denials, and audited connections (would-be denials).")
    var deny = false

    @Flag(name: [.short, .long], help: "Keep reading lines appended to FILE, as tail -f does.")
    var follow = false

    @Flag(help: "Print the selected records as the JSON lines they are in the log.")
    var json = false

    @Option(help: "Colour ALLOW, DENY and AUDIT (auto: when standard output is a terminal and NO_COLOR is unset).")
    var color: ColorChoice = .auto

    @Argument(help: "The decision log (JSON lines); - reads standard input.")
    var file: String = "/var/log/airlock/decisions.jsonl"

    /// Set by SIGINT and SIGTERM while following; the reader checks it between reads.
    static let stopRequested = Atomic<Bool>(false)

    func run() throws {
        let reader: LogsReader
        do {
            reader = try LogsReader(path: file == "-" ? nil : file)
        } catch {
            StandardStreams.writeError("airlock logs: \(error.description)\n")
            throw ExitCode.failure
        }
        if follow { Self.stopOnSignals() }
        let rendering = DecisionLogRendering(color: useColor)
        var output = ""
        var malformed = 0
        do {
            try reader.read(
                follow: follow, shouldStop: { Self.stopRequested.load(ordering: .relaxed) },
                line: { bytes, number in
                    guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
                    let text = String(decoding: bytes, as: UTF8.self)
                    let record: DecisionRecord
                    do {
                        record = try DecisionRecord(jsonLine: text)
                    } catch {
                        malformed += 1
                        StandardStreams.writeOutput(output)
                        output = ""
                        StandardStreams.writeError("\(reader.displayName):\(number): skipped: \(error)\n")
                        return
                    }
                    guard !deny || record.isWouldBeDenial else { return }
                    if json {
                        output += text
                        output += "\n"
                    } else {
                        rendering.render(record, into: &output)
                    }
                    if output.utf8.count >= 64 << 10 {
                        StandardStreams.writeOutput(output)
                        output = ""
                    }
                },
                batchEnd: {
                    StandardStreams.writeOutput(output)
                    output = ""
                })
        } catch {
            StandardStreams.writeOutput(output)
            StandardStreams.writeError("airlock logs: \(error.description)\n")
            throw ExitCode.failure
        }
        if malformed > 0 {
            StandardStreams.writeError(
                "airlock logs: skipped \(malformed) malformed line\(malformed == 1 ? "" : "s") in \(reader.displayName)\n"
            )
        }
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(1) == 1 && getenv("NO_COLOR") == nil
        }
    }

    /// SIGINT and SIGTERM end `--follow` cleanly (the summary still prints). No SA_RESTART, so a
    /// blocking read of standard input returns EINTR and the loop sees the flag.
    private static func stopOnSignals() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in LogsCommand.stopRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A parent may have started us with them blocked (the mask is inherited across exec).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
