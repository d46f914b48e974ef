import Testing

@testable import Rego

/// The rule index picks candidate definitions by `input.x == constant`; the result must be the
/// one evaluating every definition gives, whatever the kinds of the constants and the input.
@Suite struct RuleIndexTests {
    static let constants = [
        #""a""#, #""b""#, "1", "1.0", "2.5", "[1, 2]", #"{"k": 1}"#, "true", "null", "9223372036854775807", "1e19",
    ]

    /// One definition per constant (and one the index cannot use), each adding its position.
    private func policy(indexable: Bool) -> String {
        var lines = ["package t"]
        for (i, c) in Self.constants.enumerated() {
            lines.append(indexable ? "hits contains \(i) if { input.x == \(c) }" : "hits contains \(i) if { c := \(c); input.x == c }")
        }
        lines.append(#"hits contains "other" if { input.y == 1 }"#)
        return lines.joined(separator: "\n")
    }

    @Test(arguments: constants + [#""c""#, "3", "[1]", "false", "9223372036854775806"])
    func indexedRulesAgreeWithEveryRule(_ x: String) throws {
        let indexed = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: policy(indexable: true))])
        let reference = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: policy(indexable: false))])
        #expect(indexed.program.root.node(at: ["t", "hits"])?.ruleSet?.index != nil)
        for y in ["1", "2"] {
            let input = try JSONTextParser.parse(#"{"x": \#(x), "y": \#(y)}"#)
            let want = try reference.prepare("data.t.hits").evaluateValue(input: input)
            #expect(try indexed.prepare("data.t.hits").evaluateValue(input: input) == want, "x = \(x), y = \(y)")
        }
        let missing = try indexed.prepare("data.t.hits").evaluateValue(input: .emptyObject)
        #expect(missing == .set(RegoSet()))
    }
}
