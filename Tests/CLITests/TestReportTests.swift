import Rego
import Testing

@testable import airlock

@Suite("test report")
struct TestReportTests {
    static let outcomes = [
        TestOutcome(name: "data.p.test_a", file: "p_test.rego", verdict: .pass, duration: .microseconds(1500)),
        TestOutcome(name: "data.p.test_b", file: "p_test.rego", verdict: .fail, duration: .nanoseconds(812)),
        TestOutcome(
            name: "data.q.test_c", file: "q_test.rego",
            verdict: .error("eval_conflict_error: complete rules must not produce multiple outputs"),
            duration: .milliseconds(2)),
    ]

    @Test("without -v: failures and errors under their file, a rule, then the counts")
    func quiet() {
        #expect(
            TestReport(outcomes: Self.outcomes, verbose: false).text == """
                p_test.rego:
                data.p.test_b: FAIL (812ns)

                q_test.rego:
                data.q.test_c: ERROR (2ms)
                  eval_conflict_error: complete rules must not produce multiple outputs
                \(String(repeating: "-", count: 80))
                PASS: 1/3
                FAIL: 1/3
                ERROR: 1/3

                """)
    }

    @Test("with -v: every test")
    func verbose() {
        let text = TestReport(outcomes: Self.outcomes, verbose: true).text
        #expect(text.hasPrefix("p_test.rego:\ndata.p.test_a: PASS (1.5ms)\ndata.p.test_b: FAIL (812ns)\n"))
    }

    @Test("all passing, quiet: the count alone")
    func allPass() {
        #expect(TestReport(outcomes: [Self.outcomes[0]], verbose: false).text == "PASS: 1/1\n")
    }

    @Test("a test is filed under the module of its package that mentions it")
    func fileIndex() {
        let index = TestFileIndex(modules: [
            SourceFile(name: "a.rego", text: "package x.y\n\nallow if true\n"),
            SourceFile(name: "a_test.rego", text: "# tests\npackage x.y\n\ntest_allow if allow\n"),
            SourceFile(name: "b_test.rego", text: "package z\n\ntest_allow if true\n"),
        ])
        #expect(index.file(of: "data.x.y.test_allow") == "a_test.rego")
        #expect(index.file(of: "data.z.test_allow") == "b_test.rego")
        #expect(index.file(of: "data.w.test_allow") == nil)
    }

    @Test("bench measurements: ns/op and decisions/s from the elapsed time")
    func benchMeasurement() {
        let m = BenchMeasurement(query: "data.p", count: 4, inputs: 2, verified: true, elapsed: .microseconds(10))
        #expect(m.nanosecondsPerOp == 2500)
        #expect(m.opsPerSecond == 400_000)
        #expect(
            m.json.compactText()
                == #"{"ns_per_op":2500,"count":4,"ops_per_sec":400000,"inputs":2,"verified":true,"query":"data.p"}"#)
        #expect(m.text == "data.p: 4 ops over 2 inputs, results checked: 2500.0 ns/op, 400000 decisions/s")
    }
}
