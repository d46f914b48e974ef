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
    /// The shape of the rule tree (paths only), for resolving `data` refs while compiling.
    let tree: PathTree

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

/// The paths of all rules and packages, known before any body is compiled. Node ids match the
/// `RuleTreeNode`s built at the end. Immutable once built.
final class PathTree: @unchecked Sendable {
    var children: [String: PathTree] = [:]
    let id: Int
    /// Rules live exactly here.
    var hasRules = false

    init(id: Int) { self.id = id }

    /// Builds the tree of `rulePaths` (marked) and `packages` (unmarked); returns the root and
    /// every node by id.
    static func build(rulePaths: [[String]], packages: [[String]]) -> (PathTree, [PathTree]) {
        let root = PathTree(id: 0)
        var all = [root]
        func node(at path: [String]) -> PathTree {
            var n = root
            for p in path {
                if let next = n.children[p] {
                    n = next
                } else {
                    let next = PathTree(id: all.count)
                    all.append(next)
                    n.children[p] = next
                    n = next
                }
            }
            return n
        }
        for p in packages { _ = node(at: p) }
        for p in rulePaths { node(at: p).hasRules = true }
        return (root, all)
    }
}
