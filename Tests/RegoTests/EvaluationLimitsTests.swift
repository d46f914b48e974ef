import Testing
@testable import Rego

/// Hostile policies end in `eval_limit_error`, never in a hang or a crash.
@Suite struct EvaluationLimitsTests {
    private func evaluate(_ source: String, _ query: String, options: EvaluationOptions = EvaluationOptions()) throws
        -> [QueryResult]
    {
        let policy = try CompiledPolicy(modules: [SourceFile(name: "limits.rego", text: source)])
        return try policy.prepare(query).evaluate(options: options)
    }

    @Test func unboundedRecursionHitsTheStackBudget() {
        let source = """
            package r
            f(x) := y if { y := f(x + 1) }
            p := f(1)
            """
        #expect(throws: RegoError.self) { try evaluate(source, "data.r.p") }
        do {
            _ = try evaluate(source, "data.r.p")
        } catch let error as RegoError {
            #expect(error.code == .limit)
            #expect(error.message.contains("stack budget"))
            #expect(error.location?.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func longIterationHitsTheStepLimit() {
        let source = """
            package r
            q contains x if { some x in numbers.range(1, 1000); some y in numbers.range(1, 1000); x == y }
            """
        var options = EvaluationOptions()
        options.maxSteps = 10_000
        do {
            _ = try evaluate(source, "count(data.r.q)", options: options)
            Issue.record("expected eval_limit_error")
        } catch let error as RegoError {
            #expect(error.code == .limit)
            #expect(error.message == "evaluation exceeded 10000 steps")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func withinLimitsTheSameRulesEvaluate() throws {
        let source = """
            package r
            q contains x if { some x in numbers.range(1, 100); some y in numbers.range(1, 100); x == y }
            """
        let results = try evaluate(source, "n := count(data.r.q)")
        #expect(results.first?.bindings["n"] == .int(100))
    }
}
