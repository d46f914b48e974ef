import ArgumentParser
import Glibc
import Logging
import Policy
import Rego

/// Options shared by the commands that load an Airlock policy: which rules decide, and in whose
/// root the policy's binary and socket paths are resolved.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"), parsing: .singleValue,
        help: ArgumentHelp(
            "A directory or file of Rego rules (and data) to decide with instead of the shipped rules (repeatable).",
            discussion: "Default: $AIRLOCK_RULES, else rules/airlock of the source tree, else /usr/share/airlock/rules/airlock.",
            valueName: "path"))
    var rules: [String] = []

    @Option(help: ArgumentHelp("Resolve the policy's paths inside the root of this process (/proc/PID/root).", valueName: "pid"))
    var rootPid: Int32?

    @Option(help: ArgumentHelp("Resolve the policy's paths inside this directory, as if it were the agent's /.", valueName: "dir"))
    var root: String?

    func validate() throws {
        if rootPid != nil && root != nil { throw ValidationError("give --root-pid or --root, not both") }
    }

    func ruleSources() throws(PolicySetupError) -> RuleSources {
        if !rules.isEmpty { return RuleSources(paths: rules) }
        guard let shipped = RuleSources.shipped() else { throw .noRules }
        return shipped
    }

    /// The root named on the command line, else `fallback` (the decided process's own root).
    func policyRoot(fallback: PolicyRoot = .host) -> PolicyRoot {
        if let rootPid { return .process(rootPid) }
        if let root { return .directory(root) }
        return fallback
    }
}

extension PolicySetupError {
    /// Prints the error as operators read it (`file:line:col: key: message`, one per line) and
    /// fails the command.
    func exit() -> ExitCode {
        StandardStreams.writeError(description.hasSuffix("\n") ? description : description + "\n")
        return ExitCode.failure
    }
}
