import ArgumentParser

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "Egress policy for AI-agent processes: every connection decided by Rego.")
}
