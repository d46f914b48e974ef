import Foundation
import JSON
import Policy
import Rego
import Testing

@Suite struct DataLoaderTests {
    private func json(_ text: String) throws -> Value { try JSONDecoding.decode(text) }

    @Test func dataFilesLoadAtTheirDirectoryPath() throws {
        let tree = try TemporaryTree([
            "policy.rego": "package p\n",
            "top.json": #"{"top": 1}"#,
            "a/b/data.json": #"{"c": 1}"#,
            "a/b/other.yaml": "d: 2\n",
            "a/b/more.yml": "e: [1, 2]\n",
            "a/notes.txt": "ignored while walking",
            "z/deeper/authz.rego": "package z\n",
        ])
        let loaded = try DataLoader.load([tree.root])
        #expect(loaded.data == (try json(#"{"top": 1, "a": {"b": {"c": 1, "d": 2, "e": [1, 2]}}}"#)))
        #expect(loaded.modules.map(\.name) == [tree.path("policy.rego"), tree.path("z/deeper/authz.rego")])
        #expect(loaded.modules.first?.text == "package p\n")
        #expect(loaded.dataFiles == [tree.path("a/b/data.json"), tree.path("a/b/more.yml"),
                                     tree.path("a/b/other.yaml"), tree.path("top.json")])
    }

    @Test func aFileNamedDirectlyLoadsAtTheRoot() throws {
        let tree = try TemporaryTree(["deep/dir/x.json": #"{"k": true}"#])
        let loaded = try DataLoader.load([tree.path("deep/dir/x.json")])
        #expect(loaded.data == (try json(#"{"k": true}"#)))
    }

    @Test func aDirectoryBelowTheRootNamedDirectlyIsItsOwnRoot() throws {
        let tree = try TemporaryTree(["roles/admins/data.json": #"{"alice": true}"#])
        let loaded = try DataLoader.load([tree.path("roles")])
        #expect(loaded.data == (try json(#"{"admins": {"alice": true}}"#)))
    }

    @Test func prefixPlacesContentUnderData() throws {
        let tree = try TemporaryTree(["d/x.json": #"{"k": 1}"#, "d/sub/y.json": #"{"m": 2}"#])
        let loaded = try DataLoader.load(["org.team:" + tree.path("d")])
        #expect(loaded.data == (try json(#"{"org": {"team": {"k": 1, "sub": {"m": 2}}}}"#)))
    }

    @Test func objectsFromSeveralFilesMergeDeeply() throws {
        let tree = try TemporaryTree([
            "one.json": #"{"users": {"alice": {"role": "admin"}}}"#,
            "two.yaml": "users:\n  alice:\n    team: red\n  bob:\n    role: dev\n",
        ])
        let loaded = try DataLoader.load([tree.path("one.json"), tree.path("two.yaml")])
        let expected = try json(#"{"users": {"alice": {"role": "admin", "team": "red"}, "bob": {"role": "dev"}}}"#)
        #expect(loaded.data == expected)
    }

    @Test func conflictingDefinitionsNameBothFiles() throws {
        let tree = try TemporaryTree([
            "a/x.json": #"{"limit": 1}"#,
            "a/y.json": #"{"limit": 1}"#,  // equal values still conflict, as in OPA
        ])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .mergeConflict)
        #expect(error?.file == tree.path("a/y.json"))
        #expect(error?.otherFile == tree.path("a/x.json"))
        #expect(error?.description.contains("data.a.limit") == true)
        #expect(error?.description.contains(tree.path("a/x.json")) == true)
    }

    @Test func objectVersusScalarConflicts() throws {
        let tree = try TemporaryTree([
            "x.json": #"{"a": {"b": 1}}"#,
            "y.json": #"{"a": "flat"}"#,
        ])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .mergeConflict)
        #expect(error?.otherFile == tree.path("x.json"))
    }

    @Test func aFileDirectlyUnderTheRootMustHoldAnObject() throws {
        let tree = try TemporaryTree(["list.json": "[1, 2]", "nested/sub/list.json": "[3]"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.path("list.json")]) }
        #expect(error?.kind == .notAnObject)
        #expect(error?.description == tree.path("list.json") + ": document must be of type object")
        // Below the root, or under a prefix, the same kind of document has a key to live under.
        let loaded = try DataLoader.load([tree.path("nested"), "x:" + tree.path("list.json")])
        #expect(loaded.data == (try json(#"{"sub": [3], "x": [1, 2]}"#)))
    }

    @Test func jsonSyntaxErrorsCarryLineAndColumn() throws {
        let tree = try TemporaryTree(["bad.json": "{\n  \"a\": [1,\n  }"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .syntax)
        #expect(error?.file == tree.path("bad.json"))
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.description.hasPrefix(tree.path("bad.json") + ":3:3: ") == true)
    }

    @Test func yamlSyntaxErrorsCarryLineAndColumn() throws {
        let tree = try TemporaryTree(["bad.yaml": "a: 1\nb: [1, 2\nc: 3\n"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.root]) }
        #expect(error?.kind == .syntax)
        #expect(error?.file == tree.path("bad.yaml"))
        #expect(error?.line == 3)
        #expect(error?.column != nil)
    }

    @Test func missingPathsAreUnreadable() {
        let error = #expect(throws: LoadError.self) { try DataLoader.load(["/nonexistent/airlock/policy"]) }
        #expect(error?.kind == .unreadable)
        #expect(error?.file == "/nonexistent/airlock/policy")
    }

    @Test func namedFilesOfUnknownTypeAreSniffed() throws {
        let tree = try TemporaryTree([
            "policy.txt": "# comment\n\npackage sniffed\n",
            "values.conf": #"{"conf": 1}"#,
            "settings.cfg": "mode: strict\n",
        ])
        let loaded = try DataLoader.load([tree.path("policy.txt"), tree.path("values.conf"), tree.path("settings.cfg")])
        #expect(loaded.modules.map(\.name) == [tree.path("policy.txt")])
        #expect(loaded.data == (try json(#"{"conf": 1, "mode": "strict"}"#)))
    }

    @Test func bundlesAreRejectedWithAReason() throws {
        let tree = try TemporaryTree(["bundle.tar.gz": "not really"])
        let error = #expect(throws: LoadError.self) { try DataLoader.load([tree.path("bundle.tar.gz")]) }
        #expect(error?.kind == .unsupported)
    }

    @Test func nothingToLoadGivesEmptyData() throws {
        let tree = try TemporaryTree(["readme.md": "# nothing"])
        let loaded = try DataLoader.load([tree.root])
        #expect(loaded.data == .emptyObject)
        #expect(loaded.modules.isEmpty)
    }
}
