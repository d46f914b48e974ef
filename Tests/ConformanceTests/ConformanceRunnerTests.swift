import Foundation
import JSON
import Rego
import Testing

/// The runner's judging, driven with synthetic results so it is checked before the evaluator
/// exists.
@Suite struct ConformanceRunnerTests {
    private func makeCase(_ json: String) throws -> ConformanceCase {
        try ConformanceCases.parse(JSONDecoding.decode(json), topic: "t", source: "t/x.json#0")
    }

    private func json(_ text: String) throws -> Value { try JSONDecoding.decode(text) }

    @Test func resultsCompareAsUnorderedSets() throws {
        let testCase = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": 1}, {"x": 2}]}"#)
        let got: [[String: Value]] = [["x": .int(2)], ["x": .int(1)], ["x": .int(2)]]
        #expect(ConformanceRunner.judge(results: got, for: testCase) == .passed)
        let wrong: [[String: Value]] = [["x": .int(1)], ["x": .int(3)]]
        #expect(ConformanceRunner.judge(results: wrong, for: testCase) == .failed(#"missing {"x":2}; unexpected {"x":3}"#))
    }

    @Test func numbersCompareByValue() throws {
        let testCase = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": 1.0, "y": 2.5}]}"#)
        #expect(ConformanceRunner.judge(results: [["x": .int(1), "y": .double(2.5)]], for: testCase) == .passed)
    }

    @Test func setsAreComparedAsSortedArrays() throws {
        let testCase = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": [1, "a", [2]]}]}"#)
        let set = Value.set(RegoSet([.string("a"), .int(1), .array([.int(2)])]))
        #expect(ConformanceRunner.judge(results: [["x": set]], for: testCase) == .passed)
    }

    @Test func nonStringKeysBecomeTheirJSONText() throws {
        let testCase = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": {"1": true, "[1]": {"a": [3]}}}]}"#)
        let object = RegoObject([
            (Value.int(1), Value.true),
            (.array([.int(1)]), .object(RegoObject([("a", .set(RegoSet([.int(3)])))]))),
        ])
        #expect(ConformanceRunner.judge(results: [["x": .object(object)]], for: testCase) == .passed)
    }

