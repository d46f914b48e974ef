/// `strings.render_template`: Go's `text/template` over the template variables as OPA passes
/// them (JSON values: numbers are `json.Number`, i.e. strings to the template engine).
///
/// Supported: text, `{{- -}}` trimming, comments, `.`/`.a.b`/`$`/`$x.a` operands, literals,
/// parenthesised pipelines, `|`, variable declaration and assignment, `if`/`else if`/`else with`,
/// `with`, `range` (with `$i, $e :=`, `else`, `break`, `continue`) and the functions `and`, `or`,
/// `not`, `len`, `index`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `print`, `println`, `printf`.
/// Not supported: `define`/`template`/`block`, method calls. A missing key renders as
/// `<undefined>`, as OPA does.
enum GoTemplate {
    static func render(_ template: String, variables: RegoObject) throws(BuiltinError) -> String {
        do {
            var parser = TemplateParser(Array(template.utf8))
            let nodes = try parser.parse()
            let data = asTemplateData(.object(variables))
            var executor = TemplateExecutor(root: data)
            var out = ""
            try executor.run(nodes, dot: data, into: &out)
            return out
        } catch let error as TemplateError {
            throw .builtin(error.message)
        } catch {
            throw .builtin("template: \(error)")
        }
    }
}

/// OPA decodes numbers as `json.Number`, which Go's templates treat as a string (printed as its
/// text, truthy when non-empty, compared as a string); strings model that exactly. Numbers the
/// template makes itself (literals, `len`, range indexes) stay numbers, i.e. Go ints.
private func asTemplateData(_ v: Value) -> Value {
    switch v {
    case .number(let n): return .string(n.description)
    case .array(let a): return .array(a.map(asTemplateData))
    case .set(let s): return .array(s.sorted.map(asTemplateData))
    case .object(let o): return .object(RegoObject(o.map { ($0.key, asTemplateData($0.value)) }))
    default: return v
    }
}

struct TemplateError: Error {
    let message: String
    init(_ message: String) { self.message = "template: template:\(message)" }
}

// MARK: - Syntax

indirect enum TemplateNode {
    case text(String)
    case action(TemplatePipeline)
    case ifNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case withNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case rangeNode(TemplatePipeline, [TemplateNode], [TemplateNode]?)
    case breakNode
    case continueNode
}

struct TemplatePipeline {
    var variables: [String] = []
    var isAssignment = false
    var commands: [[TemplateOperand]] = []
}

indirect enum TemplateOperand {
    case dot([String])
    case variable(String, [String])
    case function(String)
    case literal(Value)
    case number(String)
    case pipeline(TemplatePipeline, [String])
}

private enum TemplateToken: Equatable {
    case identifier(String)
    case field(String)
    /// A field written right after an operand (`$x.a`, `(…).a`, the `.b` of `.a.b`).
    case chainedField(String)
    case variable(String)
    case string(String)
    case number(String)
    case pipe, leftParen, rightParen, declare, assign, comma, dot
}

private struct TemplateParser {
    let src: [UInt8]
    var pos = 0
    var line = 1
    /// Set when the previous action ended with `-}}`: leading whitespace of the next text goes.
    var trimNextText = false

    init(_ src: [UInt8]) { self.src = src }

    private func err(_ text: String) -> TemplateError { TemplateError("\(line): \(text)") }

    /// Where a list of nodes stopped: `{{end}}` or `{{else …}}` (with the tokens after `else`).
    enum Stop {
        case end
        case elseClause([TemplateToken])
    }

    mutating func parse() throws -> [TemplateNode] {
        let (nodes, stop) = try parseList()
        switch stop {
        case .end?: throw err("unexpected {{end}}")
        case .elseClause?: throw err("unexpected {{else}}")
        case nil: return nodes
        }
    }

