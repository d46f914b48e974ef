/// What a body needs to know about the module it is in to resolve names.
struct ModuleContext: Sendable {
    let package: [String]
    /// Bound name → full imported path (`["data", "lib"]`, `["input", "x"]`).
    let imports: [String: [String]]
    /// First segments of every rule of this package (across its modules).
    let ruleNames: Set<String>
    /// Every function path (after `data`) in the program, with its arity.
    let functionArity: [[String]: Int]
    let file: String

    /// Whether `name` names something other than a local variable.
    func isGlobalName(_ name: String) -> Bool {
        name == "input" || name == "data" || imports[name] != nil || ruleNames.contains(name)
    }

    /// The full path (`data…` or `input…`) a global name stands for.
    func globalPath(_ name: String) -> [String]? {
        if name == "input" || name == "data" { return [name] }
        if let path = imports[name] { return path }
        if ruleNames.contains(name) { return ["data"] + package + [name] }
        return nil
    }
}
