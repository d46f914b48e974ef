import Foundation
import Testing

@Suite("airlock bench")
struct BenchCommandTests {
    /// A policy, three inputs (one per line) and the decision each one should get.
    static func workload() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("policy.rego", "package sandbox\n\ndefault allow := false\n\nallow if input.port == 443\n")
        try scratch.write("inputs.jsonl", "{\"port\": 443}\n{\"port\": 80}\n\n{\"port\": 443}\n")
        try scratch.write("expected.json", "[true, false, true]")
        try scratch.write("wrong.json", "[true, true, true]")
        return scratch
    }

    @Test("--format json reports ns/op, the count and decisions per second")
    func json() throws {
        let scratch = try Self.workload()
        let run = try AirlockProcess.run([
            "bench", "-d", scratch.path("policy.rego"), "--inputs", scratch.path("inputs.jsonl"),
            "--count", "300", "--format", "json", "data.sandbox.allow",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.json["count"] as? Int == 300)
        #expect(run.json["inputs"] as? Int == 3)
        let nsPerOp = try #require(run.json["ns_per_op"] as? Double)
        let opsPerSec = try #require(run.json["ops_per_sec"] as? Double)
        #expect(nsPerOp > 0)
        #expect(abs(opsPerSec * nsPerOp / 1e9 - 1) < 0.01)
    }

    @Test("--expect checks every input's result and succeeds when all match")
    func expectationsMet() throws {
        let scratch = try Self.workload()
        let run = try AirlockProcess.run([
            "bench", "-d", scratch.path("policy.rego"), "--inputs", scratch.path("inputs.jsonl"),
            "--expect", scratch.path("expected.json"), "--count", "30", "data.sandbox.allow",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("results checked"))
        #expect(run.stdout.contains("ns/op"))
        #expect(run.stdout.contains("decisions/s"))
    }

    @Test("--expect fails with status 1 and names the input that differs")
    func expectationsMissed() throws {
        let scratch = try Self.workload()
        let run = try AirlockProcess.run([
            "bench", "-d", scratch.path("policy.rego"), "--inputs", scratch.path("inputs.jsonl"),
            "--expect", scratch.path("wrong.json"), "--format", "json", "data.sandbox.allow",
        ])
        #expect(run.status == 1)
        #expect(run.json["errors"][0]["message"] as? String == "input 2: expected true, got false")
    }

    @Test("one input from -i works too")
    func singleInput() throws {
        let scratch = try Self.workload()
        let input = try scratch.write("input.json", #"{"port": 443}"#)
        let run = try AirlockProcess.run([
            "bench", "-d", scratch.path("policy.rego"), "-i", input, "--count", "10", "--format", "json",
            "data.sandbox.allow",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.json["inputs"] as? Int == 1)
    }

    @Test(
        "exactly one of -i and --inputs is required", arguments: [[String](), ["-i", "a.json", "--inputs", "b.jsonl"]])
    func inputChoice(extra: [String]) throws {
        let run = try AirlockProcess.run(["bench"] + extra + ["data.sandbox.allow"])
        #expect(run.status == 64, "ArgumentParser's usage-error status")
        #expect(run.stderr.contains("exactly one of -i/--input and --inputs"))
    }

    @Test("an expectation file of the wrong length is an error")
    func expectationLength() throws {
        let scratch = try Self.workload()
        let short = try scratch.write("short.json", "[true]")
        let run = try AirlockProcess.run([
            "bench", "-d", scratch.path("policy.rego"), "--inputs", scratch.path("inputs.jsonl"),
            "--expect", short, "--format", "json", "data.sandbox.allow",
        ])
        #expect(run.status == 1)
        #expect((run.json["errors"][0]["message"] as? String)?.contains("want a JSON array of 3") == true)
    }
}
