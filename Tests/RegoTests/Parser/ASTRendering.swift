@testable import Rego

/// A compact, unambiguous rendering of parsed ASTs for assertions: operators appear as the calls
/// they become (`plus(1, mul(2, 3))`), so a test states the exact tree in one readable string.
enum ASTRendering {
    static func render(_ term: Term) -> String {
        switch term.kind {
        case .scalar(let value):
            return value.description
        case .variable(let name):
            return name
        case .ref(let head, let path):
            return render(head) + path.map(renderPathElement).joined()
        case .array(let items):
            return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let items):
            return "{" + items.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
        case .set(let items):
            return items.isEmpty ? "set()" : "{" + items.map(render).joined(separator: ", ") + "}"
        case .arrayComprehension(let head, let body):
            return "[\(render(head)) | \(render(body))]"
        case .setComprehension(let head, let body):
            return "{\(render(head)) | \(render(body))}"
        case .objectComprehension(let key, let value, let body):
            return "{\(render(key)): \(render(value)) | \(render(body))}"
        case .call(let function, let arguments):
            return render(function) + "(" + arguments.map(render).joined(separator: ", ") + ")"
        case .template(let parts):
            let inner = parts.map { part -> String in
                switch part {
                case .text(let text): return text
                case .expression(let term): return "{\(render(term))}"
                case .modified(let term, let modifiers):
                    let withs = modifiers.map { " with \(render($0.target)) as \(render($0.value))" }.joined()
                    return "{\(render(term))\(withs)}"
                }
            }
            return "$\"" + inner.joined() + "\""
        }
    }

    private static func renderPathElement(_ element: Term) -> String {
        if case .scalar(.string(let name)) = element.kind, let first = name.utf8.first,
            Lexer.isLetter(first), name.utf8.allSatisfy({ Lexer.isLetter($0) || Lexer.isDigit($0) })
        {
            return "." + name
        }
        return "[" + render(element) + "]"
    }

    static func render(_ body: Body) -> String {
        body.map(render).joined(separator: "; ")
    }

    static func render(_ literal: Literal) -> String {
        var out = literal.negated ? "not " : ""
        switch literal.kind {
        case .term(let term):
            out += render(term)
        case .some(let variables):
            out += "some " + variables.map(render).joined(separator: ", ")
        case .someIn(let key, let value, let collection):
            out += "some " + (key.map { render($0) + ", " } ?? "") + render(value) + " in " + render(collection)
        case .every(let key, let value, let domain, let body):
            out += "every " + (key.map { render($0) + ", " } ?? "") + render(value) + " in " + render(domain)
                + " { " + render(body) + " }"
        }
        for modifier in literal.withModifiers {
            out += " with \(render(modifier.target)) as \(render(modifier.value))"
        }
        return out
    }

    /// `p[x] := v if { … } else := w`, with the reference, arguments, key and value made explicit.
    static func render(_ rule: Rule) -> String {
        let head = rule.head
        var out = rule.isDefault ? "default " : ""
        out += head.reference.enumerated().map { index, element in
            if index == 0, case .scalar(.string(let name)) = element.kind { return name }
            return renderPathElement(element)
        }.joined()
        if let arguments = head.arguments { out += "(" + arguments.map(render).joined(separator: ", ") + ")" }
        if let key = head.key { out += " contains " + render(key) }
        if let value = head.value { out += (head.usesAssignment ? " := " : " = ") + render(value) }
        if !rule.body.isEmpty { out += " if { " + render(rule.body) + " }" }
        for clause in rule.elseClauses {
            out += " else"
            if let value = clause.value { out += " := " + render(value) }
            if !clause.body.isEmpty { out += " if { " + render(clause.body) + " }" }
        }
        return out
    }
}
