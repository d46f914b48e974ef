/// Go (RE2) regular-expression syntax: parsed with the rules and error messages of Go's
/// regexp/syntax (OPA compiles patterns with Go's `regexp`, and conformance compares the error
/// texts, e.g. "error parsing regexp: missing closing ]: `[a`"), into a syntax tree that
/// `RegexProgram` compiles.
indirect enum RegexNode {
    case empty
    case literal(UInt32)
    case charClass(RegexCharClass)
    case anyChar
    case anyCharNotNewline
    case assertion(RegexAssertion)
    case capture(Int, RegexNode)
    case concat([RegexNode])
    case alternate([RegexNode])
    case star(RegexNode, greedy: Bool)
    case plus(RegexNode, greedy: Bool)
    case quest(RegexNode, greedy: Bool)
    case repetition(RegexNode, min: Int, max: Int, greedy: Bool)
}

/// Zero-width assertions (Go's EmptyOp flags).
struct RegexAssertion: OptionSet, Sendable {
    let rawValue: UInt8
    static let beginLine = RegexAssertion(rawValue: 1)
    static let endLine = RegexAssertion(rawValue: 2)
    static let beginText = RegexAssertion(rawValue: 4)
    static let endText = RegexAssertion(rawValue: 8)
    static let wordBoundary = RegexAssertion(rawValue: 16)
    static let noWordBoundary = RegexAssertion(rawValue: 32)
}

struct GoRegexSyntax {
    struct Parsed {
        let root: RegexNode
        /// Go's `SubexpNames()`: index 0 is the whole match, unnamed groups are "".
        let captureNames: [String]
    }

    struct SyntaxError: Error, Equatable {
        let code: String
        let expression: String
        var message: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    static func parse(_ pattern: String) -> Result<Parsed, SyntaxError> {
        var parser = GoRegexSyntax(Array(pattern.utf8))
        do {
            let root = try parser.parse()
            // Go's limit on the compiled program: 128 MB of 40-byte instructions.
            if programSize(root) > (128 << 20) / 40 {
                return .failure(SyntaxError(code: "expression too large", expression: pattern))
            }
            return .success(Parsed(root: root, captureNames: parser.captureNames))
        } catch {
            return .failure(error)
        }
    }

    /// Go's `calcSize`: the number of instructions the tree compiles to (saturating).
    private static func programSize(_ node: RegexNode) -> Int {
        switch node {
        case .capture(_, let sub), .star(let sub, _): return 2 &+ programSize(sub)
        case .plus(let sub, _), .quest(let sub, _): return 1 &+ programSize(sub)
        case .concat(let subs): return subs.reduce(0) { $0 &+ programSize($1) }
        case .alternate(let subs): return subs.reduce(subs.count - 1) { $0 &+ programSize($1) }
        case .repetition(let sub, let min, let max, _):
            let size = programSize(sub)
            if max == -1 { return min == 0 ? 2 &+ size : 1 &+ min.multipliedReportingOverflow(by: size).partialValue }
            return max.multipliedReportingOverflow(by: size).partialValue &+ (max - min)
        default: return 1
        }
    }

    // MARK: - State

    private struct Flags {
        var foldCase = false
        var dotNL = false
        var oneLine = true  // Perl default: ^ and $ match at text boundaries only
        var nonGreedy = false
    }

    /// The enclosing level while a group is open.
    private struct Frame {
        var flags: Flags
        var capture: Int?
        var items: [RegexNode]
        var heights: [Int]
        var branches: [RegexNode]
        var branchHeight: Int
        var lastAtomProduct: Int
        var restProduct: Int
    }

    private let src: [UInt8]
    private var pos = 0
    private var flags = Flags()
    private var frames: [Frame] = []
    private var captureNames: [String] = [""]
    /// The concatenation being built at the current level, and the finished `|` branches.
    private var items: [RegexNode] = []
    private var branches: [RegexNode] = []
    /// Tree heights of `items`, and the tallest finished branch (Go limits the height to 1000,
    /// which also bounds the compiler's recursion on hostile patterns).
    private var heights: [Int] = []
    private var branchHeight = 0
    /// Largest product of counted repetitions on a path through the last item / the rest of the
    /// current level (Go limits nested `{n}` products to 1000).
    private var lastAtomProduct = 1
    private var restProduct = 1

