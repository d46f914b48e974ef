/// Small constructors and questions about terms that the parser needs.
extension Term {
    /// A call of a builtin by its dotted name; an operator becomes such a call (`a + b` is
    /// `plus(a, b)`). The call sits where its first operand starts, the function name where the
    /// operator was written, as in OPA.
    static func builtinCall(_ name: String, _ arguments: [Term], at location: SourceLocation,
                            operatorAt operatorLocation: SourceLocation) -> Term {
        Term(.call(function: functionName(name, at: operatorLocation), arguments: arguments), at: location)
    }

    /// `plus` → a variable; `internal.member_2` → the ref `internal.member_2`.
    static func functionName(_ name: String, at location: SourceLocation) -> Term {
        let segments = name.split(separator: ".").map(String.init)
        let head = Term(.variable(segments[0]), at: location)
        guard segments.count > 1 else { return head }
        let path = segments.dropFirst().map { Term(.scalar(.string($0)), at: location) }
        return Term(.ref(head: head, path: path), at: location)
    }

    static let memberName = "internal.member_2"
    static let memberWithKeyName = "internal.member_3"

    /// The operands of `x in xs` (2) or `k, v in xs` (3) when this term is such a call.
    var membershipOperands: [Term]? {
        guard case .call(let function, let arguments) = kind, let path = function.staticPath,
            path.count == 2, path[0] == "internal"
        else { return nil }
        switch (path[1], arguments.count) {
        case ("member_2", 2), ("member_3", 3): return arguments
        default: return nil
        }
    }

    /// The name of the builtin this term calls, when it calls one by a static name.
    var calledFunctionName: String? {
        guard case .call(let function, _) = kind, let path = function.staticPath else { return nil }
        return path.joined(separator: ".")
    }

    /// OPA's `ValueName`, used in messages such as "number cannot be used for rule name".
    var valueName: String {
        switch kind {
        case .scalar(let value):
            switch value {
            case .null: return "null"
            case .bool: return "boolean"
            case .number: return "number"
            default: return "string"
            }
        case .variable(let name): return Term.isRootDocument(name) ? "ref" : "var"
        case .ref: return "ref"
        case .array: return "array"
        case .object: return "object"
        case .set: return "set"
        case .arrayComprehension: return "arraycomprehension"
        case .setComprehension: return "setcomprehension"
        case .objectComprehension: return "objectcomprehension"
        case .call: return "call"
        case .template: return "templatestring"
        }
    }

    /// OPA turns bare `data` and `input` into refs; the AST keeps them as variables, so checks
    /// that depend on "is this a variable" ask here.
    static func isRootDocument(_ name: String) -> Bool { name == "data" || name == "input" }

    /// No variables anywhere (OPA's `IsGround`). A ref's head is not counted, as in OPA.
    var isGround: Bool {
        switch kind {
        case .scalar: return true
        case .variable(let name): return Term.isRootDocument(name)
        case .ref(_, let path): return path.allSatisfy(\.isGround)
        case .array(let items), .set(let items): return items.allSatisfy(\.isGround)
        case .object(let items): return items.allSatisfy { $0.key.isGround && $0.value.isGround }
        case .call(let function, let arguments): return function.isGround && arguments.allSatisfy(\.isGround)
        case .arrayComprehension, .setComprehension, .objectComprehension, .template: return false
        }
    }

    /// Rego-like rendering of a rule head reference for messages (`p`, `a.b[x]`, `f`).
    static func describeReference(_ reference: [Term]) -> String {
        var out = ""
        for (index, element) in reference.enumerated() {
            switch element.kind {
            case .scalar(.string(let name)) where index == 0:
                out += name
            case .scalar(.string(let name)) where name.utf8.allSatisfy({ Lexer.isLetter($0) || Lexer.isDigit($0) }):
                out += "." + name
            case .scalar(let value):
                out += "[\(value.description)]"
            case .variable(let name):
                out += "[\(name)]"
            default:
                out += "[…]"
            }
        }
        return out
    }
}
