/// One lexical token of Rego source. Tokens do not own text: `start..<end` are UTF-8 byte offsets
/// into the lexer's buffer, so scanning allocates nothing until the parser asks for a value.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case eof
        case identifier
        case keyword(Keyword)
        /// Digits as OPA scans them (`12`, `1.5`, `1e3`); the sign is a separate `-` symbol.
        case number
        /// `"…"` with escapes already validated; decoded by the parser.
        case string
        /// `` `…` `` taken verbatim.
        case rawString
        /// A piece of `$"…"` (or `` $`…` `` when `raw`): from its opening delimiter (`$"` or the `}`
        /// that closed an expression) up to and including `{` (more follows) or the closing quote
        /// (`last`).
        case templatePart(raw: Bool, last: Bool)
        case symbol(Symbol)
    }

    var kind: Kind
    var start: Int
    var end: Int
    var line: Int
    var column: Int
    /// Whitespace or a comment separates this token from the previous one. Refs and calls only
    /// continue across adjacent tokens (`a[0]` is a ref, `a [0]` is not), as in OPA.
    var followsSpace: Bool
    /// A line break separates this token from the previous one; a newline ends a body literal.
    var followsNewline: Bool

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }

    /// The token as OPA names it in "unexpected … token" messages.
    var description: String {
        switch kind {
        case .eof: return "eof token"
        case .identifier: return "identifier token"
        case .keyword(let keyword): return "\(keyword.rawValue) keyword"
        case .number: return "number token"
        case .string, .rawString: return "string token"
        case .templatePart(_, let last): return last ? "template-string-end token" : "template-string-part token"
        case .symbol(let symbol): return "\(symbol.name) token"
        }
    }
}

/// Rego v1 keywords (OPA 1.x activates `in`, `every`, `contains` and `if` without imports).
enum Keyword: String, CaseIterable, Sendable {
    case package, `import`, `as`, `default`, `else`, not, some, with, null, `true`, `false`
    case `in`, every, contains, `if`

    private static let spellings: [(Keyword, [UInt8])] = allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// The keyword spelled by `bytes[start..<end]`, if any. Compares bytes: no string is built.
    static func lookup(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Keyword? {
        let length = end - start
        guard length >= 2, length <= 8 else { return nil }
        let first = bytes[start]
        for (keyword, spelling) in spellings where spelling.count == length && spelling[0] == first {
            var index = 1
            while index < length, spelling[index] == bytes[start + index] { index += 1 }
            if index == length { return keyword }
        }
        return nil
    }
}

/// Punctuation and operators.
enum Symbol: Sendable {
    case leftBracket, rightBracket, leftBrace, rightBrace, leftParen, rightParen
    case comma, colon, semicolon, dot
    case plus, minus, star, slash, percent, ampersand, bar
    case unify, equal, assign, notEqual, less, lessEqual, greater, greaterEqual

    /// OPA's token name, which for operators is also the builtin the operator calls
    /// (`+` is `plus`, `=` is `eq`, `:=` is `assign`, `|` is `or`).
    var name: String {
        switch self {
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .plus: return "plus"
        case .minus: return "minus"
        case .star: return "mul"
        case .slash: return "div"
        case .percent: return "rem"
        case .ampersand: return "and"
        case .bar: return "or"
        case .unify: return "eq"
        case .equal: return "equal"
        case .assign: return "assign"
        case .notEqual: return "neq"
        case .less: return "lt"
        case .lessEqual: return "lte"
        case .greater: return "gt"
        case .greaterEqual: return "gte"
        }
    }

    /// Binding strength of infix operators below `in` (higher binds tighter), following OPA's
    /// parseTermRelation < parseTermOr < parseTermAnd < parseTermArith < parseTermFactor.
    var infixPrecedence: Int? {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 1
        case .bar: return 2
        case .ampersand: return 3
        case .plus, .minus: return 4
        case .star, .slash, .percent: return 5
        default: return nil
        }
    }
}
