import Testing

@testable import Rego

@Suite struct TypesTests {
    static let samples: [(Value, String)] = [
        (.null, "null"), (.true, "boolean"), (.double(-42.5), "number"), (.str("OPA"), "string"),
        (json("[1]"), "array"), (json("{\"a\": 1}"), "object"), (set(.int(1)), "set"),
    ]
    static let tests = [
        ("is_null", "null"), ("is_boolean", "boolean"), ("is_number", "number"), ("is_string", "string"),
        ("is_array", "array"), ("is_object", "object"), ("is_set", "set"),
    ]

    static var cases: [BuiltinCase] {
        var cases: [BuiltinCase] = []
        for (value, kind) in samples {
            cases.append(.init("type_name", [value], .value(.str(kind))))
            for (name, tested) in tests {
                cases.append(.init(name, [value], .value(.bool(kind == tested))))
            }
        }
        return cases
    }

    @Test(arguments: cases) func kind(_ c: BuiltinCase) { c.check() }
}
