import Testing

@testable import Rego

/// Hostile input must fail with an error, never overflow the stack or take super-linear time.
@Suite struct ParserLimitsTests {
    struct Nesting: CustomTestStringConvertible, Sendable {
        var name: String
        var open: String
        var inner: String
        var close: String
        var testDescription: String { name }

        func source(depth: Int) -> String {
            String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        }
    }

    static let nestings: [Nesting] = [
        Nesting(name: "arrays", open: "[", inner: "1", close: "]"),
        Nesting(name: "sets", open: "{", inner: "1", close: "}"),
        Nesting(name: "object values", open: "{\"a\": ", inner: "1", close: "}"),
        Nesting(name: "later object values", open: "{\"a\": 1, \"b\": ", inner: "1", close: "}"),
        Nesting(name: "parentheses", open: "(", inner: "1", close: ")"),
        Nesting(name: "ref brackets", open: "a[", inner: "1", close: "]"),
        Nesting(name: "call arguments", open: "f(", inner: "1", close: ")"),
        Nesting(name: "negated calls", open: "-f(", inner: "1", close: ")"),
        Nesting(name: "operands", open: "1 + (", inner: "1", close: ")"),
        Nesting(name: "template strings", open: "$\"{", inner: "1", close: "}\""),
        Nesting(name: "comprehensions", open: "[x | ", inner: "true", close: "]"),
        Nesting(name: "object comprehensions", open: "{k: v | ", inner: "true", close: "}"),
        Nesting(name: "every bodies", open: "every x in y { ", inner: "true", close: " }"),
        Nesting(name: "some domains", open: "[y | some x in ", inner: "xs", close: "]"),
        Nesting(name: "with values", open: "[y | y with input as ", inner: "1", close: "]"),
    ]

    static func parses(_ source: String) -> Bool {
        (try? Parser.parseQuery(source)) != nil
    }

    /// The deepest nesting accepted is found by bisection; parsing at that depth must not crash
    /// (the test runs on an ordinary 8 MB thread, in a debug build), and deeper input must fail
    /// with OPA's message.
    @Test(arguments: nestings)
    func deepNestingIsRefusedBeforeTheStackRunsOut(nesting: Nesting) throws {
        var accepted = 1
        var refused = 2_000
        #expect(Self.parses(nesting.source(depth: accepted)))
        while refused - accepted > 1 {
            let middle = (accepted + refused) / 2
            if Self.parses(nesting.source(depth: middle)) { accepted = middle } else { refused = middle }
        }
        print("\(nesting.name): \(accepted) levels accepted")
        // Realistic policies nest a few levels; at least a couple of hundred must work.
        #expect(accepted >= 150, "only \(accepted) levels of \(nesting.name) parse")
        #expect {
            _ = try Parser.parseQuery(nesting.source(depth: refused))
        } throws: { error in
            (error as? RegoError)?.message == "max parsing recursion depth exceeded"
        }
    }

    @Test func depthIsCountedPerParseNotAccumulated() throws {
        let nested = Nesting(name: "arrays", open: "[", inner: "1", close: "]").source(depth: 200)
        for _ in 0..<10 { _ = try Parser.parseQuery(nested + "; " + nested) }
        let module = "package p\n" + (0..<50).map { "r\($0) := \(nested)" }.joined(separator: "\n")
        #expect(try Parser.parseModule(SourceFile(name: "m", text: module)).rules.count == 50)
    }

    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try work()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Inputs where careless backtracking explodes: every level offers a `k, v in` or `some`
    /// alternative that fails only at the end. Each must finish (with an error) quickly.
    @Test(arguments: [
        String(repeating: "a[x, ", count: 300) + "1" + String(repeating: "]", count: 300),
        String(repeating: "[y | some x, ", count: 150) + "z" + String(repeating: "]", count: 150),
        String(repeating: "(x, ", count: 300) + "1" + String(repeating: ")", count: 300),
        "some " + String(repeating: "x, ", count: 20_000) + "[1]",
    ])
    func failedAlternativesAreNotRetriedExponentially(source: String) {
        let elapsed = Self.seconds { _ = try? Parser.parseQuery(source) }
        #expect(elapsed < 5, "took \(elapsed) s")
    }

    @Test func largeInputsParseInLinearTime() throws {
        let items = (0..<100_000).map { "{\"k\": \($0), \"v\": [\"s\", true, null]}" }.joined(separator: ",")
        let oneLine = "x := [" + items + "]"
        var body: Body = []
        let elapsed = try Self.seconds { body = try Parser.parseQuery(oneLine) }
        #expect(body.count == 1)
        #expect(elapsed < 20, "took \(elapsed) s for \(oneLine.utf8.count) bytes")

        let rules = (0..<20_000).map { "r\($0) := x if { x := input.a[\($0)] + 1; x > 2 }" }.joined(separator: "\n")
        var module: Module?
        let moduleElapsed = try Self.seconds { module = try Parser.parseModule(SourceFile(name: "big", text: "package big\n" + rules)) }
        #expect(module?.rules.count == 20_000)
        #expect(moduleElapsed < 20, "took \(moduleElapsed) s")
    }
}
