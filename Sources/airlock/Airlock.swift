import ArgumentParser

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Egress policy for AI-agent processes: every connection decided by Rego.",
        discussion: "Today the embedded Rego engine's tools are available; the supervisor and proxy come later.",
        subcommands: [EvalCommand.self, TestCommand.self, BenchCommand.self])
}
