import ArgumentParser
import Logging
import Rego

/// `airlock test`: run every `test_*` rule found in the given paths, as `opa test`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run Rego tests (rules named test_*).",
        discussion: """
            A test passes when its rule is defined and true. Failures and errors are always \
            listed, every test with -v; the summary counts each outcome. Exits with status 1 \
            unless all pass.
            """)

    @OptionGroup var logging: LoggingOptions

    @Flag(name: [.short, .long], help: "List every test with its outcome and duration.")
    var verbose = false

    @Argument(help: ArgumentHelp("Files or directories of .rego, .json and .yaml files.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path to load tests from") }
    }

    func run() throws {
        let logger = logging.bootstrap()
        let outcomes: [TestOutcome]
        do {
            outcomes = try runTests(logger: logger)
        } catch {
            error.report(asJSON: false)
            throw ExitCode.failure
        }
        guard !outcomes.isEmpty else {
            StandardStreams.writeError("no test cases found\n")
            throw ExitCode.failure
        }
        StandardStreams.writeOutput(TestReport(outcomes: outcomes, verbose: verbose).text)
        if outcomes.contains(where: { $0.verdict != .pass }) { throw ExitCode.failure }
    }

    private func runTests(logger: Logger) throws(CommandFailure) -> [TestOutcome] {
        let loaded: LoadedPolicy
        do {
            loaded = try InputLoading.loadPolicy(paths: paths)
        } catch {
            throw CommandFailure(error)
        }
        let policy: CompiledPolicy
        do {
            policy = try CompiledPolicy(modules: loaded.modules, data: loaded.data)
        } catch {
            throw CommandFailure(error)
        }
        let files = TestFileIndex(modules: loaded.modules)
        let clock = ContinuousClock()
        return policy.testRuleNames.map { name in
            let start = clock.now
            let verdict: TestOutcome.Verdict
            do throws(RegoError) {
                let results = try policy.prepare(name).evaluate()
                let passed = results.first?.expressions.first?.value == .true
                verdict = passed ? .pass : .fail
            } catch {
                verdict = .error(CommandFailure(error).entries[0].text)
            }
            let outcome = TestOutcome(
                name: name, file: files.file(of: name), verdict: verdict, duration: clock.now - start)
            logger.debug("test finished", metadata: ["test": "\(name)", "outcome": "\(outcome.verdict.label)"])
            return outcome
        }
    }
}
