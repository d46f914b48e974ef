/// A term as written in source: the building block of expressions, rule heads and queries.
public struct Term: Sendable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public indirect enum Kind: Sendable {
        /// A scalar literal: null, boolean, number or string (composite literals are the cases
        /// below, since they may contain variables).
        case scalar(Value)
        /// A variable, including the roots `data` and `input` and the wildcard `_`.
        case variable(String)
        /// `head.a[x]["b"]`: a head term (variable, call, or composite) and its path. Each dotted
        /// segment becomes a `.scalar(.string)` path element.
        case ref(head: Term, path: [Term])
        case array([Term])
        case object([ObjectItem])
        case set([Term])
        case arrayComprehension(head: Term, body: Body)
        case setComprehension(head: Term, body: Body)
        case objectComprehension(key: Term, value: Term, body: Body)
        /// A call `f(a, b)`. `function` is a variable or ref naming a builtin or user function
        /// (`count`, `strings.replace_n`, `data.lib.f`, `lib.f`). Operators are calls too, with
        /// OPA's builtin names: `a + b` is `plus(a, b)`, `a == b` is `equal(a, b)`, `a = b` is
        /// `eq(a, b)`, `a := b` is `assign(a, b)`, `x in xs` is `internal.member_2(x, xs)`,
        /// `k, v in xs` is `internal.member_3(k, v, xs)`, `-x` is `minus(0, x)`.
        case call(function: Term, arguments: [Term])
        /// `$"text {expr} text"` string interpolation: literal parts and expression parts in order.
        case template([TemplatePart])
    }

    public struct ObjectItem: Sendable {
        public var key: Term
        public var value: Term
        public init(key: Term, value: Term) {
            self.key = key
            self.value = value
        }
    }

    public enum TemplatePart: Sendable {
        case text(String)
        case expression(Term)
        /// `{term with target as value …}`: an expression evaluated under `with` modifiers.
        case modified(Term, with: [WithModifier])
    }
}

extension Term {
    /// The variable name when this term is a plain variable.
    public var variableName: String? {
        if case .variable(let name) = kind { return name }
        return nil
    }

    /// For a ref (or a bare variable, a ref of length one) whose segments are all a variable head
    /// followed by string constants, the dotted path `["data", "lib", "f"]`. Nil otherwise.
    public var staticPath: [String]? {
        switch kind {
        case .variable(let name): return [name]
        case .ref(let head, let path):
            guard case .variable(let root) = head.kind else { return nil }
            var out = [root]
            for p in path {
                guard case .scalar(.string(let s)) = p.kind else { return nil }
                out.append(s)
            }
            return out
        default: return nil
        }
    }
}
