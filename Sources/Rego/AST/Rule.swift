/// A rule or function definition, with its `else` chain.
public struct Rule: Sendable {
    public var head: RuleHead
    /// Empty for rules without a body (`p := 1`), which always hold.
    public var body: Body
    /// `else [= value] [if] { body }` clauses, tried in order when the body fails.
    public var elseClauses: [ElseClause]
    public var isDefault: Bool
    public var location: SourceLocation

    public init(head: RuleHead, body: Body, elseClauses: [ElseClause] = [], isDefault: Bool = false, at location: SourceLocation) {
        self.head = head
        self.body = body
        self.elseClauses = elseClauses
        self.isDefault = isDefault
        self.location = location
    }
}

/// `ref[key] := value`, `ref contains key`, `f(args) := value`.
public struct RuleHead: Sendable {
    /// The rule's reference relative to its package: `p`, `a.b[x].c` (first element is the name as a
    /// `.scalar(.string)`, then string constants or variable/other terms for bracketed parts).
    public var reference: [Term]
    /// Function parameters; nil for rules that are not functions.
    public var arguments: [Term]?
    /// The `contains` key of a multi-value (partial set) rule.
    public var key: Term?
    /// The value; nil means `true` (`p if { … }`, `p[x] if { … }`).
    public var value: Term?
    /// Written with `:=` rather than `=`.
    public var usesAssignment: Bool
    public var location: SourceLocation

    public init(reference: [Term], arguments: [Term]? = nil, key: Term? = nil, value: Term? = nil, usesAssignment: Bool = false, at location: SourceLocation) {
        self.reference = reference
        self.arguments = arguments
        self.key = key
        self.value = value
        self.usesAssignment = usesAssignment
        self.location = location
    }
}

public struct ElseClause: Sendable {
    /// nil means `true`.
    public var value: Term?
    public var body: Body
    public var location: SourceLocation

    public init(value: Term?, body: Body, at location: SourceLocation) {
        self.value = value
        self.body = body
        self.location = location
    }
}
