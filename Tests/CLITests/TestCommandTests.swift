import Foundation
import Testing

@Suite("airlock test")
struct TestCommandTests {
    static let mixed = """
        package t

        test_true if true

        test_false if false

        test_undefined if data.nothing

        helper := true
        """

    @Test("lists failures, counts each outcome and exits 1 when a test fails")
    func failures() throws {
        let scratch = try Scratch()
        let file = try scratch.write("t_test.rego", Self.mixed)
        let run = try AirlockProcess.run(["test", scratch.url.path])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(file):")
        #expect(lines.contains { $0.hasPrefix("data.t.test_false: FAIL (") && $0.hasSuffix(")") })
        #expect(lines.contains { $0.hasPrefix("data.t.test_undefined: FAIL (") })
        #expect(!run.stdout.contains("test_true"), "passing tests are listed only with -v")
        #expect(!run.stdout.contains("helper"))
        #expect(run.stdout.hasSuffix(String(repeating: "-", count: 80) + "\nPASS: 1/3\nFAIL: 2/3\n"))
    }

    @Test("-v lists every test with its outcome")
    func verbose() throws {
        let scratch = try Scratch()
        try scratch.write("t_test.rego", Self.mixed)
        let run = try AirlockProcess.run(["test", "-v", scratch.url.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("data.t.test_true: PASS ("))
        #expect(run.stdout.contains("data.t.test_false: FAIL ("))
    }

    @Test("all passing prints only the count and exits 0")
    func allPass() throws {
        let scratch = try Scratch()
        try scratch.write("policy/p.rego", "package p\n\nlimit := data.config.limit\n")
        try scratch.write("policy/config/data.json", #"{"limit": 3}"#)
        try scratch.write("policy/p_test.rego", "package p\n\ntest_limit if limit == 3\n\ntest_sum if 1 + 1 == 2\n")
        let run = try AirlockProcess.run(["test", scratch.path("policy")])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "PASS: 2/2\n")
    }

    @Test("a test that fails to evaluate is an ERROR with its message")
    func evaluationError() throws {
        let scratch = try Scratch()
        try scratch.write("c_test.rego", "package c\n\ntest_conflict := x if {\n\tsome x in [1, 2]\n}\n")
        let run = try AirlockProcess.run(["test", scratch.url.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("data.c.test_conflict: ERROR ("))
        #expect(run.stdout.contains("eval_conflict_error"))
        #expect(run.stdout.hasSuffix("ERROR: 1/1\n"))
    }

    @Test("a policy that does not parse is reported, not run")
    func parseError() throws {
        let scratch = try Scratch()
        try scratch.write("bad_test.rego", "package bad\n\ntest_x if {\n")
        let run = try AirlockProcess.run(["test", scratch.url.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("1 error occurred: "))
        #expect(run.stderr.contains("rego_parse_error"))
    }

    @Test("no tests at all is an error")
    func noTests() throws {
        let scratch = try Scratch()
        try scratch.write("p.rego", "package p\n\nx := 1\n")
        let run = try AirlockProcess.run(["test", scratch.url.path])
        #expect(run.status == 1)
        #expect(run.stderr == "no test cases found\n")
    }

    @Test("the shipped rules pass their own tests")
    func shippedRules() throws {
        let run = try AirlockProcess.run(["test", "-v", "rules/airlock"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("data.airlock_test.test_allows_the_target_of_a_listed_symlink: PASS"))
        #expect(run.stdout.contains("data.airlock_test.test_symlink_hint_when_the_root_could_not_be_read: PASS"))
        #expect(!run.stdout.contains("FAIL"))
    }
}
