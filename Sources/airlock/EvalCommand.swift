import ArgumentParser
import Logging
import Rego

/// `airlock eval`: evaluate one query against policies, data and an input, as `opa eval`.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a Rego query.",
        discussion: """
            Prints OPA's JSON result set ({"result":[…]}, or {} when the query is undefined). \
            Errors print as {"errors":[…]} and exit with status 1.

            Example: airlock check rules/examples/pypi.yaml > data.json && \
            airlock eval -d rules/airlock -d data.json -i rules/examples/input.json data.airlock.decision
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .json

    @Argument(help: "The query, e.g. data.airlock.decision or \"x := data.p[_]; x > 1\".")
    var query: String

    func run() throws {
        let logger = logging.bootstrap()
        let results: [QueryResult]
        do {
            results = try evaluate(logger: logger)
        } catch {
            error.report(asJSON: format == .json)
            throw ExitCode.failure
        }
        switch format {
        case .json: StandardStreams.writeOutput(EvalPresenter.json(results).indentedText())
        case .pretty: StandardStreams.writeOutput(EvalPresenter.pretty(results))
        }
    }

    private func evaluate(logger: Logger) throws(CommandFailure) -> [QueryResult] {
        let policy = try dataOptions.compilePolicy(logger: logger)
        let input = try dataOptions.loadInput()
        do {
            let prepared = try policy.prepare(query)
            let results = try prepared.evaluate(input: input, options: dataOptions.evaluationOptions)
            logger.debug("query evaluated", metadata: ["query": "\(query)", "results": "\(results.count)"])
            return results
        } catch {
            throw CommandFailure(error)
        }
    }
}
