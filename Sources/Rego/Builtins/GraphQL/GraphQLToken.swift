/// Namespace for Airlock's GraphQL support: the lexer, the parsers for executable documents and
/// schema definition language, the schema builder and the query validator behind OPA's
/// `graphql.*` builtins. Behaviour follows gqlparser (v2), the Go library OPA embeds, including
/// its error wording and positions, because OPA's results and messages come from it.
enum GraphQL {}

extension GraphQL {
    /// A 1-based line and column in the source text, counted in Unicode scalars as gqlparser
    /// counts runes.
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    enum TokenKind: Equatable {
        case invalid, eof, bang, dollar, amp, parenL, parenR, spread, colon, equals, at
        case bracketL, bracketR, braceL, braceR, pipe, name, int, float, string, blockString

        /// The spelling gqlparser uses in its messages (`Expected Name, found <EOF>`).
        var name: String {
            switch self {
            case .invalid: return "<Invalid>"
            case .eof: return "<EOF>"
            case .bang: return "!"
            case .dollar: return "$"
            case .amp: return "&"
            case .parenL: return "("
            case .parenR: return ")"
            case .spread: return "..."
            case .colon: return ":"
            case .equals: return "="
            case .at: return "@"
            case .bracketL: return "["
            case .bracketR: return "]"
            case .braceL: return "{"
            case .braceR: return "}"
            case .pipe: return "|"
            case .name: return "Name"
            case .int: return "Int"
            case .float: return "Float"
            case .string: return "String"
            case .blockString: return "BlockString"
            }
        }
    }

    struct Token {
        var kind: TokenKind
        /// The token's text: names and numbers as written, strings decoded, punctuation empty.
        var value: String
        var position: Position

        /// gqlparser's description of a token: its kind, then its quoted value if it has one.
        var description: String {
            value.isEmpty ? kind.name : kind.name + " " + GoText.quote(value)
        }
    }

    /// A failure with gqlparser's message and, when known, where it happened. `file` is the
    /// source name gqlparser prints first (`input` for text without a name).
    struct Failure: Error {
        var message: String
        var position: Position?

        init(_ message: String, at position: Position?) {
            self.message = message
            self.position = position
        }

        /// `input:LINE:COLUMN: message`, as gqlerror's `Error()` spells it.
        var goText: String {
            guard let position else { return "input: " + message }
            return "input:\(position.line):\(position.column): " + message
        }
    }
}
