/// One parsed `.rego` file.
public struct Module: Sendable {
    /// The package path without the `data` prefix: `package a.b` → `["a", "b"]`.
    public var package: [String]
    public var imports: [Import]
    public var rules: [Rule]
    public var file: String
    public var location: SourceLocation

    public init(package: [String], imports: [Import], rules: [Rule], file: String, at location: SourceLocation) {
        self.package = package
        self.imports = imports
        self.rules = rules
        self.file = file
        self.location = location
    }
}

/// `import data.x.y [as z]`, `import input.a`, `import rego.v1`, `import future.keywords.in`.
public struct Import: Sendable {
    /// The imported path as written: `["data", "x", "y"]`.
    public var path: [String]
    public var alias: String?
    public var location: SourceLocation

    public init(path: [String], alias: String?, at location: SourceLocation) {
        self.path = path
        self.alias = alias
        self.location = location
    }

    /// The name the import binds in the module: the alias or the last path element.
    public var boundName: String { alias ?? path.last ?? "" }
}
