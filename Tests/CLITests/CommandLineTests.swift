import Foundation
import Testing

@Suite("airlock command line")
struct CommandLineTests {
    @Test("--help lists the subcommands")
    func help() throws {
        let run = try AirlockProcess.run(["--help"])
        #expect(run.status == 0)
        for command in ["check", "decide", "eval", "test", "bench"] {
            #expect(run.stdout.contains("  \(command) "), "missing \(command) in:\n\(run.stdout)")
        }
    }

    @Test("an unknown log level is a usage error")
    func badLogLevel() throws {
        let run = try AirlockProcess.run(["eval", "--log-level", "loud", "input"])
        #expect(run.status == 64)
    }

    /// What `scripts/run.sh` runs by default: python3 to PyPI's file hosts, and curl denied.
    @Test(
        "the demo decision allows python3 to PyPI's file hosts and explains a denial",
        arguments: [
            ("/usr/bin/python3", true, "allowed by network policy pypi"),
            ("/usr/bin/curl", false, "binary /usr/bin/curl is not allowed by network policy pypi, which allows only /usr/bin/python3"),
        ])
    func demo(exe: String, allow: Bool, reason: String) throws {
        let run = try AirlockProcess.run([
            "decide", "--policy", "rules/examples/pypi.yaml", "--exe", exe, "--ancestor", "/usr/bin/bash",
            "--host", "files.pythonhosted.org", "--port", "443",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let decision = run.json
        #expect(decision["allow"] as? Bool == allow)
        #expect(decision["policy"] as? String == "pypi")
        #expect((decision["reason"] as? String)?.contains(reason) == true, "\(run.stdout)")
        #expect((decision["hints"] as? [Any])?.isEmpty == true)
    }

    /// `airlock check` prints the data document; `airlock eval` decides on it as `opa eval` would.
    @Test(
        "check's data and eval give the same decisions as decide",
        arguments: [("rules/examples/input.json", true), ("rules/examples/input-denied.json", false)])
    func checkThenEval(input: String, allow: Bool) throws {
        let check = try AirlockProcess.run(["check", "rules/examples/pypi.yaml"])
        #expect(check.status == 0, "\(check.stderr)")
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("data.json")
        try Data(check.stdout.utf8).write(to: data)
        let run = try AirlockProcess.run(["eval", "-d", "rules/airlock", "-d", data.path, "-i", input, "data.airlock.decision"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let decision = run.json["result"][0]["expressions"][0]["value"]
        #expect(decision["allow"] as? Bool == allow)
    }
}
