import ArgumentParser
import Logging
import Rego

/// What a query is evaluated against, with OPA's flags: policy and data paths, the input document,
/// and whether builtin errors abort evaluation.
struct DataOptions: ParsableArguments {
    @Option(
        name: [.short, .long], parsing: .singleValue,
        help: ArgumentHelp(
            "A .rego, .json or .yaml file, or a directory of them (repeatable).",
            discussion: "Data files are placed at their directory's path below the given one, as `opa eval -d` does.",
            valueName: "path"))
    var data: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The input document (JSON or YAML).", valueName: "file"))
    var input: String?

    @Flag(help: "Make builtin errors abort evaluation instead of leaving the expression undefined.")
    var strictBuiltinErrors = false

    var evaluationOptions: EvaluationOptions {
        var options = EvaluationOptions()
        options.strictBuiltinErrors = strictBuiltinErrors
        // `print` output goes where `opa` sends it: standard error, one line per call.
        options.printSink = { StandardStreams.writeError($0 + "\n") }
        return options
    }

    /// Reads every `-d` path and compiles the modules with the data.
    func compilePolicy(logger: Logger) throws(CommandFailure) -> CompiledPolicy {
        let loaded: LoadedPolicy
        do {
            loaded = try InputLoading.loadPolicy(paths: data)
        } catch {
            throw CommandFailure(error)
        }
        logger.debug(
            "policy loaded",
            metadata: ["policy.modules": "\(loaded.modules.count)", "policy.paths": "\(data.joined(separator: ","))"])
        do {
            return try CompiledPolicy(modules: loaded.modules, data: loaded.data)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The `-i` document, or nil when none was given (the query then sees no `input`).
    func loadInput() throws(CommandFailure) -> Value? {
        guard let input else { return nil }
        do {
            return try InputLoading.readDocument(path: input)
        } catch {
            throw CommandFailure(error)
        }
    }
}
