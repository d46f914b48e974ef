import Rego

/// `data.airlock.decision`: allowed or not, the policy it is about, why, and hints for the fix.
public struct Decision: Sendable, Hashable {
    public var allow: Bool
    public var policy: String?
    public var reason: String
    public var hints: [String]

    public init(allow: Bool, policy: String? = nil, reason: String, hints: [String] = []) {
        self.allow = allow
        self.policy = policy
        self.reason = reason
        self.hints = hints
    }

    /// Reads the rules' answer. Anything but the documented shape is a denial that says what the
    /// rules produced instead: a broken custom rule must never open the door.
    public init(value: Value?) {
        guard let value else {
            self = .denied("denied: data.airlock.decision is undefined for these facts (the rules have no default)")
            return
        }
        guard case .object(let object) = value, case .bool(let allow)? = object["allow"],
            case .string(let reason)? = object["reason"]
        else {
            self = .denied("denied: data.airlock.decision is not {allow: bool, reason: string, …}: \(value.jsonText())")
            return
        }
        var policy: String? = nil
        if case .string(let name)? = object["policy"] { policy = name }
        var hints: [String] = []
        if case .array(let items)? = object["hints"] {
            hints = items.map { $0.stringValue ?? $0.jsonText() }
        }
        self.init(allow: allow, policy: policy, reason: reason, hints: hints)
    }

    public static func denied(_ reason: String) -> Decision { Decision(allow: false, reason: reason) }

    /// `{"allow", "policy", "reason", "hints"}` as the rules produce it.
    public var value: Value {
        .object(RegoObject([
            ("allow", .bool(allow)),
            ("policy", policy.map(Value.string) ?? .null),
            ("reason", .string(reason)),
            ("hints", .array(hints.map(Value.string))),
        ]))
    }
}