    @Test func sortBindingsSortsArrayBindings() throws {
        let sorted = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": [1, 2, 3]}], "sort_bindings": true}"#)
        let unsorted = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{"x": [1, 2, 3]}]}"#)
        let got: [[String: Value]] = [["x": .array([.int(3), .int(1), .int(2)])]]
        #expect(ConformanceRunner.judge(results: got, for: sorted) == .passed)
        #expect(ConformanceRunner.judge(results: got, for: unsorted) != .passed)
    }

    @Test func undefinedAndEmptyBindings() throws {
        let undefined = try makeCase(#"{"note": "t/a", "query": "q", "want_result": []}"#)
        let defined = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{}]}"#)
        #expect(ConformanceRunner.judge(results: [], for: undefined) == .passed)
        #expect(ConformanceRunner.judge(results: [[:]], for: defined) == .passed)
        #expect(ConformanceRunner.judge(results: [[:]], for: undefined) == .failed("want undefined; unexpected {}"))
        #expect(ConformanceRunner.judge(results: [], for: defined) == .failed("missing {}"))
    }

    @Test func errorsMatchCodeAndTextWithRowOnlyLocations() throws {
        let testCase = try makeCase(#"""
            {"note": "t/a", "query": "q", "want_error_code": "eval_type_error",
             "want_error": "test-0.rego:4: eval_type_error: f: operand 1 must be string but got number"}
            """#)
        let error = RegoError(.evalType, "f: operand 1 must be string but got number",
                              at: SourceLocation(file: "test-0.rego", line: 4, column: 9))
        #expect(ConformanceRunner.opaErrorText(error) == "test-0.rego:4: eval_type_error: f: operand 1 must be string but got number")
        #expect(ConformanceRunner.judge(error: error, for: testCase) == .passed)

        let otherCode = RegoError(.evalBuiltin, error.message, at: error.location)
        #expect(ConformanceRunner.judge(error: otherCode, for: testCase) != .passed)
        let otherLine = RegoError(.evalType, error.message, at: SourceLocation(file: "test-0.rego", line: 5, column: 9))
        #expect(ConformanceRunner.judge(error: otherLine, for: testCase) != .passed)
    }

    @Test func errorTextMayIncludeTheCode() throws {
        let testCase = try makeCase(#"{"note": "t/a", "query": "q", "want_error": "eval_conflict_error: complete rules"}"#)
        let error = RegoError(.conflict, "complete rules must not produce multiple outputs")
        #expect(ConformanceRunner.judge(error: error, for: testCase) == .passed)
    }

    @Test func mismatchedKindsFail() throws {
        let wantsResult = try makeCase(#"{"note": "t/a", "query": "q", "want_result": [{}]}"#)
        let wantsError = try makeCase(#"{"note": "t/a", "query": "q", "want_error_code": "eval_conflict_error"}"#)
        let error = RegoError(.evalBuiltin, "div: divide by zero")
        #expect(ConformanceRunner.judge(error: error, for: wantsResult) == .failed("unexpected error: eval_builtin_error: div: divide by zero"))
        #expect(ConformanceRunner.judge(results: [[:]], for: wantsError) == .failed("want error eval_conflict_error, got 1 result(s)"))
    }

    @Test(arguments: [
        ("undefined function foo.bar", "foo.bar"),
        ("undefined function crypto.nonexistent", "crypto.nonexistent"),
        ("unknown builtin foo.baz", "foo.baz"),
    ])
    func missingBuiltinsAreRecognised(message: String, name: String) {
        let error = RegoError(.typeCheck, message, at: SourceLocation(file: "test-0.rego", line: 3, column: 2))
        #expect(ConformanceRunner.missingBuiltin(in: error) == name)
    }

    @Test func otherCompileErrorsAreNotMissingBuiltins() {
        #expect(ConformanceRunner.missingBuiltin(in: RegoError(.unsafeVar, "var x is unsafe")) == nil)
        // An undefined user function is the engine's problem, not a missing builtin.
        #expect(ConformanceRunner.missingBuiltin(in: RegoError(.typeCheck, "undefined function data.test.f")) == nil)
    }

    @Test func skippedCasesAreNotRun() throws {
        let testCase = try makeCase(#"{"note": "t/boom", "query": "q", "want_result": []}"#)
        let runner = ConformanceRunner(skip: ["t/boom"])
        #expect(runner.run(testCase) == .notRun("crashed the engine in an earlier run"))
    }

    @Test func caseFieldsAreRead() throws {
        let testCase = try makeCase(#"""
            {"note": "t/a", "query": "data.x = y", "modules": ["package x\n"], "data": {"k": 1},
             "input_term": "{1, 2}", "strict_error": true, "sort_bindings": true, "want_result": [{"y": 1}]}
            """#)
        #expect(testCase.modules == ["package x\n"])
        #expect(testCase.data == (try json(#"{"k": 1}"#)))
        #expect(testCase.strictError && testCase.sortBindings)
        guard case .term("{1, 2}") = testCase.input else {
            Issue.record("input_term not read")
            return
        }
    }

    @Test func repeatedNotesGetNumberedIDs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-conf-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/b", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/a", withIntermediateDirectories: true)
        let twice = #"{"cases": [{"note": "n", "query": "true", "want_result": [{}]}, {"note": "n", "query": "false", "want_result": []}]}"#
        try twice.write(toFile: directory + "/b/1.json", atomically: true, encoding: .utf8)
        try #"{"cases": [{"note": "n", "query": "1", "want_result": [{}]}]}"#.write(toFile: directory + "/a/1.json", atomically: true, encoding: .utf8)
        let cases = try ConformanceCases.load(from: directory)
        #expect(cases.map(\.id) == ["n", "n (2)", "n (3)"])
        #expect(cases.map(\.topic) == ["a", "b", "b"])
        #expect(cases.map(\.source) == ["a/1.json#0", "b/1.json#0", "b/1.json#1"])
    }

    @Test func policyTopicsMatchPrefixes() {
        #expect(ConformanceReport.isPolicyTopic("trimleft"))
        #expect(ConformanceReport.isPolicyTopic("regexmatch"))
        #expect(ConformanceReport.isPolicyTopic("netcidrcontains"))
        #expect(ConformanceReport.isPolicyTopic("every"))
        #expect(!ConformanceReport.isPolicyTopic("jwtbuiltins"))
        #expect(!ConformanceReport.isPolicyTopic("xtrim"))
    }

    @Test func reportCountsAndListsPassingCases() throws {
        let a = try makeCase(#"{"note": "t/a", "query": "q", "want_result": []}"#)
        var b = a
        b.id = "t/b"
        var c = a
        c.id = "t/c"
        c.topic = "strings"
        let report = ConformanceReport([(a, .passed), (b, .failed("x")), (c, .notRun("missing builtin f"))])
        #expect(report.rows.map(\.topic) == ["strings", "t"])
        #expect(report.passingIDs == ["t/a"])
        #expect(ConformanceReport.parsePassingList(report.passingList) == ["t/a"])
        #expect(report.markdown(source: "test").contains("| strings ★ | 0 | 0 | 1 | missing builtin f |"))
        #expect(report.table.contains("overall: 1/3 passed (33.3%), 1 failed, 1 not run"))
        #expect(report.table.contains("policy topics: 0/1 passed (0.0%), 0 failed, 1 not run"))
    }
}