    /// The nodes up to a control keyword (`else`, `end`) or the end of input.
    private mutating func parseList() throws -> ([TemplateNode], Stop?) {
        var nodes: [TemplateNode] = []
        while pos < src.count {
            // Text up to the next "{{".
            var end = pos
            while end < src.count && !(src[end] == UInt8(ascii: "{") && end + 1 < src.count && src[end + 1] == UInt8(ascii: "{")) {
                end += 1
            }
            var text = Array(src[pos..<end])
            if trimNextText {
                while let first = text.first, isSpace(first) { text.removeFirst() }
                trimNextText = false
            }
            pos = end
            if pos >= src.count {
                if !text.isEmpty { nodes.append(.text(String(decoding: text, as: UTF8.self))) }
                break
            }
            pos += 2
            if pos + 1 < src.count && src[pos] == UInt8(ascii: "-") && isSpace(src[pos + 1]) {
                while let last = text.last, isSpace(last) { text.removeLast() }
                pos += 1
            }
            line += text.filter { $0 == 10 }.count
            if !text.isEmpty { nodes.append(.text(String(decoding: text, as: UTF8.self))) }

            skipSpaces()
            if pos + 1 < src.count && src[pos] == UInt8(ascii: "/") && src[pos + 1] == UInt8(ascii: "*") {
                try skipComment()
                continue
            }
            let tokens = try lexAction()
            if case .identifier(let keyword) = tokens.first {
                switch keyword {
                case "end":
                    return (nodes, .end)
                case "else":
                    return (nodes, .elseClause(Array(tokens.dropFirst())))
                case "if", "with", "range":
                    nodes.append(try parseControl(keyword, Array(tokens.dropFirst())))
                    continue
                case "break":
                    nodes.append(.breakNode)
                    continue
                case "continue":
                    nodes.append(.continueNode)
                    continue
                case "define", "template", "block":
                    throw err("\(keyword) is not supported")
                default: break
                }
            }
            var index = 0
            nodes.append(.action(try parsePipeline(tokens, &index, allowDeclaration: true)))
            if index != tokens.count { throw err("unexpected \(describe(tokens[index])) in command") }
        }
        return (nodes, nil)
    }

    private mutating func parseControl(_ keyword: String, _ tokens: [TemplateToken]) throws -> TemplateNode {
        var index = 0
        let pipe = try parsePipeline(tokens, &index, allowDeclaration: true)
        if index != tokens.count { throw err("unexpected \(describe(tokens[index])) in \(keyword)") }
        if pipe.commands.isEmpty { throw err("missing value for \(keyword)") }
        let (body, stop) = try parseList()
        var elseBody: [TemplateNode]? = nil
        switch stop {
        case .end?: break
        case .elseClause(let rest)? where rest.isEmpty:
            let (nodes, end) = try parseList()
            guard case .end? = end else { throw err("expected end; found \(end == nil ? "EOF" : "else")") }
            elseBody = nodes
        case .elseClause(let rest)?:
            // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the outer {{end}}.
            guard case .identifier(let nested) = rest[0], nested == "if" || nested == "with" else {
                throw err("unexpected \(describe(rest[0])) in else")
            }
            elseBody = [try parseControl(nested, Array(rest.dropFirst()))]
        case nil:
            throw err("unexpected EOF")
        }
        switch keyword {
        case "if": return .ifNode(pipe, body, elseBody)
        case "with": return .withNode(pipe, body, elseBody)
        default: return .rangeNode(pipe, body, elseBody)
        }
    }

