import ArgumentParser
import Logging
import Rego

/// `airlock bench`: how long one decision takes. The policy is compiled and the query prepared
/// once, every input is parsed before the clock starts, and each timed evaluation is a real one
/// (nothing is cached between them), cycling through the inputs.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure evaluation time per decision (ns/op, decisions/s).",
        discussion: """
            With --expect, every input's result (the first expression's value) is checked \
            against the expected value at the same position before timing; a mismatch exits \
            with status 1.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: ArgumentHelp("Inputs, one JSON document per line (instead of -i).", valueName: "file.jsonl"))
    var inputs: String?

    @Option(help: "Number of timed evaluations.")
    var count = 10_000

    @Option(help: ArgumentHelp("A JSON array with the expected value for each input, in order.", valueName: "file"))
    var expect: String?

    @Flag(help: "Time the full result set (every solution, bindings) instead of the decision path (the first expression's value).")
    var fullResults = false

    @Option(help: "Output format (json: {\"ns_per_op\":…,\"count\":…,\"ops_per_sec\":…}).")
    var format: OutputFormat = .pretty

    @Argument(help: "The query to evaluate, e.g. data.airlock.decision.")
    var query: String

    func validate() throws {
        if (dataOptions.input == nil) == (inputs == nil) {
            throw ValidationError("give exactly one of -i/--input and --inputs")
        }
        if count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let logger = logging.bootstrap()
        do {
            let measurement = try measure(logger: logger)
            switch format {
            case .json: StandardStreams.writeOutput(measurement.json.indentedText())
            case .pretty: StandardStreams.writeOutput(measurement.text + "\n")
            }
        } catch {
            error.report(asJSON: format == .json)
            throw ExitCode.failure
        }
    }

    private func measure(logger: Logger) throws(CommandFailure) -> BenchMeasurement {
        let policy = try dataOptions.compilePolicy(logger: logger)
        let documents = try loadInputs()
        let expected = try loadExpectations(count: documents.count)
        let options = dataOptions.evaluationOptions
        do {
            let prepared = try policy.prepare(query)
            // Untimed pass over every input: checks the expectations and warms caches.
            var mismatches: [CommandFailure.Entry] = []
            for (i, input) in documents.enumerated() {
                let value = try prepared.evaluate(input: input, options: options).first?.expressions.first?.value
                if let expected, value != expected[i] {
                    mismatches.append(
                        CommandFailure.Entry(
                            code: "bench_mismatch",
                            message:
                                "input \(i + 1): expected \(expected[i].jsonText()), got \(value?.jsonText() ?? "undefined")"
                        ))
                }
            }
            if !mismatches.isEmpty {
                logger.error("results differ from expectations", metadata: ["mismatches": "\(mismatches.count)"])
                throw CommandFailure(Array(mismatches.prefix(10)))
            }

            let clock = ContinuousClock()
            var solutions = 0
            let start = clock.now
            if fullResults {
                for i in 0..<count {
                    solutions &+= try prepared.evaluate(input: documents[i % documents.count], options: options).count
                }
            } else {
                // The decision path: the first expression's value, as Airlock's proxy asks it.
                for i in 0..<count {
                    if try prepared.evaluateValue(input: documents[i % documents.count], options: options) != nil {
                        solutions &+= 1
                    }
                }
            }
            let elapsed = clock.now - start
            logger.debug("bench finished", metadata: ["solutions": "\(solutions)"])
            return BenchMeasurement(
                query: query, count: count, inputs: documents.count, verified: expected != nil, elapsed: elapsed)
        } catch let error as RegoError {
            throw CommandFailure(error)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure([CommandFailure.Entry(code: nil, message: "\(error)")])
        }
    }

    private func loadInputs() throws(CommandFailure) -> [Value] {
        if let input = try dataOptions.loadInput() { return [input] }
        let documents: [Value]
        do {
            documents = try InputLoading.readJSONLines(path: inputs ?? "")
        } catch {
            throw CommandFailure(error)
        }
        guard !documents.isEmpty else {
            throw CommandFailure([CommandFailure.Entry(code: nil, message: "\(inputs ?? ""): no inputs")])
        }
        return documents
    }

    private func loadExpectations(count: Int) throws(CommandFailure) -> [Value]? {
        guard let expect else { return nil }
        let document: Value
        do {
            document = try InputLoading.readDocument(path: expect)
        } catch {
            throw CommandFailure(error)
        }
        guard case .array(let values) = document, values.count == count else {
            throw CommandFailure([
                CommandFailure.Entry(code: nil, message: "\(expect): want a JSON array of \(count) expected values")
            ])
        }
        return values
    }
}

/// The outcome of a benchmark run.
struct BenchMeasurement {
    var query: String
    var count: Int
    var inputs: Int
    var verified: Bool
    var elapsed: Duration

    var nanosecondsPerOp: Double {
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(count)
    }

    var opsPerSecond: Double { nanosecondsPerOp > 0 ? 1e9 / nanosecondsPerOp : 0 }

    var json: OrderedJSON {
        .object([
            ("ns_per_op", .value(.double(Self.rounded(nanosecondsPerOp)))),
            ("count", .int(count)),
            ("ops_per_sec", .value(.double(Self.rounded(opsPerSecond)))),
            ("inputs", .int(inputs)),
            ("verified", .value(.bool(verified))),
            ("query", .string(query)),
        ])
    }

    var text: String {
        let checked = verified ? ", results checked" : ""
        return "\(query): \(count) ops over \(inputs) inputs\(checked): "
            + "\(Self.rounded(nanosecondsPerOp)) ns/op, \(Int(opsPerSecond.rounded())) decisions/s"
    }

    /// One decimal: more digits than that are noise in a timing.
    private static func rounded(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
