/// A compiled rule definition (one `p … if { … }` with its else chain).
final class CRule: Sendable {
    enum Kind: Sendable {
        /// `p := v`: one value at a ground path.
        case complete
        /// `p contains x`: a set at a ground path.
        case multiValue
        /// `p[x] := v`, `p.q[x].r := v`: an object built under the rule's ground prefix.
        case partialObject
        case function
    }

    let kind: Kind
    /// The ground path after `data` where the rule's document lives (`["test", "p"]`).
    let path: [String]
    /// Head reference terms after the ground prefix (object keys of a partial object rule).
    let suffix: [CTerm]
    /// The `contains` key of a multi-value rule.
    let key: CTerm?
    /// The head value (`true` when not written).
    let value: CTerm
    /// Function parameters (patterns bound by unification with the arguments).
    let parameters: [CTerm]
    let body: CBody
    let elseClauses: [(value: CTerm, body: CBody)]
    let frameSize: Int
    let location: SourceLocation
    /// True when `value` is a constant and there is no suffix/key: the first solution settles it.
    let stopsAtFirstSolution: Bool
    /// Positions of parameters unified before the body, and of those compared after it (template
    /// strings such as `f($"{x}")` need the body's bindings first).
    let leadingParameters: [Int]
    let trailingParameters: [Int]

    init(
        kind: Kind, path: [String], suffix: [CTerm], key: CTerm?, value: CTerm, parameters: [CTerm],
        body: CBody, elseClauses: [(value: CTerm, body: CBody)], frameSize: Int, location: SourceLocation
    ) {
        self.kind = kind
        self.path = path
        self.suffix = suffix
        self.key = key
        self.value = value
        self.parameters = parameters
        self.body = body
        self.elseClauses = elseClauses
        self.frameSize = frameSize
        self.location = location
        self.stopsAtFirstSolution = value.isConstant && suffix.isEmpty && key == nil && elseClauses.isEmpty
        var leading: [Int] = []
        var trailing: [Int] = []
        for (i, p) in parameters.enumerated() {
            if case .template = p { trailing.append(i) } else { leading.append(i) }
        }
        self.leadingParameters = leading
        self.trailingParameters = trailing
    }
}

/// All definitions of one rule path, and its default.
final class RuleSet: Sendable {
    /// Dense id: the rule's slot in an evaluation's value cache.
    let id: Int
    let path: [String]
    let kind: CRule.Kind
    let rules: [CRule]
    let defaultRule: CRule?
    /// Rule index: for rules whose body starts with `input.x == constant`, candidates by value.
    let index: RuleIndex?
    /// True when every definition yields the same constant at its first solution (`allow if …`
    /// written many times): once one definition holds, the others cannot conflict or change it.
    let settlesAtFirstDefinition: Bool

    init(id: Int, path: [String], kind: CRule.Kind, rules: [CRule], defaultRule: CRule?, index: RuleIndex?) {
        self.id = id
        self.path = path
        self.kind = kind
        self.rules = rules
        self.defaultRule = defaultRule
        self.index = index
        var constant: Value?
        var uniform = kind == .complete
        for rule in rules where uniform {
            guard rule.stopsAtFirstSolution, case .constant(let v) = rule.value else {
                uniform = false
                break
            }
            if let c = constant, c != v { uniform = false }
            constant = v
        }
        self.settlesAtFirstDefinition = uniform
    }

    var fullName: String { (["data"] + path).joined(separator: ".") }
}

/// The tree of packages and rule paths under `data`.
final class RuleTreeNode: Sendable {
    /// Dense id, the same as the compile-time `PathTree` node's.
    let id: Int
    let children: [String: RuleTreeNode]
    let ruleSet: RuleSet?
    /// Sorted child keys, for deterministic iteration.
    let childKeys: [String]
    /// Path of this node after `data`.
    let path: [String]

    init(id: Int, children: [String: RuleTreeNode], ruleSet: RuleSet?, path: [String]) {
        self.id = id
        self.children = children
        self.ruleSet = ruleSet
        self.path = path
        self.childKeys = children.keys.sorted { Value.compareBytes($0, $1) < 0 }
    }

    func node(at path: some Collection<String>) -> RuleTreeNode? {
        var node: RuleTreeNode? = self
        for p in path { node = node?.children[p] }
        return node
    }

    /// Whether any rule lives at or below this node.
    var hasRules: Bool { ruleSet != nil || !children.isEmpty }
}

/// Everything compiled from the modules: the rule tree and what tools ask of it.
struct Program: Sendable {
    let root: RuleTreeNode
    /// Every node by id (`DataRef` resolutions point here).
    let nodes: [RuleTreeNode]
    let ruleSetCount: Int
    let tree: PathTree
    let functions: [[String]: RuleSet]
    let testRuleNames: [String]
}

/// A compiled query: its body, frame size, and the slots of its named variables.
struct CompiledQuery: Sendable {
    let body: CBody
    let frameSize: Int
    let bindings: [(name: String, slot: Int)]
    /// Per original literal, in source order: the slot holding its value and its text.
    let expressions: [(slot: Int, text: String, location: SourceLocation)]
}
