import Testing

@testable import Rego

@Suite struct GraphTests {
    static let cases: [BuiltinCase] = [
        // graph.reachable (OPA conformance topic `reachable`)
        .init("graph.reachable", [json(#"{"a": ["b"], "b": ["c"], "c": ["a"]}"#), json(#"["a"]"#)],
              .value(set(json: #"["a", "b", "c"]"#))),
        .init("graph.reachable",
              [json(#"{"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": [], "e": ["f"], "f": ["e"], "x": ["x"]}"#),
               set(.str("b"), .str("e"))],
              .value(set(json: #"["b", "d", "e", "f"]"#))),
        .init("graph.reachable", [.object(RegoObject([("a", set(.str("b"))), ("b", .emptySet)])), set(.str("a"))],
              .value(set(json: #"["a", "b"]"#))),
        // Neighbours missing from the graph are not reached; a null value is a node without edges.
        .init("graph.reachable", [json(#"{"a": ["zz"], "b": null}"#), json(#"["a", "b", "q"]"#)],
              .value(set(json: #"["a", "b"]"#))),
        .init("graph.reachable", [json(#"{}"#), json(#"["a"]"#)], .value(.emptySet)),
        .init("graph.reachable", [json(#"{"a": []}"#), .str("a")],
              .typeError("operand 2 must be one of {array, set} but got string")),
        .init("graph.reachable", [.int(1), json(#"["a"]"#)], .typeError("operand 1 must be object but got number")),

        // graph.reachable_paths
        .init("graph.reachable_paths", [json("{}"), set(.str("a"))], .value(.emptySet)),
        .init("graph.reachable_paths", [json(#"{"a": null}"#), json(#"["a"]"#)], .value(set(json: #"[["a"]]"#))),
        .init("graph.reachable_paths", [json(#"{"a": ["b", "c"], "b": ["c"], "c": []}"#), set(.str("a"))],
              .value(set(json: #"[["a", "b", "c"], ["a", "c"]]"#))),
        // A neighbour missing from the graph ends the path without itself.
        .init("graph.reachable_paths", [json(#"{"a": ["b"], "b": ["nowhere"]}"#), json(#"["a"]"#)],
              .value(set(json: #"[["a", "b"]]"#))),
        // A cycle ends the path at the node whose neighbour was already visited.
        .init("graph.reachable_paths", [json(#"{"a": ["b"], "b": ["a"]}"#), json(#"["a"]"#)],
              .value(set(json: #"[["a", "b"]]"#))),
        // OPA's case reachable_paths/cycle_1022_3: nodes visited on one branch end later branches
        // from the same first edge (`six` stops at `seven`, visited under `five` before).
        .init("graph.reachable_paths",
              [json(#"""
                {"one": ["two", "five"], "two": ["four"], "three": [""], "four": ["three"],
                 "five": ["seven", "six"], "six": ["nine", "seven"], "seven": ["eight"],
                 "eight": ["three"], "nine": [""]}
                """#), set(.str("one"))],
              .value(set(json: #"""
                [["one", "five", "seven", "eight", "three"], ["one", "five", "six"],
                 ["one", "five", "six", "nine"], ["one", "two", "four", "three"]]
                """#))),
        .init("graph.reachable_paths", [.int(1), json("[1]")], .typeError("operand 1 must be object but got number")),
        .init("graph.reachable_paths", [json("{}"), .null], .typeError("operand 2 must be one of {array, set} but got null")),
    ]

    @Test(arguments: cases) func graph(_ c: BuiltinCase) { c.check() }

    @Test func longChainsDoNotExhaustTheStack() throws {
        let n = 5_000
        var pairs: [(Value, Value)] = []
        for i in 0..<n { pairs.append((.int(i), .array(i + 1 < n ? [.int(i + 1)] : []))) }
        let graph = Value.object(RegoObject(pairs))
        let reached = try #require(try call("graph.reachable", graph, .array([.int(0)])))
        #expect(reached.setValue?.count == n)
        let paths = try #require(try call("graph.reachable_paths", graph, .array([.int(0)])))
        #expect(paths.setValue?.count == 1)
        #expect(paths.setValue?.sorted.first?.arrayValue?.count == n)
    }
}
