/// Rego v1 parser entry points. Syntax follows OPA 1.x with its default v1 rules: `if` before
/// rule bodies, `contains` for multi-value rules, `in`/`every` always keywords; `import rego.v1`
/// and `import future.keywords…` are accepted and change nothing.
public enum Parser {
    /// Parses a `.rego` file. Errors are `rego_parse_error`s with OPA's messages and positions.
    public static func parseModule(_ source: SourceFile) throws(RegoError) -> Module {
        try run {
            var parser = try RegoParser(text: source.text, file: source.name)
            return try parser.parseModule()
        }
    }

    /// Parses a query such as `x := data.p[_]; x > 1`. Every literal keeps its source text.
    public static func parseQuery(_ text: String, file: String = "query") throws(RegoError) -> Body {
        try run {
            var parser = try RegoParser(text: text, file: file)
            return try parser.parseQueryBody()
        }
    }

    /// Parses exactly one term (an `input_term` such as `{"a": [1, 2]}`). Like OPA's
    /// `ast.ParseTerm`, an expression with an operator or a call at the top is not a term.
    public static func parseTerm(_ text: String, file: String = "term") throws(RegoError) -> Term {
        let body = try parseQuery(text, file: file)
        guard body.count == 1, let literal = body.first else {
            throw RegoError(.parse, "expected exactly one term but got \(body.count)", at: body.first?.location)
        }
        guard case .term(let term) = literal.kind, !literal.negated, literal.withModifiers.isEmpty else {
            throw RegoError(.parse, "expected term but got: \(literal.text)", at: literal.location)
        }
        if case .call = term.kind {
            throw RegoError(.parse, "expected term but got: \(literal.text)", at: literal.location)
        }
        return term
    }

    /// The parser throws untyped internally: a typed error of `RegoError`'s size reserves space in
    /// every frame of the recursive descent, which multiplies stack use per nesting level. Only
    /// `RegoError`s are ever thrown.
    private static func run<Result>(_ parse: () throws -> Result) throws(RegoError) -> Result {
        do {
            return try parse()
        } catch let error as RegoError {
            throw error
        } catch {
            throw RegoError(.parse, "\(error)")
        }
    }
}
