import Testing

@testable import Rego

@Suite struct ObjectsTests {
    static let cases: [BuiltinCase] = [
        .init("object.get", [json("{\"a\": \"b\"}"), .str("c"), .str("c")], .value(.str("c"))),
        .init("object.get", [json("{\"a\": \"b\"}"), .str("a"), .str("c")], .value(.str("b"))),
        .init("object.get", [.object(RegoObject([(.int(1), .int(2))])), .int(1), .int(3)], .value(.int(2))),
        .init("object.get", [.object(RegoObject([(.int(1), .int(2))])), .int(2), .int(3)], .value(.int(3))),
        .init("object.get", [json("{\"a\": {\"b\": \"c\"}}"), .str("a"), .true], .value(json("{\"b\": \"c\"}"))),
        .init("object.get", [json("{\"a\": 1}"), json("[]"), .int(2)], .value(json("{\"a\": 1}"))),
        .init("object.get", [json("{\"a\": {\"b\": {\"c\": 1}}}"), json("[\"a\", \"b\", \"c\"]"), .int(2)], .value(.int(1))),
        .init("object.get", [json("{\"a\": 1}"), json("[\"b\"]"), .int(2)], .value(.int(2))),
        .init("object.get", [json("{\"a\": {\"b\": 1}}"), json("[\"b\", \"a\"]"), .int(2)], .value(.int(2))),
        .init("object.get", [json("{\"a\": {\"b\": [{\"c\": 1}]}}"), json("[\"a\", \"b\", 0, \"c\"]"), .int(2)], .value(.int(1))),
        .init("object.get", [json("{\"a\": 1}"), json("[\"a\", \"b\"]"), .int(2)], .value(.int(2))),
        .init("object.get", [json("[]"), .str("a"), .int(2)], .typeError("operand 1 must be object but got array")),
        .init("object.keys", [json("{\"a\": 1, \"b\": 2}")], .value(set(.str("a"), .str("b")))),
        .init("object.keys", [json("{}")], .value(set())),
        .init("object.keys", [.str("object")], .typeError("operand 1 must be object but got string")),
        .init("object.remove", [json("{\"a\": 1, \"b\": {\"c\": 3}}"), set(.str("a"))], .value(json("{\"b\": {\"c\": 3}}"))),
        .init("object.remove", [json("{\"a\": 1, \"b\": {\"c\": 3}, \"d\": 4}"), json("[\"d\", \"b\"]")], .value(json("{\"a\": 1}"))),
        .init("object.remove", [json("{\"a\": 1, \"b\": {\"c\": 3}, \"d\": 4}"), json("{\"b\": 1, \"d\": \"\"}")],
              .value(json("{\"a\": 1}"))),
        .init("object.remove", [json("{\"a\": {\"b\": {\"c\": 2}}, \"x\": 123}"), json("{\"a\": {\"b\": {\"foo\": \"bar\"}}}")],
              .value(json("{\"x\": 123}"))),
        .init("object.remove", [json("{}"), set(.str("a"), .str("b"))], .value(json("{}"))),
        .init("object.remove", [json("{\"a\": 1}"), set()], .value(json("{\"a\": 1}"))),
        .init("object.remove", [.object(RegoObject([(.str("a"), .int(1)), (json("[[7]]"), .int(2))])), set(json("[[7]]"))],
              .value(json("{\"a\": 1}"))),
        .init("object.remove", [json("[\"a\"]"), set(.str("a"))], .typeError("operand 1 must be object but got array")),
        .init("object.remove", [json("{\"a\": 1}"), .str("foo")],
              .typeError("operand 2 must be one of {object, set, array} but got string")),
        .init("object.filter", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(.str("a"))],
              .value(json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}}"))),
        .init("object.filter", [json("{\"a\": 7}"), json("{}")], .value(json("{}"))),
        .init("object.filter", [json("{}"), set(.str("a"))], .value(json("{}"))),
        .init("object.filter", [json("{\"a\": 1, \"b\": 2, \"c\": 3}"), json("[\"b\", \"z\"]")], .value(json("{\"b\": 2}"))),
        .init("object.filter", [.false, set(.str("a"))], .typeError("operand 1 must be object but got boolean")),
        .init("object.filter", [json("{\"a\": 1}"), .null],
              .typeError("operand 2 must be one of {object, set, array} but got null")),
        .init("object.union", [json("{}"), json("{}")], .value(json("{}"))),
        .init("object.union", [json("{}"), json("{\"a\": 1}")], .value(json("{\"a\": 1}"))),
        .init("object.union", [json("{\"a\": {\"b\": {\"c\": 1}}}"), json("{\"b\": 2}")],
              .value(json("{\"a\": {\"b\": {\"c\": 1}}, \"b\": 2}"))),
        .init("object.union", [json("{\"a\": 1}"), json("{\"a\": 2}")], .value(json("{\"a\": 2}"))),
        .init("object.union", [json("{\"a\": 1}"), json("{\"a\": {\"b\": {\"c\": 1}}, \"d\": 7}")],
              .value(json("{\"a\": {\"b\": {\"c\": 1}}, \"d\": 7}"))),
        .init("object.union", [json("{\"a\": {\"b\": {\"c\": 1}}, \"e\": 1}"),
                               json("{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}")],
              .value(json("{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}"))),
        .init("object.union", [json("[1, 2, 3]"), json("{\"b\": 2}")], .typeError("operand 1 must be object but got array")),
        .init("object.union", [json("{\"a\": 1}"), json("[1, 2, 3]")], .typeError("operand 2 must be object but got array")),
        .init("object.union_n", [json("[{}]")], .value(json("{}"))),
        .init("object.union_n", [json("[]")], .value(json("{}"))),
        .init("object.union_n", [json("[{\"foo\": \"bar\"}, {\"foo\": \"baz\"}]")], .value(json("{\"foo\": \"baz\"}"))),
        .init("object.union_n", [json("[{\"a\": 1, \"b\": 2, \"c\": 3}, {\"foo\": \"baz\", \"a\": \"a\", \"b\": 2, \"d\": 4}, {\"a\": \"final A!\", \"e\": 5.0}]")],
              .value(json("{\"a\": \"final A!\", \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"foo\": \"baz\"}"))),
        .init("object.union_n", [json("[{\"a\": {\"b\": 2}}, {\"a\": 4}, {\"a\": {\"c\": 3}}]")], .value(json("{\"a\": {\"c\": 3}}"))),
        .init("object.union_n", [json("[{\"a\": {\"b\": 2}}, {\"a\": {\"c\": 3}}]")], .value(json("{\"a\": {\"b\": 2, \"c\": 3}}"))),
        .init("object.union_n", [json("[{}, 1, \"x\"]")], .typeError("operand 1 must be array of objects but got array containing string")),
        .init("object.union_n", [json("{}")], .typeError("operand 1 must be array but got object")),
    ]

    @Test(arguments: cases) func object(_ c: BuiltinCase) { c.check() }

    static let nested = json("{\"a\": 5, \"b\": 7, \"c\": 15, \"nested\": {\"x\": 10, \"y\": 15, \"z\": 20, \"arr1\": [6, 7, 8, 9]}}")
    static let subsetCases: [(sup: Value, sub: Value, expected: Bool?)] = [
        (json("{\"a\": 5, \"b\": 7, \"c\": 15}"), json("{\"a\": 5}"), true),
        (json("{\"a\": 5}"), json("{\"a\": 5, \"b\": 7, \"c\": 15}"), false),
        (json("{\"a\": 5, \"b\": 7, \"c\": 15}"), json("{\"a\": 5, \"b\": 10}"), false),
        (nested, json("{\"a\": 5, \"nested\": {\"x\": 10, \"y\": 15}}"), true),
        (nested, json("{\"nested\": {\"arr1\": [7, 8]}}"), true),
        (nested, json("{\"nested\": {\"arr1\": [7, 9]}}"), false),
        (.object(RegoObject([("s", set(json: "[1, 2, 3, 4]"))])), .object(RegoObject([("s", set(json: "[4, 1]"))])), true),
        (set(json: "[1, 2, 3]"), set(json: "[3, 2]"), true),
        (set(json: "[3, 2]"), set(json: "[1, 2, 3]"), false),
        (set(.int(1), .int(2), .int(3), set(json: "[\"a\", \"b\", \"c\"]")), set(.int(3), set(json: "[\"a\", \"b\", \"c\"]")), true),
        (set(.int(1), .int(2), .int(3), set(json: "[\"a\", \"b\", \"c\"]")), set(.int(3), set(json: "[\"a\", \"b\"]")), false),
        (json("[1, 2, 3, 4, 5, 6]"), json("[3, 4, 5]"), true),
        (json("[1, 2, 3, 4, 5, 6]"), json("[1, 2, 3]"), true),
        (json("[1, 2, 3, 4, 5, 6]"), json("[4, 5, 6]"), true),
        (json("[1, 2, 3, 4, 5, 6]"), json("[4, 5, 6, 8]"), false),
        (json("[1, 2, 3, 4, 5, 6]"), json("[1, 3]"), false),
        (json("[3, 4, 5]"), json("[1, 2, 3, 4, 5, 6]"), false),
        (json("[1, 2, 3, 4, 5, 6]"), set(json: "[4, 3, 2]"), true),
        (json("[1, 2, 3, 4, 5, 6]"), set(json: "[9, 8, 7]"), false),
        (json("[1, 1]"), set(json: "[1, 2]"), true),  // OPA's count-down quirk
        (json("[]"), set(), false),  // ditto: an empty array never covers
        (set(json: "[4, 3, 2]"), json("[1, 2, 3, 4, 5, 6]"), nil),
        (json("{}"), json("[]"), nil),
    ]

    @Test func subset() {
        for (sup, sub, expected) in ObjectsTests.subsetCases {
            let c = BuiltinCase(
                "object.subset", [sup, sub],
                expected.map { .value(.bool($0)) }
                    ?? .typeError("both arguments object.subset must be of the same type or array and set"))
            c.check()
        }
    }

    static let pathCases: [BuiltinCase] = [
        .init("json.filter", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(.str("a/b/c"))],
              .value(json("{\"a\": {\"b\": {\"c\": 7}}}"))),
        .init("json.filter", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(.str("a/b/c"), .str("e"))],
              .value(json("{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}"))),
        .init("json.filter", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"e\": 9}}"), set(.str("a/b/c"), .str("a/e"))],
              .value(json("{\"a\": {\"b\": {\"c\": 7}, \"e\": 9}}"))),
        .init("json.filter", [json("{\"a\": {\"b\": 7}}"), set(.str("a"), .str("a/b"))], .value(json("{\"a\": {\"b\": 7}}"))),
        .init("json.filter", [json("{\"a\": 7}"), set()], .value(json("{}"))),
        .init("json.filter", [json("{}"), set(.str("a/b"))], .value(json("{}"))),
        .init("json.filter", [json("{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}"), set(.str("a/0/b"), .str("a/1"))],
              .value(json("{\"a\": [{\"b\": 7}, {\"d\": 9}]}"))),
        .init("json.filter", [json("{\"a\": [{\"1\": [\"b\", \"c\", \"d\"]}, {\"x\": \"y\"}]}"), set(.str("a/0/1/2"))],
              .value(json("{\"a\": [{\"1\": [\"d\"]}]}"))),
        .init("json.filter", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(json("[\"a\", \"b\", \"c\"]"), json("[\"e\"]"))],
              .value(json("{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}"))),
        .init("json.filter", [json("{\"a/b\": 1, \"m~n\": 2, \"x\": 3}"), json("[\"/a~1b\", \"m~0n\"]")],
              .value(json("{\"a/b\": 1, \"m~n\": 2}"))),
        .init("json.filter", [json("{\"a\": 1, \"b\": 2}"), .str("a")],
              .typeError("operand 2 must be one of {set, array} but got string")),
        .init("json.remove", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(.str("a/b/c"))],
              .value(json("{\"a\": {\"b\": {\"d\": 8}}, \"e\": 9}"))),
        .init("json.remove", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(.str("a/b/c"), .str("e"))],
              .value(json("{\"a\": {\"b\": {\"d\": 8}}}"))),
        .init("json.remove", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), json("[\"a/b/c\", \"e\"]")],
              .value(json("{\"a\": {\"b\": {\"d\": 8}}}"))),
        .init("json.remove", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"e\": 9}}"), set(.str("a/b/c"), .str("a/e"))],
              .value(json("{\"a\": {\"b\": {\"d\": 8}}}"))),
        .init("json.remove", [json("{\"a\": {\"b\": 7}, \"c\": 1}"), set(.str("a"), .str("a/b"))], .value(json("{\"c\": 1}"))),
        .init("json.remove", [json("{}"), set(.str("a/b"))], .value(json("{}"))),
        .init("json.remove", [json("{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}"), set(.str("a/0/b"), .str("a/1"))],
              .value(json("{\"a\": [{\"c\": 8}]}"))),
        .init("json.remove", [json("{\"a\": [{\"1\": [\"b\", \"c\", \"d\"]}, {\"x\": \"y\"}]}"), set(.str("a/0/1/2"))],
              .value(json("{\"a\": [{\"1\": [\"b\", \"c\"]}, {\"x\": \"y\"}]}"))),
        .init("json.remove", [json("{\"a\": {\"b\": {\"c\": 7, \"d\": 8, \"x\": 0}}, \"e\": 9}"), set(.str("a/b/d"), json("[\"a\", \"b\", \"c\"]"))],
              .value(json("{\"a\": {\"b\": {\"x\": 0}}, \"e\": 9}"))),
        .init("json.remove", [.str("foo"), set(.str("a/b/c"))], .typeError("operand 1 must be object but got string")),
        .init("json.remove", [json("{\"a\": 1}"), .int(22)], .typeError("operand 2 must be one of {set, array} but got number")),
        .init("json.remove", [json("{\"a\": 1}"), set(json: "[1, 2, 3, \"a\"]")],
              .typeError("operand 2 must be one of {set, array} containing string paths or array of path segments but got number")),
        .init("json.remove", [json("{\"a\": 1}"), json("[\"a\", {\"x\": 1}]")],
              .typeError("operand 2 must be one of {set, array} containing string paths or array of path segments but got object")),
        .init("json.patch", [json("{\"foo\": 1}"), json("{}")], .typeError("operand 2 must be array but got object")),
        .init("json.patch", [.object(RegoObject([("foo", set(json: "[\"a\", \"b\", \"c\"]"))])),
                             json("[{\"op\": \"remove\", \"path\": \"foo/b\"}]")],
              .value(.object(RegoObject([("foo", set(json: "[\"a\", \"c\"]"))])))),
        .init("json.patch", [.object(RegoObject([("foo", set(json: "[\"a\", \"b\", \"c\"]"))])),
                             json("[{\"op\": \"add\", \"path\": \"foo/d\", \"value\": \"d\"}]")],
              .value(.object(RegoObject([("foo", set(json: "[\"a\", \"b\", \"c\", \"d\"]"))])))),
        .init("json.patch", [.object(RegoObject([("foo", set(json: "[\"a\", \"b\"]")), ("bar", set(json: "[\"c\", \"d\"]"))])),
                             json("[{\"op\": \"move\", \"from\": \"foo/a\", \"path\": \"bar/a\"}]")],
              .value(.object(RegoObject([("foo", set(json: "[\"b\"]")), ("bar", set(json: "[\"a\", \"c\", \"d\"]"))])))),
        .init("json.patch", [set(json("[1]")), .array([.object(RegoObject([("op", .str("add")), ("path", .array([json("[1]"), .int(1)])), ("value", .int(2))]))])],
              .value(set(json("[1, 2]")))),
        .init("json.patch", [json("{\"a\": 1}"), json("[{\"op\": \"add\", \"path\": \"/b\", \"value\": 2}, {\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]")],
              .undefined),
    ]

    @Test(arguments: pathCases) func jsonPaths(_ c: BuiltinCase) { c.check() }

    /// The json-patch-tests suite OPA runs: an `error` case must be undefined, an `expected` one
    /// must match, and the rest must merely succeed.
    @Test func jsonPatchSuite() throws {
        let cases = try #require(json(jsonPatchCasesText).arrayValue)
        #expect(cases.count > 100)
        for case .object(let c) in cases {
            let doc = try #require(c["doc"])
            let patch = try #require(c["patch"])
            let got = try call("json.patch", doc, patch)
            if c["error"] != nil {
                #expect(got == nil, "\(c)")
            } else if let expected = c["expected"] {
                #expect(got == expected, "\(c)")
            } else {
                #expect(got != nil, "\(c)")
            }
        }
    }
}
