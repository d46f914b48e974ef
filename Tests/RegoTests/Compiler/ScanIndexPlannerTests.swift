import Testing

@testable import Rego

/// Which iterations the planner marks for a scan index, and with what filter.
@Suite struct ScanIndexPlannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var body: String
        /// nil: no site expected.
        var filter: ScanIndexSite.Filter?
        var root: ScanIndexSite.Root = .element
        var field: [String] = []
        /// Over a collection inside each element of an outer iteration.
        var nested = false
        var testDescription: String { body }
    }

    static let cases: [Case] = [
        Case(body: "some p in data.ps; input.b in p.bins", filter: .member, field: ["bins"]),
        Case(body: "some p in data.ps; p.a.b == input.x", filter: .equal, field: ["a", "b"]),
        Case(body: "some p in data.ps; input.x == p.a", filter: .equal, field: ["a"]),
        Case(body: "some p in data.ps; p.a = input.x", filter: .equal, field: ["a"]),
        Case(body: "some h in data.hosts; h == input.host", filter: .equal),
        Case(body: "some k, v in data.m; k == input.k", filter: .equal, root: .key),
        Case(body: "some k, v in data.m; v.kind == \"web\"", filter: .equal, field: ["kind"]),
        Case(body: "x := input.x; some p in data.ps; p.a == x", filter: .equal, field: ["a"]),
        Case(body: "some p in data.ps; some e in p.eps; e.host == input.h", filter: .equal, field: ["host"], nested: true),
        Case(body: "some p in data.ps; some e in p.a.eps; input.h in e.hs", filter: .member, field: ["hs"], nested: true),
        // Not indexable: the filter is not next, compares the element with itself, is not an
        // equality or membership, or the collection is not base data.
        Case(body: "some p in data.ps; true; input.b in p.bins", filter: nil),
        Case(body: "some p in data.ps; p.a == p.b", filter: nil),
        Case(body: "some p in data.ps; p.a != input.x", filter: nil),
        Case(body: "some p in data.ps; p.a == input.x with input as {}", filter: nil),
        Case(body: "some p in input.ps; p.a == input.x", filter: nil),
        Case(body: "some p in data.t.rules; p.a == input.x", filter: nil),
        Case(body: "some p in data.ps; p[input.k] == input.x", filter: nil),
        Case(body: "some p in data.ps; p.a == count(input.x)", filter: nil),
        Case(body: "some [a, b] in data.ps; a == input.x", filter: nil),
        Case(body: "p := data.ps[0]; some e in p.eps; e.host == input.h", filter: nil),
        Case(body: "some p in data.ps; some e in p[input.k]; e.host == input.h", filter: nil),
    ]

    @Test(arguments: cases)
    func marksIndexableIterations(_ c: Case) throws {
        let source = "package t\nrules := [1]\nr if { \(c.body) }"
        let policy = try CompiledPolicy(modules: [SourceFile(name: "t.rego", text: source)])
        let body = try #require(policy.program.root.node(at: ["t", "r"])?.ruleSet?.rules.first?.body)
        let sites = body.compactMap(\.scanIndex)
        guard let filter = c.filter else {
            #expect(sites.isEmpty)
            return
        }
        try #require(sites.count == 1)
        #expect(sites[0].filter == filter)
        #expect(sites[0].root == c.root)
        #expect(sites[0].field == c.field.map { .string($0) })
        switch sites[0].source {
        case .base: #expect(!c.nested)
        case .eachElement(let path, _): #expect(c.nested && path == [.string("ps")])
        }
    }
}
