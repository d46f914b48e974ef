/// The compiled form the evaluator runs: variables are frame slots, names are resolved to data
/// paths, builtins or functions, and bodies are ordered so every literal's inputs are bound.

/// A compiled term.
indirect enum CTerm: Sendable {
    case constant(Value)
    /// A variable: an index into the current frame.
    case local(Int)
    case input
    /// A ref rooted at `data`: path elements after `data` (constants or terms), resolved against
    /// the rule tree at compile time where its constant prefix allows.
    case data(DataRef)
    /// A ref on any other head (a local, a call, a composite, `input`).
    case ref(CTerm, [CTerm])
    case array([CTerm])
    case object([(key: CTerm, value: CTerm)])
    case set([CTerm])
    case arrayComprehension(CTerm, CBody)
    case setComprehension(CTerm, CBody)
    case objectComprehension(CTerm, CTerm, CBody)
    case call(Callee, [CTerm], location: SourceLocation)
    case template([CTemplatePart], location: SourceLocation)

    var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}

/// A compiled `data…` ref and what its constant prefix resolves to.
final class DataRef: Sendable {
    enum Resolution: Sendable {
        /// The constant prefix reaches rules at `node` after `consumed` path elements.
        case rules(node: Int, consumed: Int)
        /// The constant prefix leaves the rule tree: only base data lies below.
        case base
        /// Decided while evaluating (a variable before any rule or the end of the tree).
        case dynamic
    }

    let path: [CTerm]
    let resolution: Resolution

    init(path: [CTerm], resolution: Resolution) {
        self.path = path
        self.resolution = resolution
    }
}

enum CTemplatePart: Sendable {
    case text(String)
    case term(CTerm)
    /// An expression under `with` modifiers, compiled as a literal reporting into a slot.
    case literal(CLiteral)
}

/// What a call invokes.
enum Callee: Sendable {
    case builtin(Builtin)
    /// A user function: its full path after `data` (looked up in the rule tree at run time so
    /// `with` can replace it).
    case function([String])
    /// Calls the evaluator implements itself: unification, assignment, membership, `print`,
    /// `walk` and friends that need to bind variables or see the evaluation context.
    case special(SpecialCall)

    var name: String {
        switch self {
        case .builtin(let b): return b.name
        case .function(let path): return (["data"] + path).joined(separator: ".")
        case .special(let s): return s.rawValue
        }
    }
}

enum SpecialCall: String, Sendable {
    case eq
    case assign
    case member2 = "internal.member_2"
    case member3 = "internal.member_3"
    case print
    case walk
    case equal
    case neq
    case lt
    case lte
    case gt
    case gte
}

/// A compiled literal. A class so that evaluating a body passes references, not copies.
final class CLiteral: Sendable {
    enum Kind: Sendable {
        case term(CTerm)
        /// `some` declarations compile to nothing but fresh slots; kept so results count right.
        case noop
        case someIn(key: CTerm?, value: CTerm, collection: CTerm)
        case every(key: CTerm?, value: CTerm, domain: CTerm, body: CBody, locals: [Int])
        case not(CBody)
    }

    let kind: Kind
    let with: [CWith]
    let location: SourceLocation
    /// Slot receiving the literal's value (for query expression results), or -1.
    let resultSlot: Int
    /// A top-level query expression that is a plain term (`data.authz.allow`): its value is the
    /// result even when it is `false`, as `opa eval` reports it.
    let reportsValue: Bool
    /// For a `some … in` over base data whose next literal filters the element: how to visit only
    /// the elements that can pass the filter (see `ScanIndexPlanner`).
    let scanIndex: ScanIndexSite?

    init(
        kind: Kind, with: [CWith], location: SourceLocation, resultSlot: Int = -1, reportsValue: Bool = false,
        scanIndex: ScanIndexSite? = nil
    ) {
        self.kind = kind
        self.with = with
        self.location = location
        self.resultSlot = resultSlot
        self.reportsValue = reportsValue
        self.scanIndex = scanIndex
    }

    /// The same literal reporting into a query result slot.
    func reporting(into slot: Int, value: Bool) -> CLiteral {
        CLiteral(
            kind: kind, with: with, location: location, resultSlot: slot, reportsValue: value, scanIndex: scanIndex)
    }

    /// The same literal, visiting its elements through `site`.
    func indexed(by site: ScanIndexSite) -> CLiteral {
        CLiteral(
            kind: kind, with: with, location: location, resultSlot: resultSlot, reportsValue: reportsValue,
            scanIndex: site)
    }
}

typealias CBody = [CLiteral]

/// A compiled `with`: what is replaced and by what.
struct CWith: Sendable {
    enum Target: Sendable {
        /// `input` or `input.a.b`.
        case input([String])
        /// `data.a.b` (base or virtual document).
        case data([String])
        /// A builtin or user function, by name, replaced by a function path or a value.
        case function(String)
    }
    var target: Target
    var value: CTerm
    /// For function targets: the replacement when it is itself a function or builtin.
    var replacement: Callee?
}