    private func describe(_ t: TemplateToken) -> String {
        switch t {
        case .identifier(let s), .variable(let s), .number(let s): return s
        case .field(let s), .chainedField(let s): return "." + s
        case .string(let s): return GoText.quoted(s)
        case .pipe: return "|"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .declare: return ":="
        case .assign: return "="
        case .comma: return ","
        case .dot: return "."
        }
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private mutating func skipSpaces() {
        while pos < src.count && isSpace(src[pos]) {
            if src[pos] == 10 { line += 1 }
            pos += 1
        }
    }

    private mutating func skipComment() throws {
        pos += 2
        while pos + 1 < src.count && !(src[pos] == UInt8(ascii: "*") && src[pos + 1] == UInt8(ascii: "/")) {
            if src[pos] == 10 { line += 1 }
            pos += 1
        }
        guard pos + 1 < src.count else { throw err("unclosed comment") }
        pos += 2
        try closeAction()
    }

    /// Consumes `}}` or ` -}}` (after optional spaces).
    private mutating func closeAction() throws {
        let before = pos
        skipSpaces()
        if pos + 2 < src.count && src[pos] == UInt8(ascii: "-") && src[pos + 1] == UInt8(ascii: "}")
            && src[pos + 2] == UInt8(ascii: "}") && pos > before
        {
            pos += 3
            trimNextText = true
            return
        }
        guard pos + 1 < src.count, src[pos] == UInt8(ascii: "}"), src[pos + 1] == UInt8(ascii: "}") else {
            throw err("unclosed action")
        }
        pos += 2
    }

    private mutating func lexAction() throws -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        while true {
            let before = pos
            skipSpaces()
            guard pos < src.count else { throw err("unclosed action") }
            let c = src[pos]
            if c == UInt8(ascii: "}") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "}") {
                pos += 2
                break
            }
            if c == UInt8(ascii: "-") && pos > before && pos + 2 < src.count && src[pos + 1] == UInt8(ascii: "}")
                && src[pos + 2] == UInt8(ascii: "}")
            {
                pos += 3
                trimNextText = true
                break
            }
            switch c {
            case UInt8(ascii: "|"): tokens.append(.pipe); pos += 1
            case UInt8(ascii: "("): tokens.append(.leftParen); pos += 1
            case UInt8(ascii: ")"): tokens.append(.rightParen); pos += 1
            case UInt8(ascii: ","): tokens.append(.comma); pos += 1
            case UInt8(ascii: "="): tokens.append(.assign); pos += 1
            case UInt8(ascii: ":"):
                guard pos + 1 < src.count, src[pos + 1] == UInt8(ascii: "=") else { throw err("expected :=") }
                tokens.append(.declare)
                pos += 2
            case UInt8(ascii: "."):
                pos += 1
                let name = word()
                let attached = pos - name.utf8.count - 1 == before && !tokens.isEmpty && chainable(tokens.last!)
                tokens.append(name.isEmpty ? .dot : (attached ? .chainedField(name) : .field(name)))
            case UInt8(ascii: "$"):
                pos += 1
                tokens.append(.variable("$" + word()))
            case UInt8(ascii: "\""):
                tokens.append(.string(try quotedString()))
            case UInt8(ascii: "`"):
                pos += 1
                let start = pos
                while pos < src.count && src[pos] != UInt8(ascii: "`") { pos += 1 }
                guard pos < src.count else { throw err("unterminated raw quoted string") }
                tokens.append(.string(String(decoding: src[start..<pos], as: UTF8.self)))
                pos += 1
            default:
                if (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                    let start = pos
                    pos += 1
                    while pos < src.count, isNumberChar(src[pos]) { pos += 1 }
                    tokens.append(.number(String(decoding: src[start..<pos], as: UTF8.self)))
                } else if isWordStart(c) {
                    tokens.append(.identifier(word()))
                } else {
                    throw err("unexpected \"\(Character(Unicode.Scalar(c)))\" in command")
                }
            }
        }
        return tokens
    }

    private func chainable(_ t: TemplateToken) -> Bool {
        switch t {
        case .field, .chainedField, .variable, .rightParen, .dot: return true
        default: return false
        }
    }

    private func isWordStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private func isNumberChar(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            || c == UInt8(ascii: "x") || c == UInt8(ascii: "_") || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }

    private mutating func word() -> String {
        let start = pos
        while pos < src.count, isWordStart(src[pos]) || (src[pos] >= 48 && src[pos] <= 57) { pos += 1 }
        return String(decoding: src[start..<pos], as: UTF8.self)
    }

    private mutating func quotedString() throws -> String {
        pos += 1
        var out: [UInt8] = []
        while pos < src.count && src[pos] != UInt8(ascii: "\"") {
            if src[pos] == UInt8(ascii: "\\") && pos + 1 < src.count {
                pos += 1
                switch src[pos] {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                default: throw err("invalid syntax")
                }
            } else {
                out.append(src[pos])
            }
            pos += 1
        }
        guard pos < src.count else { throw err("unterminated quoted string") }
        pos += 1
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Pipelines

    private mutating func parsePipeline(_ t: [TemplateToken], _ i: inout Int, allowDeclaration: Bool) throws -> TemplatePipeline {
        var pipe = TemplatePipeline()
        if allowDeclaration {
            // `$x :=`, `$i, $e :=`, `$x =`
            var j = i
            var names: [String] = []
            while j < t.count, case .variable(let v) = t[j] {
                names.append(v)
                j += 1
                if j < t.count, t[j] == .comma { j += 1 } else { break }
            }
            if !names.isEmpty, j < t.count, t[j] == .declare || t[j] == .assign {
                pipe.variables = names
                pipe.isAssignment = t[j] == .assign
                i = j + 1
            }
        }
        var command: [TemplateOperand] = []
        while i < t.count {
            switch t[i] {
            case .pipe:
                if command.isEmpty { throw err("missing command") }
                pipe.commands.append(command)
                command = []
                i += 1
            case .rightParen:
                // The caller consumes the parenthesis.
                if !command.isEmpty { pipe.commands.append(command) }
                return pipe
            default:
                command.append(try parseOperand(t, &i))
            }
        }
        if !command.isEmpty { pipe.commands.append(command) }
        return pipe
    }

    private mutating func parseOperand(_ t: [TemplateToken], _ i: inout Int) throws -> TemplateOperand {
        let token = t[i]
        i += 1
        var operand: TemplateOperand
        switch token {
        case .dot: operand = .dot([])
        case .field(let name): operand = .dot([name])
        case .variable(let name): operand = .variable(name, [])
        case .string(let s): operand = .literal(.string(s))
        case .number(let n): operand = .number(n)
        case .identifier("true"): operand = .literal(.true)
        case .identifier("false"): operand = .literal(.false)
        case .identifier("nil"): operand = .literal(.null)
        case .identifier(let name): operand = .function(name)
        case .leftParen:
            let inner = try parsePipeline(t, &i, allowDeclaration: true)
            guard i < t.count, t[i] == .rightParen else { throw err("unclosed left paren") }
            i += 1
            operand = .pipeline(inner, [])
        default:
            throw err("unexpected \(describe(token)) in operand")
        }
        // Field chains: `.a.b`, `$x.a`, `(…).a`
        while i < t.count, case .chainedField(let name) = t[i] {
            switch operand {
            case .dot(let path): operand = .dot(path + [name])
            case .variable(let v, let path): operand = .variable(v, path + [name])
            case .pipeline(let p, let path): operand = .pipeline(p, path + [name])
            default: throw err("unexpected .\(name)")
            }
            i += 1
        }
        return operand
    }
}

