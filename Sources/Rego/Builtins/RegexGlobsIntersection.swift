/// `regex.globs_match`: whether two restricted regexes (characters, `.`, `[…]` sets, each
/// optionally followed by `+` or `*`) can match a common string. OPA delegates to
/// github.com/yashtewari/glob-intersection; this follows its algorithm step by step — including
/// its heuristic shortcuts — because OPA's answers are that library's answers.
enum GlobsIntersection {
    enum Flag { case none, plus, star }

    enum Kind: Equatable {
        case character(UInt32)
        case dot
        /// Sorted, merged code-point ranges.
        case set([ClosedRange<UInt32>])
    }

    struct Token {
        var kind: Kind
        var flag: Flag
    }

    static func nonEmpty(_ lhs: String, _ rhs: String) -> Result<Bool, BuiltinError> {
        let g1: [Token]
        let g2: [Token]
        switch parse(lhs) {
        case .failure(let e): return .failure(e)
        case .success(let g): g1 = g
        }
        switch parse(rhs) {
        case .failure(let e): return .failure(e)
        case .success(let g): g2 = g
        }
        guard let (t1, t2) = trim(g1, g2) else { return .success(false) }
        return .success(intersectNormal(t1[...], t2[...]))
    }

    // MARK: - Tokenizing

    private struct Failure: Error {
        let message: String
    }

    static func parse(_ input: String) -> Result<[Token], BuiltinError> {
        let runes = input.unicodeScalars.map(\.value)
        do {
            return .success(simplify(try tokenize(runes, input)))
        } catch {
            return .failure(.builtin(error.message))
        }
    }

    private static func invalid(_ input: String, _ index: Int, _ message: String) -> Failure {
        Failure(message: "input:\(input), pos:\(index), \(message): the input provided is invalid")
    }

    /// The rune at `index` and the index after it; backslash escapes the next rune.
    private static func nextRune(_ runes: [UInt32], _ index: Int, _ input: String) throws(Failure)
        -> (next: Int, rune: UInt32, escaped: Bool)?
    {
        guard index < runes.count else { return nil }
        if runes[index] == 0x5C {
            guard index < runes.count - 1 else {
                throw invalid(input, index, "input ends with a \\ (escape) character")
            }
            return (index + 2, runes[index + 1], true)
        }
        return (index + 1, runes[index], false)
    }