    private init(_ src: [UInt8]) { self.src = src }

    private func text(_ range: Range<Int>) -> String { String(decoding: src[range], as: UTF8.self) }
    private var whole: String { text(0..<src.count) }

    private func fail(_ code: String, _ range: Range<Int>) -> SyntaxError {
        SyntaxError(code: code, expression: text(range))
    }

    // MARK: - Main loop (Go's regexp/syntax parse)

    private mutating func parse() throws(SyntaxError) -> RegexNode {
        var lastRepeat: Int? = nil
        while pos < src.count {
            var repeatStart: Int? = nil
            let c = src[pos]
            switch c {
            case UInt8(ascii: "("):
                if pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "?") {
                    try parsePerlFlags()
                } else {
                    captureNames.append("")
                    openGroup(capture: captureNames.count - 1)
                    pos += 1
                }
            case UInt8(ascii: "|"):
                restProduct = max(restProduct, lastAtomProduct)
                lastAtomProduct = 1
                branches.append(concatenation(items))
                branchHeight = max(branchHeight, concatenationHeight())
                items = []
                heights = []
                pos += 1
            case UInt8(ascii: ")"):
                try closeGroup()
                pos += 1
            case UInt8(ascii: "^"):
                atom(.assertion(flags.oneLine ? .beginText : .beginLine))
                pos += 1
            case UInt8(ascii: "$"):
                atom(.assertion(flags.oneLine ? .endText : .endLine))
                pos += 1
            case UInt8(ascii: "."):
                atom(flags.dotNL ? .anyChar : .anyCharNotNewline)
                pos += 1
            case UInt8(ascii: "["):
                try parseClass()
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let before = pos
                let kind: Repeat = c == UInt8(ascii: "*") ? .star : (c == UInt8(ascii: "+") ? .plus : .quest)
                pos = try applyRepeat(kind, before: before, after: pos + 1, lastRepeat: lastRepeat)
                repeatStart = before
            case UInt8(ascii: "{"):
                let before = pos
                guard let (min, max, after) = parseRepeat(pos) else {
                    literal(Unicode.Scalar(c))
                    pos += 1
                    break
                }
                if min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max) {
                    throw fail("invalid repeat count", before..<after)
                }
                pos = try applyRepeat(.count(min, max), before: before, after: after, lastRepeat: lastRepeat)
                repeatStart = before
            case UInt8(ascii: "\\"):
                try parseBackslash()
            default:
                literal(nextRune())
            }
            lastRepeat = repeatStart
        }
        if !frames.isEmpty { throw fail("missing closing )", 0..<src.count) }
        return alternation(branches + [concatenation(items)])
    }

    private mutating func nextRune() -> Unicode.Scalar {
        var decoder = UTF8()
        var it = src[pos...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&it) else {
            pos += 1
            return "\u{FFFD}"
        }
        pos += UTF8.width(scalar)
        return scalar
    }

    // MARK: - Tree building

    private enum Repeat {
        case star, plus, quest
        case count(Int, Int)
    }

    private func concatenation(_ nodes: [RegexNode]) -> RegexNode {
        nodes.count == 1 ? nodes[0] : (nodes.isEmpty ? .empty : .concat(nodes))
    }

    private func alternation(_ nodes: [RegexNode]) -> RegexNode {
        nodes.count == 1 ? nodes[0] : .alternate(nodes)
    }

    private mutating func atom(_ node: RegexNode, height: Int = 1) {
        restProduct = max(restProduct, lastAtomProduct)
        lastAtomProduct = 1
        items.append(node)
        heights.append(height)
    }

    private func concatenationHeight() -> Int {
        (heights.max() ?? 1) + (heights.count > 1 ? 1 : 0)
    }

    private func checkHeight(_ height: Int) throws(SyntaxError) {
        if height > 1000 { throw SyntaxError(code: "expression nests too deeply", expression: whole) }
    }

    private mutating func literal(_ r: Unicode.Scalar) {
        if flags.foldCase {
            let others = GoCaseFolding.others(r.value)
            if !others.isEmpty {
                var set = CharacterSet()
                set.ranges = [(r.value, r.value)] + others.map { ($0, $0) }
                emitClass(set, negated: false)
                return
            }
        }
        atom(.literal(r.value))
    }

    private mutating func openGroup(capture: Int?) {
        frames.append(Frame(
            flags: flags, capture: capture, items: items, heights: heights, branches: branches,
            branchHeight: branchHeight, lastAtomProduct: lastAtomProduct, restProduct: restProduct))
        items = []
        heights = []
        branches = []
        branchHeight = 0
        lastAtomProduct = 1
        restProduct = 1
    }

    private mutating func closeGroup() throws(SyntaxError) {
        guard let frame = frames.popLast() else { throw fail("unexpected )", 0..<src.count) }
        var node = alternation(branches + [concatenation(items)])
        var height = max(branchHeight, concatenationHeight()) + (branches.isEmpty ? 0 : 1)
        if let index = frame.capture {
            node = .capture(index, node)
            height += 1
        }
        try checkHeight(height)
        let inner = max(restProduct, lastAtomProduct)
        flags = frame.flags
        items = frame.items + [node]
        heights = frame.heights + [height]
        branches = frame.branches
        branchHeight = frame.branchHeight
        restProduct = max(frame.restProduct, frame.lastAtomProduct)
        lastAtomProduct = inner
    }

    /// Applies `*`, `+`, `?` or `{…}` (with an optional trailing `?`) to the last item.
    private mutating func applyRepeat(_ kind: Repeat, before: Int, after: Int, lastRepeat: Int?) throws(SyntaxError) -> Int {
        var after = after
        var greedy = !flags.nonGreedy
        if after < src.count && src[after] == UInt8(ascii: "?") {
            after += 1
            greedy.toggle()
        }
        if let lastRepeat { throw fail("invalid nested repetition operator", lastRepeat..<after) }
        guard let sub = items.popLast() else {
            throw fail("missing argument to repetition operator", before..<after)
        }
        heights[heights.count - 1] += 1
        try checkHeight(heights[heights.count - 1])
        switch kind {
        case .star: items.append(.star(sub, greedy: greedy))
        case .plus: items.append(.plus(sub, greedy: greedy))
        case .quest: items.append(.quest(sub, greedy: greedy))
        case .count(let min, let max):
            // Go's repeatIsValid counts max (or min when unbounded); {0} ends the path.
            let factor = max == 0 ? 0 : Swift.max(1, max < 0 ? min : max)
            let product = factor * lastAtomProduct
            if (min >= 2 || max >= 2) && product > 1000 { throw fail("invalid repeat count", before..<after) }
            lastAtomProduct = product
            items.append(.repetition(sub, min: min, max: max, greedy: greedy))
        }
        return after
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil when not of that form (then `{` is a literal).
    /// A count too large to parse gives min -1.
    private func parseRepeat(_ start: Int) -> (Int, Int, Int)? {
        var i = start + 1
        guard let (min0, afterMin) = parseInt(i) else { return nil }
        var min = min0
        i = afterMin
        guard i < src.count else { return nil }
        var max: Int
        if src[i] != UInt8(ascii: ",") {
            max = min
        } else {
            i += 1
            guard i < src.count else { return nil }
            if src[i] == UInt8(ascii: "}") {
                max = -1
            } else {
                guard let (m, afterMax) = parseInt(i) else { return nil }
                max = m
                i = afterMax
                if max < 0 { min = -1 }
            }
        }
        guard i < src.count, src[i] == UInt8(ascii: "}") else { return nil }
        return (min, max, i + 1)
    }

    /// A decimal without leading zeros; values of 1e8 and more read as -1.
    private func parseInt(_ start: Int) -> (Int, Int)? {
        var i = start
        guard i < src.count, src[i] >= 48, src[i] <= 57 else { return nil }
        if src[i] == 48, i + 1 < src.count, src[i + 1] >= 48, src[i + 1] <= 57 { return nil }
        var n = 0
        while i < src.count, src[i] >= 48, src[i] <= 57 {
            if n >= 100_000_000 { n = -1 } else if n >= 0 { n = n * 10 + Int(src[i] - 48) }
            i += 1
        }
        return (n, i)
    }

    // MARK: - Groups and flags

    private mutating func parsePerlFlags() throws(SyntaxError) {
        let start = pos
        let n = src.count
        let startsWithP = n - pos > 4 && src[pos + 2] == UInt8(ascii: "P") && src[pos + 3] == UInt8(ascii: "<")
        let startsWithName = n - pos > 3 && src[pos + 2] == UInt8(ascii: "<")
        if startsWithP || startsWithName {
            let nameStart = pos + (startsWithP ? 4 : 3)
            guard let end = src[pos...].firstIndex(of: UInt8(ascii: ">")) else {
                throw fail("invalid named capture", start..<n)
            }
            let name = src[nameStart..<end]
            let valid = !name.isEmpty && name.allSatisfy { c in
                c == UInt8(ascii: "_") || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            }
            if !valid { throw fail("invalid named capture", start..<(end + 1)) }
            captureNames.append(String(decoding: name, as: UTF8.self))
            openGroup(capture: captureNames.count - 1)
            pos = end + 1
            return
        }

        pos += 2
        var newFlags = flags
        var negated = false
        var sawFlag = false
        while pos < n {
            let c = nextRune()
            switch c {
            case "i": newFlags.foldCase = !negated; sawFlag = true
            case "m": newFlags.oneLine = negated; sawFlag = true
            case "s": newFlags.dotNL = !negated; sawFlag = true
            case "U": newFlags.nonGreedy = !negated; sawFlag = true
            case "-":
                if negated { throw fail("invalid or unsupported Perl syntax", start..<pos) }
                negated = true
                sawFlag = false
            case ":", ")":
                if negated && !sawFlag { throw fail("invalid or unsupported Perl syntax", start..<pos) }
                if c == ":" { openGroup(capture: nil) }
                flags = newFlags
                return
            default:
                throw fail("invalid or unsupported Perl syntax", start..<pos)
            }
        }
        throw fail("invalid or unsupported Perl syntax", start..<pos)
    }

    // MARK: - Escapes

    private mutating func parseBackslash() throws(SyntaxError) {
        let start = pos
        if pos + 1 < src.count {
            switch src[pos + 1] {
            case UInt8(ascii: "A"):
                atom(.assertion(.beginText))
                pos += 2
                return
            case UInt8(ascii: "b"):
                atom(.assertion(.wordBoundary))
                pos += 2
                return
            case UInt8(ascii: "B"):
                atom(.assertion(.noWordBoundary))
                pos += 2
                return
            case UInt8(ascii: "C"):
                throw fail("invalid escape sequence", start..<(start + 2))
            case UInt8(ascii: "Q"):
                pos += 2
                var end = src.count
                var resume = src.count
                var i = pos
                while i + 1 < src.count {
                    if src[i] == UInt8(ascii: "\\") && src[i + 1] == UInt8(ascii: "E") {
                        end = i
                        resume = i + 2
                        break
                    }
                    i += 1
                }
                let literalEnd = end
                while pos < literalEnd { literal(nextRune()) }
                pos = resume
                return
            case UInt8(ascii: "z"):
                atom(.assertion(.endText))
                pos += 2
                return
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                var set = CharacterSet()
                if try parseUnicodeClass(into: &set) {
                    emitClass(set, negated: false)
                    return
                }
            default:
                break
            }
        }
        var set = CharacterSet()
        if parsePerlClass(into: &set) {
            emitClass(set, negated: false)
            return
        }
        literal(try parseEscape())
    }

    /// One escaped character (Go's parseEscape).
    private mutating func parseEscape() throws(SyntaxError) -> Unicode.Scalar {
        let start = pos
        pos += 1
        guard pos < src.count else { throw SyntaxError(code: "trailing backslash at end of expression", expression: "") }
        let c = nextRune()
        func invalid(_ pos: Int) -> SyntaxError { fail("invalid escape sequence", start..<pos) }
        switch c {
        case "1", "2", "3", "4", "5", "6", "7", "0":
            if c != "0" && (pos >= src.count || src[pos] < 48 || src[pos] > 55) { throw invalid(pos) }
            var r = c.value - 48
            for _ in 1..<3 {
                guard pos < src.count, src[pos] >= 48, src[pos] <= 55 else { break }
                r = r * 8 + UInt32(src[pos] - 48)
                pos += 1
            }
            return Unicode.Scalar(r)!
        case "x":
            guard pos < src.count else { throw invalid(pos) }
            let first = nextRune()
            if first == "{" {
                var r: UInt32 = 0
                var count = 0
                while true {
                    guard pos < src.count else { throw invalid(pos) }
                    let d = nextRune()
                    if d == "}" { break }
                    guard let v = hexValue(d) else { throw invalid(pos) }
                    r = r * 16 + v
                    if r > 0x10FFFF { throw invalid(pos) }
                    count += 1
                }
                guard count > 0 else { throw invalid(pos) }
                return Unicode.Scalar(r) ?? "\u{FFFD}"
            }
            let x = hexValue(first)
            let second: Unicode.Scalar? = pos < src.count ? nextRune() : nil
            guard let x, let second, let y = hexValue(second) else { throw invalid(pos) }
            return Unicode.Scalar(x * 16 + y)!
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        default:
            let v = c.value
            let isAlnum = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
            if v < 0x80 && !isAlnum { return c }
            throw invalid(pos)
        }
    }

    private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 48...57: return c.value - 48
        case 97...102: return c.value - 87
        case 65...70: return c.value - 55
        default: return nil
        }
    }

    // MARK: - Character classes

    /// A class being built: code-point ranges (already case-folded when `(?i)` is on) and
    /// Unicode properties.
    private struct CharacterSet {
        var ranges: [(UInt32, UInt32)] = []
        var properties: [UnicodeProperty] = []
    }

    private mutating func emitClass(_ set: CharacterSet, negated: Bool) {
        atom(.charClass(RegexCharClass(
            ranges: set.ranges, properties: set.properties, negated: negated, foldProperties: flags.foldCase)))
    }

    /// Adds `ranges` (or their complement), folding first as Go's appendGroup does.
    private func add(_ ranges: [(UInt32, UInt32)], negated: Bool, to set: inout CharacterSet) {
        let folded = flags.foldCase ? GoCaseFolding.fold(ranges) : GoCaseFolding.merge(ranges)
        guard negated else {
            set.ranges.append(contentsOf: folded)
            return
        }
        var next: UInt32 = 0
        for (lo, hi) in folded {
            if lo > next { set.ranges.append((next, lo - 1)) }
            next = hi + 1
        }
        if next <= 0x10FFFF { set.ranges.append((next, 0x10FFFF)) }
    }

    /// `\d \D \s \S \w \W` (ASCII, as in Go).
    private mutating func parsePerlClass(into set: inout CharacterSet) -> Bool {
        guard pos + 1 < src.count, src[pos] == UInt8(ascii: "\\") else { return false }
        let ranges: [(UInt32, UInt32)]
        switch src[pos + 1] | 0x20 {
        case UInt8(ascii: "d"): ranges = [(0x30, 0x39)]
        case UInt8(ascii: "s"): ranges = [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)]
        case UInt8(ascii: "w"): ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
        default: return false
        }
        add(ranges, negated: src[pos + 1] < 0x60, to: &set)  // upper-case forms negate
        pos += 2
        return true
    }

    private static let posixClasses: [String: [(UInt32, UInt32)]] = [
        "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        "alpha": [(0x41, 0x5A), (0x61, 0x7A)],
        "ascii": [(0x00, 0x7F)],
        "blank": [(0x09, 0x09), (0x20, 0x20)],
        "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)],
        "digit": [(0x30, 0x39)],
        "graph": [(0x21, 0x7E)],
        "lower": [(0x61, 0x7A)],
        "print": [(0x20, 0x7E)],
        "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "space": [(0x09, 0x0D), (0x20, 0x20)],
        "upper": [(0x41, 0x5A)],
        "word": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    ]

    /// `[:alpha:]` and `[:^alpha:]` inside a bracket class. Returns false when the text is not of
    /// that form (then `[` is an ordinary character).
    private mutating func parseNamedClass(into set: inout CharacterSet) throws(SyntaxError) -> Bool {
        guard src.count - pos > 2, src[pos] == UInt8(ascii: "["), src[pos + 1] == UInt8(ascii: ":") else { return false }
        var i = pos + 2
        var close: Int? = nil
        while i + 1 < src.count {
            if src[i] == UInt8(ascii: ":") && src[i + 1] == UInt8(ascii: "]") {
                close = i
                break
            }
            i += 1
        }
        guard let close else { return false }
        var nameStart = pos + 2
        var negated = false
        if nameStart < close && src[nameStart] == UInt8(ascii: "^") {
            negated = true
            nameStart += 1
        }
        guard let ranges = GoRegexSyntax.posixClasses[text(nameStart..<close)] else {
            throw fail("invalid character class range", pos..<(close + 2))
        }
        add(ranges, negated: negated, to: &set)
        pos = close + 2
        return true
    }

    /// `\pL`, `\p{Greek}`, `\P{Lu}`, `\p{^Han}`.
    private mutating func parseUnicodeClass(into set: inout CharacterSet) throws(SyntaxError) -> Bool {
        guard pos + 1 < src.count, src[pos] == UInt8(ascii: "\\"),
            src[pos + 1] == UInt8(ascii: "p") || src[pos + 1] == UInt8(ascii: "P")
        else { return false }
        let start = pos
        var negated = src[pos + 1] == UInt8(ascii: "P")
        pos += 2
        var name: String
        if pos < src.count && src[pos] == UInt8(ascii: "{") {
            guard let end = src[start...].firstIndex(of: UInt8(ascii: "}")) else {
                throw fail("invalid character class range", start..<src.count)
            }
            name = text((start + 3)..<end)
            pos = end + 1
        } else {
            if pos < src.count { _ = nextRune() }
            name = text((start + 2)..<pos)
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let kind = UnicodeClassNames.lookup(name) else {
            throw fail("invalid character class range", start..<pos)
        }
        switch kind {
        case .ascii:
            add([(0, 0x7F)], negated: negated, to: &set)
        case .categories(let categories):
            set.properties.append(.categories(categories, negated: negated))
        case .script(let script):
            guard let membership = ScriptMembership(script: script) else {
                throw fail("invalid character class range", start..<pos)
            }
            set.properties.append(.script(membership, negated: negated))
        }
        return true
    }

    private mutating func parseClass() throws(SyntaxError) {
        let classStart = pos
        pos += 1
        var set = CharacterSet()
        var negated = false
        if pos < src.count && src[pos] == UInt8(ascii: "^") {
            negated = true
            pos += 1
        }
        var first = true
        while pos >= src.count || src[pos] != UInt8(ascii: "]") || first {
            first = false
            if try parseNamedClass(into: &set) { continue }
            if try parseUnicodeClass(into: &set) { continue }
            if parsePerlClass(into: &set) { continue }

            let rangeStart = pos
            let lo = try parseClassChar(classStart)
            var hi = lo
            if src.count - pos >= 2 && src[pos] == UInt8(ascii: "-") && src[pos + 1] != UInt8(ascii: "]") {
                pos += 1
                hi = try parseClassChar(classStart)
                if hi.value < lo.value { throw fail("invalid character class range", rangeStart..<pos) }
            }
            add([(lo.value, hi.value)], negated: false, to: &set)
        }
        pos += 1  // ]
        emitClass(set, negated: negated)
    }

    private mutating func parseClassChar(_ classStart: Int) throws(SyntaxError) -> Unicode.Scalar {
        guard pos < src.count else { throw fail("missing closing ]", classStart..<src.count) }
        if src[pos] == UInt8(ascii: "\\") { return try parseEscape() }
        return nextRune()
    }
}