// MARK: - Execution

private struct TemplateExecutor {
    enum Flow: Error { case breakLoop, continueLoop }

    var variables: [(String, Value?)]

    init(root: Value) { variables = [("$", root)] }

    private func err(_ text: String) -> TemplateError { TemplateError("1: executing \"template\": \(text)") }

    mutating func run(_ nodes: [TemplateNode], dot: Value?, into out: inout String) throws {
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        for node in nodes {
            switch node {
            case .text(let s): out += s
            case .action(let pipe):
                let v = try evaluate(pipe, dot: dot)
                if pipe.variables.isEmpty { out += render(v) }
            case .ifNode(let pipe, let body, let elseBody):
                if truth(try evaluate(pipe, dot: dot)) {
                    try run(body, dot: dot, into: &out)
                } else if let elseBody {
                    try run(elseBody, dot: dot, into: &out)
                }
            case .withNode(let pipe, let body, let elseBody):
                let v = try evaluate(pipe, dot: dot)
                if truth(v) {
                    try run(body, dot: v, into: &out)
                } else if let elseBody {
                    try run(elseBody, dot: dot, into: &out)
                }
            case .rangeNode(let pipe, let body, let elseBody):
                try range(pipe, body, elseBody, dot: dot, into: &out)
            case .breakNode: throw Flow.breakLoop
            case .continueNode: throw Flow.continueLoop
            }
        }
    }

