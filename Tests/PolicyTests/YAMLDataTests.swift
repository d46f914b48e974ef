import JSON
import Policy
import Rego
import Testing

/// YAML data files mean what OPA's YAML-to-JSON conversion makes of them.
@Suite struct YAMLDataTests {
    private func load(_ yaml: String) throws -> Value {
        let tree = try TemporaryTree(["doc.yaml": yaml])
        return try DataLoader.load([tree.root]).data
    }

    static let scalars: [(String, String)] = [
        ("v: 42", #"{"v": 42}"#),
        ("v: -7", #"{"v": -7}"#),
        ("v: 0x1F", #"{"v": 31}"#),
        ("v: 1_000", #"{"v": 1000}"#),
        ("v: 2.5", #"{"v": 2.5}"#),
        ("v: 1e3", #"{"v": 1000}"#),
        ("v: true", #"{"v": true}"#),
        ("v: yes", #"{"v": true}"#),
        ("v: Off", #"{"v": false}"#),
        ("v: ~", #"{"v": null}"#),
        ("v: null", #"{"v": null}"#),
        ("v:", #"{"v": null}"#),
        ("v: hello world", #"{"v": "hello world"}"#),
        ("v: '42'", #"{"v": "42"}"#),
        ("v: \"true\"", #"{"v": "true"}"#),
        ("v: 2001-12-14", #"{"v": "2001-12-14"}"#),
        ("v: 123456789012345678901234567890", #"{"v": 1.2345678901234568e29}"#),
        ("v: [1, a, {b: c}]", #"{"v": [1, "a", {"b": "c"}]}"#),
        ("1: one\ntrue: yes\n2.5: x", #"{"1": "one", "true": true, "2.5": "x"}"#),
        ("v: |\n  line1\n  line2\n", #"{"v": "line1\nline2\n"}"#),
    ]

    @Test(arguments: scalars)
    func scalarsResolveAsOPAdoes(yaml: String, expectedJSON: String) throws {
        #expect(try load(yaml) == JSONDecoding.decode(expectedJSON))
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let yaml = """
            base: &base
              cpu: 1
              mem: 2
            small:
              <<: *base
              mem: 1
            list: [*base, *base]
            """
        let expected = try JSONDecoding.decode(#"""
            {"base": {"cpu": 1, "mem": 2}, "small": {"cpu": 1, "mem": 1},
             "list": [{"cpu": 1, "mem": 2}, {"cpu": 1, "mem": 2}]}
            """#)
        #expect(try load(yaml) == expected)
    }

    @Test func infinityIsNotJSON() throws {
        let tree = try TemporaryTree(["doc.yaml": "a: 1\nv: .inf\n"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .syntax)
        #expect(error?.line == 2)
        #expect(error?.column == 4)
    }

    @Test func duplicateKeysAreErrors() throws {
        let tree = try TemporaryTree(["doc.yaml": "a: 1\na: 2\n"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .syntax)
        #expect(error?.message.contains("'a'") == true)
    }

    @Test func anEmptyYAMLFileBelowTheRootIsNull() throws {
        let tree = try TemporaryTree(["sub/empty.yaml": ""])
        #expect(try DataLoader.load([tree.root]).data == JSONDecoding.decode(#"{"sub": null}"#))
    }
}
