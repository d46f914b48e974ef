/// A query or rule body: literals evaluated left to right (after the compiler reorders them for
/// safety), all of which must hold.
public typealias Body = [Literal]

/// One expression of a body, possibly negated and with `with` modifiers.
public struct Literal: Sendable {
    public var kind: Kind
    public var negated: Bool
    public var withModifiers: [WithModifier]
    public var location: SourceLocation

    public init(_ kind: Kind, negated: Bool = false, with modifiers: [WithModifier] = [], at location: SourceLocation) {
        self.kind = kind
        self.negated = negated
        self.withModifiers = modifiers
        self.location = location
    }

    public enum Kind: Sendable {
        /// A term that must be defined and not `false`: a call (comparison, unification `eq`,
        /// assignment `assign`, builtin or function), a ref, or any other term.
        case term(Term)
        /// `some x, y`: declares local variables.
        case some([Term])
        /// `some v in xs` / `some k, v in xs`: iterate, binding or unifying `key` and `value`.
        case someIn(key: Term?, value: Term, collection: Term)
        /// `every v in xs { body }` / `every k, v in xs { body }`.
        case every(key: Term?, value: Term, domain: Term, body: Body)
    }

    /// Source text of the literal, for `opa eval`'s expression `text` field. Set by the parser.
    public var text: String = ""
}

/// `with target as value`: replaces `input…`, `data…` or a function while evaluating one literal.
public struct WithModifier: Sendable {
    public var target: Term
    public var value: Term
    public var location: SourceLocation

    public init(target: Term, value: Term, at location: SourceLocation) {
        self.target = target
        self.value = value
        self.location = location
    }
}