    private mutating func range(
        _ pipe: TemplatePipeline, _ body: [TemplateNode], _ elseBody: [TemplateNode]?, dot: Value?,
        into out: inout String
    ) throws {
        var declaration = pipe
        declaration.variables = []
        let collection = try evaluate(declaration, dot: dot)
        var items: [(Value, Value)] = []
        switch collection {
        case .array(let a)?: items = a.enumerated().map { (.int($0.offset), $0.element) }
        case .set(let s)?: items = s.sorted.enumerated().map { (.int($0.offset), $0.element) }
        case .object(let o)?: items = o.map { ($0.key, $0.value) }
        case nil, .null?: break
        case let v?: throw err("range can't iterate over \(render(v))")
        }
        if items.isEmpty {
            if let elseBody { try run(elseBody, dot: dot, into: &out) }
            return
        }
        for (key, element) in items {
            let mark = variables.count
            switch pipe.variables.count {
            case 1: variables.append((pipe.variables[0], element))
            case 2:
                variables.append((pipe.variables[0], key))
                variables.append((pipe.variables[1], element))
            default: break
            }
            defer { variables.removeSubrange(mark...) }
            do {
                try run(body, dot: element, into: &out)
            } catch Flow.breakLoop {
                break
            } catch Flow.continueLoop {
                continue
            }
        }
    }

    private mutating func evaluate(_ pipe: TemplatePipeline, dot: Value?) throws -> Value? {
        var result: Value? = nil
        var first = true
        for command in pipe.commands {
            result = try evaluateCommand(command, dot: dot, piped: first ? .none : .some(result))
            first = false
        }
        if !pipe.variables.isEmpty {
            if pipe.isAssignment {
                guard let index = variables.lastIndex(where: { $0.0 == pipe.variables[0] }) else {
                    throw err("undefined variable: \(pipe.variables[0])")
                }
                variables[index].1 = result
            } else {
                variables.append((pipe.variables[0], result))
            }
        }
        return result
    }

    /// `piped` is the previous command's value (appended as the last argument).
    private mutating func evaluateCommand(_ operands: [TemplateOperand], dot: Value?, piped: Value??) throws -> Value? {
        guard let head = operands.first else { throw err("empty command") }
        if case .function(let name) = head {
            let args = operands.dropFirst()
            var values: [Value?] = []
            if name == "and" || name == "or" {
                // Short-circuit, returning the deciding operand.
                var last: Value? = nil
                let all = args.count + (piped == nil ? 0 : 1)
                if all == 0 { throw err("wrong number of args for \(name): want at least 1 got 0") }
                for a in args {
                    last = try operand(a, dot: dot)
                    if truth(last) != (name == "and") { return last }
                }
                if let p = piped {
                    last = p
                }
                return last
            }
            for a in args { values.append(try operand(a, dot: dot)) }
            if let p = piped { values.append(p) }
            return try call(name, values)
        }
        if operands.count > 1 || piped != nil {
            throw err("can't give argument to non-function \(describe(head))")
        }
        return try operand(head, dot: dot)
    }

    private func describe(_ o: TemplateOperand) -> String {
        switch o {
        case .dot(let path): return path.isEmpty ? "." : path.map { "." + $0 }.joined()
        case .variable(let v, let path): return v + path.map { "." + $0 }.joined()
        case .literal(let v): return v.description
        case .number(let n): return n
        case .function(let f): return f
        case .pipeline: return "(…)"
        }
    }

    private mutating func operand(_ o: TemplateOperand, dot: Value?) throws -> Value? {
        switch o {
        case .dot(let path): return try follow(dot, path)
        case .variable(let name, let path):
            guard let entry = variables.last(where: { $0.0 == name }) else { throw err("undefined variable: \(name)") }
            return try follow(entry.1, path)
        case .literal(let v): return v
        case .number(let text):
            guard let n = Number(literal: text) else { throw err("illegal number syntax: \(text)") }
            return .number(n)
        case .function(let name): return try call(name, [])
        case .pipeline(let p, let path): return try follow(try evaluate(p, dot: dot), path)
        }
    }

    private func follow(_ value: Value?, _ path: [String]) throws -> Value? {
        var current = value
        for name in path {
            switch current {
            case .object(let o)?: current = o[name]
            case nil, .null?: return nil
            case let v?: throw err("can't evaluate field \(name) in type \(goType(v))")
            }
        }
        return current
    }

