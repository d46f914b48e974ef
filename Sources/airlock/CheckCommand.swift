import ArgumentParser
import Logging
import Policy
import Rego

/// `airlock check POLICY.yaml`: validate a policy and show the `data` the rules will see.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a YAML policy and print the data document the rules decide on.",
        discussion: """
            Prints the policy as the shipped rules see it, with every binary and socket path \
            resolved inside the agent's root ("resolved", "chain"; "resolution_error" when that \
            failed). Errors print one per line as file:line:col: key: message, and exit with status 1. \
            Paths that cannot be resolved are warnings, not errors: the policy still loads.

            Example: airlock check --root-pid 4711 rules/examples/policy.yaml
            """)

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var logging: LoggingOptions

    @Argument(help: "The YAML policy file.")
    var policy: String

    func run() throws {
        _ = logging.bootstrap()
        let generation: PolicyGeneration
        do {
            let sources = PolicySources(policyFile: policy, rules: try policyOptions.ruleSources())
            generation = try PolicyGeneration(number: 1, sources: sources, root: policyOptions.policyRoot())
        } catch {
            throw error.exit()
        }
        for path in generation.resolved.failures {
            if let message = path.failureMessage(root: generation.root) {
                StandardStreams.writeError("warning: \(message)\n")
            }
        }
        StandardStreams.writeOutput(OrderedJSON.value(generation.resolved.data).indentedText())
    }
}
