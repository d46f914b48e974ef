import Testing
@testable import Rego

/// strings.render_template, with OPA's conformance cases (rendertemplate) and Go text/template
/// behaviour for the supported subset.
@Suite struct StringsTemplateTests {
    func render(_ template: String, _ vars: [(String, Value)]) -> String {
        TextBuiltinHarness.outcome("strings.render_template", [.string(template), .object(RegoObject(vars))])
    }

    @Test func conformance() {
        #expect(render("{{.test}}", [("test", .string("hello world"))]) == #""hello world""#)
        #expect(render("{{.test}}", [("test", .int(2023))]) == #""2023""#)
        #expect(render("{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}",
                       [("hellonames", .array([.string("rohan"), .string("john doe")]))]) == #""hello rohan,hello john doe""#)
        #expect(render("{{.testvarnotprovided}}", [("test", .string("hello world"))]) == #""\u003cundefined\u003e""#)
        #expect(render("test {{.foo}} {{.bar}} {{.baz}}", [("baz", .int(1))]) == #""test \u003cundefined\u003e \u003cundefined\u003e 1""#)
    }

    @Test func controlStructures() {
        let vars: [(String, Value)] = [
            ("user", .object(RegoObject([("name", .string("ann")), ("admin", .true)]))),
            ("items", .array([.string("a"), .string("b"), .string("c")])),
            ("empty", .emptyArray),
            ("map", .object(RegoObject([("y", .int(2)), ("x", .int(1))]))),
        ]
        #expect(render("{{if .user.admin}}admin{{else}}user{{end}}", vars) == #""admin""#)
        #expect(render("{{if .missing}}a{{else if .user.name}}{{.user.name}}{{end}}", vars) == #""ann""#)
        #expect(render("{{with .user}}{{.name}}{{end}}", vars) == #""ann""#)
        #expect(render("{{with .missing}}x{{else}}none{{end}}", vars) == #""none""#)
        #expect(render("{{range .items}}[{{.}}]{{end}}", vars) == #""[a][b][c]""#)
        #expect(render("{{range .empty}}x{{else}}empty{{end}}", vars) == #""empty""#)
        #expect(render("{{range $k, $v := .map}}{{$k}}={{$v}};{{end}}", vars) == #""x=1;y=2;""#)
        #expect(render("{{range .items}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", vars) == #""a""#)
        #expect(render("{{range .items}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", vars) == #""ac""#)
        #expect(render("{{$n := len .items}}{{$n}} items", vars) == #""3 items""#)
        #expect(render("{{index .items 1}} {{index .map \"y\"}}", vars) == #""b 2""#)
        #expect(render("{{.items}} {{.map}}", vars) == #""[a b c] map[x:1 y:2]""#)
        #expect(render("{{\"a\" | printf \"%s-%s\" \"b\"}}", vars) == #""b-a""#)
        #expect(render("{{not .user.admin}} {{and .user.admin .missing}} {{or .missing \"d\"}}", vars) == #""false \u003cundefined\u003e d""#)
    }

    @Test func whitespaceAndComments() {
        #expect(render("a  {{- \"b\" -}}  c", []) == #""abc""#)
        #expect(render("a {{/* note */}}b", []) == #""a b""#)
        #expect(render("a\n{{- /* note */ -}}\nb", []) == #""ab""#)
    }

    @Test func errors() {
        #expect(render("{{.a", []).hasPrefix("builtin: template: "))
        #expect(render("{{if .a}}x", []).hasPrefix("builtin: template: "))
        #expect(render("{{nofunc 1}}", []).contains("function \\\"nofunc\\\" not defined") || render("{{nofunc 1}}", []).contains("function \"nofunc\" not defined"))
        #expect(TextBuiltinHarness.outcome("strings.render_template", [.string("x"), .string("y")]) == "type: operand 2 must be object but got string")
    }

    /// Outputs of Go's text/template (go1.19) on the same data decoded with UseNumber.
    static let goOracle: [(String, String)] = [
        ("{{.items}} {{.map}}", "[a b c] map[x:1 y:2]"),
        ("{{if .n}}yes{{else}}no{{end}}", "yes"),  // json.Number "0" is a non-empty string
        ("{{range $i, $e := .items}}{{if $i}},{{end}}{{$e}}{{end}}", "a,b,c"),
        ("{{len .items}} {{len .user.name}} {{len .n}}", "3 3 1"),
        ("{{index .items 1}} {{index .map \"y\"}}", "b 2"),
        ("{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3"),
        ("{{println \"a\" 1}}", "a 1\n"),
        ("{{printf \"%v-%s\" .n .user.name}}", "0-ann"),
        ("{{.user}}", "map[admin:true name:ann]"),
        ("{{.f}}", "1.5"),
        ("{{eq .user.name \"ann\"}} {{ne 1 2}} {{lt 1 2}}", "true true true"),
        ("{{not .z}} {{and 1 0 2}} {{or 0 \"\" \"x\"}}", "true 0 x"),
        ("{{with $x := .user}}{{$x.name}}{{end}}", "ann"),
        ("{{$a := 1}}{{$a = 2}}{{$a}}", "2"),
        ("{{range .map}}{{.}}{{end}}", "12"),
        ("{{.user.name | printf \"%q\"}}", "\"ann\""),
        ("a  {{- 1 -}}  b", "a1b"),
        ("{{range $k, $v := .map}}{{$k}}{{$v}}{{end}}", "x1y2"),
    ]

    @Test(arguments: goOracle)
    func matchesGo(_ template: String, _ expected: String) throws {
        let vars = RegoObject([
            ("user", .object(RegoObject([("name", .string("ann")), ("admin", .true)]))),
            ("items", .array([.string("a"), .string("b"), .string("c")])), ("empty", .emptyArray),
            ("map", .object(RegoObject([("y", .int(2)), ("x", .int(1))]))), ("n", .int(0)), ("z", .string("")),
            ("f", .double(1.5)),
        ])
        let result = try TextBuiltinHarness.call("strings.render_template", [.string(template), .object(vars)])
        #expect(result == .string(expected))
    }
}