    private func goType(_ v: Value) -> String {
        switch v {
        case .string: return "string"
        case .number: return "json.Number"
        case .bool: return "bool"
        case .array, .set: return "[]interface {}"
        case .object: return "map[string]interface {}"
        case .null: return "interface {}"
        }
    }

    // MARK: Functions

    private func call(_ name: String, _ args: [Value?]) throws -> Value? {
        func arity(_ n: Int) throws {
            if args.count != n { throw err("wrong number of args for \(name): want \(n) got \(args.count)") }
        }
        switch name {
        case "not":
            try arity(1)
            return .bool(!truth(args[0]))
        case "len":
            try arity(1)
            switch args[0] {
            case .string(let s)?: return .int(s.utf8.count)
            case .array(let a)?: return .int(a.count)
            case .set(let s)?: return .int(s.count)
            case .object(let o)?: return .int(o.count)
            default: throw err("error calling len: len of type \(args[0].map(goType) ?? "<nil>")")
            }
        case "index":
            guard var current = args.first else { throw err("wrong number of args for index: want at least 1 got 0") }
            for key in args.dropFirst() {
                switch (current, key) {
                case (.array(let a)?, .number(let n)?):
                    guard let i = n.intValue, i >= 0, i < a.count else {
                        throw err("error calling index: index out of range: \(n)")
                    }
                    current = a[i]
                case (.object(let o)?, .string?): current = o[key!]
                case (nil, _), (.null?, _): throw err("error calling index: index of untyped nil")
                default: throw err("error calling index: cannot index slice/array with type \(key.map(goType) ?? "nil")")
                }
            }
            return current
        case "eq", "ne", "lt", "le", "gt", "ge":
            if name == "eq" {
                guard args.count >= 2 else { throw err("wrong number of args for eq: want at least 1 got \(args.count)") }
                for other in args.dropFirst() where try compare(args[0], other, name) == 0 { return .true }
                return .false
            }
            try arity(2)
            let c = try compare(args[0], args[1], name)
            switch name {
            case "ne": return .bool(c != 0)
            case "lt": return .bool(c < 0)
            case "le": return .bool(c <= 0)
            case "gt": return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case "print", "println":
            var s = ""
            var previousString = false
            for (k, a) in args.enumerated() {
                let isString: Bool
                if case .string? = a { isString = true } else { isString = false }
                if k > 0 && (name == "println" || (!isString && !previousString)) { s += " " }
                s += render(a)
                previousString = isString
            }
            if name == "println" { s += "\n" }
            return .string(s)
        case "printf":
            guard case .string(let format)? = args.first else { throw err("wrong type for value; expected string") }
            return .string(GoFormatter.sprintf(format, args.dropFirst().map { FormatArgument($0 ?? .null) }))
        default:
            throw err("function \"\(name)\" not defined")
        }
    }

    /// Go's basic comparisons: data numbers are json.Number (strings), literals are numbers.
    private func compare(_ a: Value?, _ b: Value?, _ name: String) throws -> Int {
        switch (a, b) {
        case (.string(let x)?, .string(let y)?): return Value.compareBytes(x, y)
        case (.bool(let x)?, .bool(let y)?) where name == "eq" || name == "ne": return x == y ? 0 : 1
        case (.number(let x)?, .number(let y)?): return x == y ? 0 : (x < y ? -1 : 1)
        default: throw err("error calling \(name): incompatible types for comparison")
        }
    }

    // MARK: Values

    private func truth(_ v: Value?) -> Bool {
        switch v {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .string(let s)?: return !s.isEmpty
        case .number(let n)?: return n != .zero
        case .array(let a)?: return !a.isEmpty
        case .set(let s)?: return !s.isEmpty
        case .object(let o)?: return !o.isEmpty
        }
    }

    /// `fmt.Print` of the Go value OPA hands to the template.
    private func render(_ v: Value?) -> String {
        guard let v else { return "<undefined>" }
        switch v {
        case .null: return "<nil>"
        case .string(let s): return s
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return "[" + a.map { render($0) }.joined(separator: " ") + "]"
        case .set(let s): return "[" + s.map { render($0) }.joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.map { "\(render($0.key)):\(render($0.value))" }.joined(separator: " ") + "]"
        }
    }
}
