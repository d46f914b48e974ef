import Rego

/// What a set of `-d` paths contained: Rego modules to compile and the base `data` document.
public struct LoadedPolicy: Sendable {
    /// Rego files in load order, named by their path as found (`policies/authz.rego`).
    public var modules: [SourceFile]
    /// Every JSON and YAML document merged into one object.
    public var data: Value
    /// The data files that contributed to `data`, in load order.
    public var dataFiles: [String]

    public init(modules: [SourceFile] = [], data: Value = .emptyObject, dataFiles: [String] = []) {
        self.modules = modules
        self.data = data
        self.dataFiles = dataFiles
    }
}

extension LoadedPolicy {
    /// Compiles the loaded modules against the loaded data.
    public func compile() throws(RegoError) -> CompiledPolicy {
        try CompiledPolicy(modules: modules, data: data)
    }
}