    private static func tokenize(_ runes: [UInt32], _ input: String) throws(Failure) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while let (next, r, escaped) = try nextRune(runes, index, input) {
            var newIndex = next
            var token: Token
            if escaped {
                token = Token(kind: .character(r), flag: .none)
            } else {
                switch r {
                case 0x2E: token = Token(kind: .dot, flag: .none)
                case 0x5B:
                    let (afterSet, set) = try tokenizeSet(runes, newIndex, input)
                    newIndex = afterSet
                    token = Token(kind: set, flag: .none)
                case 0x5D:
                    throw invalid(input, newIndex, "set-close ']' with no preceding '['")
                case 0x2B, 0x2A:
                    throw invalid(input, newIndex, "flag '\(Character(Unicode.Scalar(r)!))' must be preceded by a non-flag")
                default:
                    token = Token(kind: .character(r), flag: .none)
                }
            }
            // An unescaped + or * right after the token is its flag.
            if let (afterFlag, f, flagEscaped) = try nextRune(runes, newIndex, input), !flagEscaped {
                if f == 0x2B {
                    token.flag = .plus
                    newIndex = afterFlag
                } else if f == 0x2A {
                    token.flag = .star
                    newIndex = afterFlag
                }
            }
            tokens.append(token)
            index = newIndex
        }
        return tokens
    }

    private static func tokenizeSet(_ runes: [UInt32], _ start: Int, _ input: String) throws(Failure) -> (Int, Kind) {
        var members: [ClosedRange<UInt32>] = []
        var previous: UInt32 = 0
        var previousExists = false
        var index = start
        while let (next, r0, escaped) = try nextRune(runes, index, input) {
            var newIndex = next
            var r = r0
            if escaped {
                members.append(r...r)
                previous = r
                previousExists = true
            } else if r == 0x2D {
                guard previousExists else {
                    throw invalid(input, newIndex, "range character '-' must be preceded by a Unicode character")
                }
                guard newIndex < runes.count - 1 else {
                    throw invalid(input, newIndex, "range character '-' must be followed by a Unicode character")
                }
                let (afterHi, hi, hiEscaped) = try nextRune(runes, newIndex, input)!
                newIndex = afterHi
                r = hi
                if !hiEscaped && (r == 0x5D || r == 0x2D) {
                    throw invalid(input, newIndex, "range character '-' cannot be followed by a special symbol")
                }
                if r < previous {
                    throw invalid(
                        input, newIndex,
                        "range is out of order: '\(Character(Unicode.Scalar(r) ?? "?"))' comes before '\(Character(Unicode.Scalar(previous) ?? "?"))' in Unicode"
                    )
                }
                members.append(previous...r)
                previousExists = false
            } else if r == 0x5D {
                return (newIndex, .set(normalize(members)))
            } else {
                members.append(r...r)
                previous = r
                previousExists = true
            }
            index = newIndex
        }
        throw invalid(input, index, "found [ without matching ]")
    }

    private static func normalize(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, r.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...Swift.max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// Merges a flagged token into an equal flagged predecessor (`a+a*` → `a+`).
    private static func simplify(_ tokens: [Token]) -> [Token] {
        guard var latest = tokens.first else { return tokens }
        var simple = [latest]
        for t in tokens.dropFirst() {
            if t.flag != .none && latest.flag != .none && t.kind == latest.kind {
                let flag: Flag = (t.flag == .plus || latest.flag == .plus) ? .plus : .star
                simple[simple.count - 1].flag = flag
                latest.flag = flag
                continue
            }
            latest = t
            simple.append(t)
        }
        return simple
    }

    // MARK: - Intersection

    static func match(_ a: Token, _ b: Token) -> Bool {
        switch (a.kind, b.kind) {
        case (.character(let x), .character(let y)): return x == y
        case (.dot, _), (_, .dot): return true
        case (.character(let x), .set(let s)), (.set(let s), .character(let x)):
            return s.contains { $0.contains(x) }
        case (.set(let s), .set(let t)):
            return s.contains { r in t.contains { $0.overlaps(r) } }
        }
    }

    /// Drops matching unflagged prefixes and suffixes (keeping one token of each).
    private static func trim(_ g1: [Token], _ g2: [Token]) -> ([Token], [Token])? {
        var l = 0
        while l < g1.count && l < g2.count && g1[l].flag == .none && g2[l].flag == .none {
            if !match(g1[l], g2[l]) { return nil }
            l += 1
        }
        if l > 0 { l -= 1 }
        var r1 = g1.count - 1
        var r2 = g2.count - 1
        while r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l && g1[r1].flag == .none && g2[r2].flag == .none {
            if !match(g1[r1], g2[r2]) { return nil }
            r1 -= 1
            r2 -= 1
        }
        if r1 < g1.count - 1 {
            r1 += 1
            r2 += 1
        }
        return (Array(g1[l..<(r1 + 1)]), Array(g2[l..<(r2 + 1)]))
    }

    private static func intersectNormal(_ g1: ArraySlice<Token>, _ g2: ArraySlice<Token>) -> Bool {
        var i = g1.startIndex
        var j = g2.startIndex
        while i < g1.endIndex && j < g2.endIndex {
            if g1[i].flag == .none && g2[j].flag == .none {
                if !match(g1[i], g2[j]) { return false }
            } else {
                return intersectSpecial(g1[i...], g2[j...])
            }
            i += 1
            j += 1
        }
        return i == g1.endIndex && j == g2.endIndex
    }

    private static func intersectSpecial(_ g1: ArraySlice<Token>, _ g2: ArraySlice<Token>) -> Bool {
        let a = g1[g1.startIndex]
        if a.flag != .none {
            return a.flag == .plus ? intersectPlus(g1, g2) : intersectStar(g1, g2)
        }
        let b = g2[g2.startIndex]
        switch b.flag {
        case .plus: return intersectPlus(g2, g1)
        case .star: return intersectStar(g2, g1)
        case .none: return false
        }
    }

    private static func intersectPlus(_ plussed: ArraySlice<Token>, _ other: ArraySlice<Token>) -> Bool {
        let first = other[other.startIndex]
        if !match(plussed[plussed.startIndex], first) { return false }
        if intersectStar(plussed, other.dropFirst()) { return true }
        return first.flag != .none && intersectNormal(plussed.dropFirst(), other)
    }

    private static func intersectStar(_ starred: ArraySlice<Token>, _ other: ArraySlice<Token>) -> Bool {
        let star = starred[starred.startIndex]
        let next: Token? = starred.count > 1 ? starred[starred.startIndex + 1] : nil
        for i in other.indices {
            let t = other[i]
            if let next, match(t, next) {
                if intersectNormal(starred.dropFirst(), other[i...]) { return true }
                if !match(t, star) { return false }
            } else if !match(t, star) {
                return false
            }
        }
        return next == nil
    }
}
