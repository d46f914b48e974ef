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
}
