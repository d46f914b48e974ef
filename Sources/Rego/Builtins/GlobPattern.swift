/// A parsed `glob.match` pattern, following github.com/gobwas/glob v0.2.3 (what OPA uses):
/// `*` any run without separators, `**` any run, `?` one non-separator, `[abc]`/`[!abc]` and
/// `[a-z]`/`[!a-z]` one character (separators included), `{a,b}` alternatives, `\` escapes.
/// Errors carry that library's messages ("unexpected end of input", "could not parse range", …).
indirect enum GlobNode: Equatable {
    case text([Unicode.Scalar])
    case any
    case superAny
    case single
    case list([Unicode.Scalar], negated: Bool)
    case range(Unicode.Scalar, Unicode.Scalar, negated: Bool)
    case alternatives([[GlobNode]])
}

enum GlobPattern {
    struct SyntaxError: Error, Equatable {
        let message: String
    }

    static func parse(_ pattern: String) throws(SyntaxError) -> [GlobNode] {
        var parser = Parser(lexer: Lexer(Array(pattern.unicodeScalars)))
        return try parser.parse()
    }

    // MARK: - Lexer (gobwas/glob syntax/lexer)

    enum Token: Equatable {
        case eof
        case error(String)
        case text([Unicode.Scalar])
        case any, superAny, single, not, separator
        case rangeOpen, rangeClose, rangeBetween
        case rangeLo(Unicode.Scalar), rangeHi(Unicode.Scalar)
        case termsOpen, termsClose
    }

    struct Lexer {
        private let data: [Unicode.Scalar]
        private var pos = 0
        private var error: String? = nil
        private var queue: [Token] = []
        private var termsLevel = 0

        init(_ data: [Unicode.Scalar]) { self.data = data }

        /// The library reads U+0000 as end of input and rejects U+FFFD (its decoding-error rune).
        private mutating func peek() -> Unicode.Scalar? {
            guard pos < data.count else { return nil }
            let r = data[pos]
            if r == "\u{FFFD}" {
                error = "could not read rune"
                return nil
            }
            return r == "\u{0}" ? nil : r
        }

        private mutating func read() -> Unicode.Scalar? {
            guard let r = peek() else { return nil }
            pos += 1
            return r
        }

        mutating func next() -> Token {
            while true {
                if let error { return .error(error) }
                if !queue.isEmpty { return queue.removeFirst() }
                fetchItem()
            }
        }

        private mutating func fetchItem() {
            guard let r = read() else {
                queue.append(.eof)
                return
            }
            switch r {
            case "{":
                termsLevel += 1
                queue.append(.termsOpen)
            case "," where termsLevel > 0:
                queue.append(.separator)
            case "}" where termsLevel > 0:
                queue.append(.termsClose)
                termsLevel -= 1
            case "[":
                queue.append(.rangeOpen)
                fetchRange()
            case "?":
                queue.append(.single)
            case "*":
                if peek() == "*" {
                    pos += 1
                    queue.append(.superAny)
                } else {
                    queue.append(.any)
                }
            default:
                pos -= 1
                fetchText(breakers: termsLevel > 0 ? ["?", "*", "[", "{", "}", ","] : ["?", "*", "[", "{"])
            }
        }

        private mutating func fetchRange() {
            var wantHi = false
            var wantClose = false
            var seenNot = false
            while true {
                guard let r = read() else {
                    error = "unexpected end of input"
                    return
                }
                if wantClose {
                    if r != "]" {
                        error = "expected close range character"
                    } else {
                        queue.append(.rangeClose)
                    }
                    return
                }
                if wantHi {
                    queue.append(.rangeHi(r))
                    wantClose = true
                    continue
                }
                if !seenNot && r == "!" {
                    queue.append(.not)
                    seenNot = true
                    continue
                }
                if peek() == "-" {
                    pos += 1
                    queue.append(.rangeLo(r))
                    queue.append(.rangeBetween)
                    wantHi = true
                    continue
                }
                pos -= 1
                fetchText(breakers: ["]"])
                wantClose = true
            }
        }

        private mutating func fetchText(breakers: [Unicode.Scalar]) {
            var text: [Unicode.Scalar] = []
            var escaped = false
            while let r = read() {
                if !escaped {
                    if r == "\\" {
                        escaped = true
                        continue
                    }
                    if breakers.contains(r) {
                        pos -= 1
                        break
                    }
                }
                escaped = false
                text.append(r)
            }
            if !text.isEmpty { queue.append(.text(text)) }
        }
    }

    // MARK: - Parser (gobwas/glob syntax/ast)

    private struct Parser {
        var lexer: Lexer

        /// Alternatives being built: each open `{` holds finished branches and the current one.
        private var stack: [(branches: [[GlobNode]], current: [GlobNode])] = []
        private var current: [GlobNode] = []

        init(lexer: Lexer) { self.lexer = lexer }

        mutating func parse() throws(SyntaxError) -> [GlobNode] {
            loop: while true {
                switch lexer.next() {
                case .eof: break loop
                case .error(let message): throw SyntaxError(message: message)
                case .text(let t): current.append(.text(t))
                case .any: current.append(.any)
                case .superAny: current.append(.superAny)
                case .single: current.append(.single)
                case .rangeOpen: current.append(try parseRange())
                case .termsOpen:
                    stack.append(([], current))
                    current = []
                case .separator:
                    stack[stack.count - 1].branches.append(current)
                    current = []
                case .termsClose:
                    closeTerms()
                case let token:
                    throw SyntaxError(message: "unexpected token: \(token)")
                }
            }
            // The library accepts unclosed `{`: the open groups end with the pattern.
            while !stack.isEmpty { closeTerms() }
            return current
        }

        private mutating func closeTerms() {
            let frame = stack.removeLast()
            var outer = frame.current
            outer.append(.alternatives(frame.branches + [current]))
            current = outer
        }

        private mutating func parseRange() throws(SyntaxError) -> GlobNode {
            var negated = false
            var lo: Unicode.Scalar? = nil
            var hi: Unicode.Scalar? = nil
            var chars: [Unicode.Scalar] = []
            while true {
                switch lexer.next() {
                case .eof: throw SyntaxError(message: "unexpected end")
                case .error(let message): throw SyntaxError(message: message)
                case .not: negated = true
                case .rangeLo(let r): lo = r
                case .rangeBetween: break
                case .rangeHi(let r):
                    hi = r
                    if let lo, r.value < lo.value {
                        throw SyntaxError(message: "hi character '\(Character(r))' should be greater than lo '\(Character(lo))'")
                    }
                case .text(let t): chars = t
                case .rangeClose:
                    let isRange = lo != nil && hi != nil
                    if chars.isEmpty != isRange { throw SyntaxError(message: "could not parse range") }
                    if let lo, let hi { return .range(lo, hi, negated: negated) }
                    return .list(chars, negated: negated)
                default:
                    break
                }
            }
        }
    }
}
