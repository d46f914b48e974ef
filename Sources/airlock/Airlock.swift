import ArgumentParser

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Egress policy for AI-agent processes: every connection decided by Rego.",
        discussion: "check and decide validate a policy and explain decisions; eval, test and bench are the embedded Rego engine's tools.",
        subcommands: [CheckCommand.self, DecideCommand.self, ProxyCommand.self, EvalCommand.self, TestCommand.self, BenchCommand.self, LogsCommand.self])
}
