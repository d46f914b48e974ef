import Foundation
import Testing

@Suite("airlock command line")
struct CommandLineTests {
    @Test("--help lists the subcommands")
    func help() throws {
        let run = try AirlockProcess.run(["--help"])
        #expect(run.status == 0)
        for command in ["eval", "test", "bench"] {
            #expect(run.stdout.contains("  \(command) "), "missing \(command) in:\n\(run.stdout)")
        }
    }

    @Test("an unknown log level is a usage error")
    func badLogLevel() throws {
        let run = try AirlockProcess.run(["eval", "--log-level", "loud", "input"])
        #expect(run.status == 64)
    }

    /// What `scripts/run.sh` runs by default, on both example inputs.
    @Test(
        "the demo decision allows python3 to PyPI's file hosts and explains a denial",
        arguments: [
            ("rules/examples/input.json", true, "allowed by network policy pypi"),
            ("rules/examples/input-denied.json", false, "allow only /usr/bin/python3"),
        ])
    func demo(input: String, allow: Bool, reason: String) throws {
        let run = try AirlockProcess.run([
            "eval", "-d", "rules/airlock", "-d", "rules/examples/data.yaml", "-i", input, "data.airlock.decision",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let decision = run.json["result"][0]["expressions"][0]["value"]
        #expect(decision["allow"] as? Bool == allow)
        #expect((decision["reason"] as? String)?.contains(reason) == true)
        #expect((decision["hints"] as? [Any])?.isEmpty == true)
    }
}
