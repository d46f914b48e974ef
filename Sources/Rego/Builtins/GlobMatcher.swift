/// A compiled glob: a small NFA simulated with bitsets, one step per code point of the input.
/// Matching takes time linear in the input (no backtracking blow-up on `*a*a*a…`) and allocates
/// nothing: patterns of up to 64 states use a machine word, larger ones stack scratch space.
final class GlobMatcher: Sendable {
    private enum State: Sendable {
        case accept
        /// Consume exactly this code point.
        case scalar(UInt32, next: Int)
        /// `?`: any code point that is not a separator.
        case single(next: Int)
        /// `[abc]` / `[!abc]`.
        case list([UInt32], negated: Bool, next: Int)
        /// `[a-z]` / `[!a-z]`.
        case range(UInt32, UInt32, negated: Bool, next: Int)
        /// `*`: loop on non-separators, or move on.
        case any(next: Int)
        /// `**`: loop on anything, or move on.
        case superAny(next: Int)
        /// Alternatives: move to any branch (never itself in a state set).
        case split([Int])
    }

    private let states: [State]
    private let start: Int
    private let words: Int
    /// For each state, the states reachable from it without consuming input, `words` words each.
    private let closures: [UInt64]
    private let separators: [UInt32]
    /// The pattern when it has no wildcards at all: matching is then plain equality.
    private let literal: String?

    static func compile(_ pattern: String, delimiters: [Unicode.Scalar]) -> Result<GlobMatcher, BuiltinError> {
        do {
            let nodes = try GlobPattern.parse(pattern)
            return .success(GlobMatcher(nodes, separators: delimiters.map(\.value)))
        } catch {
            return .failure(.builtin(error.message))
        }
    }

    private init(_ nodes: [GlobNode], separators: [UInt32]) {
        self.separators = separators
        if nodes.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            var s = String.UnicodeScalarView()
            for case .text(let t) in nodes { s.append(contentsOf: t) }
            literal = String(s)
        } else {
            literal = nil
        }

        // States are emitted back to front so each knows its successor; 0 is accept.
        var states: [State] = [.accept]
        func emit(_ sequence: [GlobNode], next: Int) -> Int {
            var next = next
            for node in sequence.reversed() {
                switch node {
                case .text(let t):
                    for c in t.reversed() {
                        states.append(.scalar(c.value, next: next))
                        next = states.count - 1
                    }
                    continue
                case .any: states.append(.any(next: next))
                case .superAny: states.append(.superAny(next: next))
                case .single: states.append(.single(next: next))
                case .list(let chars, let negated): states.append(.list(chars.map(\.value), negated: negated, next: next))
                case .range(let lo, let hi, let negated):
                    states.append(.range(lo.value, hi.value, negated: negated, next: next))
                case .alternatives(let branches):
                    let starts = branches.map { emit($0, next: next) }
                    states.append(.split(starts))
                }
                next = states.count - 1
            }
            return next
        }
        start = emit(nodes, next: 0)
        self.states = states

        // Epsilon edges only point to earlier states, so closures fill in index order.
        let words = (states.count + 63) / 64
        self.words = words
        var closures = [UInt64](repeating: 0, count: states.count * words)
        func add(_ target: Int, into state: Int) {
            for w in 0..<words { closures[state * words + w] |= closures[target * words + w] }
        }
        for (i, state) in states.enumerated() {
            switch state {
            case .split(let branches):
                for b in branches { add(b, into: i) }
            case .any(let next), .superAny(let next):
                closures[i * words + i / 64] |= 1 << UInt64(i % 64)
                add(next, into: i)
            default:
                closures[i * words + i / 64] |= 1 << UInt64(i % 64)
            }
        }
        self.closures = closures
    }

    func matches(_ s: String) -> Bool {
        if let literal { return UTF8Text.withBytes(s, literal) { $0.count == $1.count && UTF8Text.memoryEqual($0, 0, $1) } }
        return UTF8Text.withBytes(s) { bytes in
            if words == 1 { return matchSingleWord(bytes) }
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * words) { scratch in
                matchMultiWord(bytes, scratch)
            }
        }
    }

    @inline(__always)
    private func isSeparator(_ c: UInt32) -> Bool {
        for s in separators where s == c { return true }
        return false
    }

    /// Whether state `i` consumes `c`, and which state's closure follows.
    @inline(__always)
    private func step(_ i: Int, _ c: UInt32) -> Int? {
        switch states[i] {
        case .accept, .split: return nil
        case .scalar(let x, let next): return x == c ? next : nil
        case .single(let next): return isSeparator(c) ? nil : next
        case .list(let chars, let negated, let next): return chars.contains(c) != negated ? next : nil
        case .range(let lo, let hi, let negated, let next): return (lo <= c && c <= hi) != negated ? next : nil
        case .any: return isSeparator(c) ? nil : i
        case .superAny: return i
        }
    }

    private func matchSingleWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var current = closures[start]
        var index = 0
        while index < bytes.count {
            let c = GlobMatcher.decode(bytes, &index)
            var next: UInt64 = 0
            var set = current
            while set != 0 {
                let i = set.trailingZeroBitCount
                set &= set - 1
                if let target = step(i, c) { next |= closures[target] }
            }
            if next == 0 { return false }
            current = next
        }
        return current & 1 != 0
    }

    private func matchMultiWord(_ bytes: UnsafeBufferPointer<UInt8>, _ scratch: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        var current = UnsafeMutableBufferPointer(rebasing: scratch[0..<words])
        var next = UnsafeMutableBufferPointer(rebasing: scratch[words..<(2 * words)])
        for w in 0..<words { current[w] = closures[start * words + w] }
        var index = 0
        while index < bytes.count {
            let c = GlobMatcher.decode(bytes, &index)
            for w in 0..<words { next[w] = 0 }
            var any: UInt64 = 0
            for w in 0..<words {
                var set = current[w]
                while set != 0 {
                    let i = w * 64 + set.trailingZeroBitCount
                    set &= set - 1
                    if let target = step(i, c) {
                        for v in 0..<words {
                            next[v] |= closures[target * words + v]
                            any |= next[v]
                        }
                    }
                }
            }
            if any == 0 { return false }
            swap(&current, &next)
        }
        return current[0] & 1 != 0
    }

    /// Decodes the code point at `index` (the input is valid UTF-8) and advances past it.
    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
        let lead = UInt32(b[index])
        if lead < 0x80 {
            index += 1
            return lead
        }
        if lead < 0xE0 {
            defer { index += 2 }
            return (lead & 0x1F) << 6 | UInt32(b[index + 1] & 0x3F)
        }
        if lead < 0xF0 {
            defer { index += 3 }
            return (lead & 0x0F) << 12 | UInt32(b[index + 1] & 0x3F) << 6 | UInt32(b[index + 2] & 0x3F)
        }
        defer { index += 4 }
        return (lead & 0x07) << 18 | UInt32(b[index + 1] & 0x3F) << 12 | UInt32(b[index + 2] & 0x3F) << 6
            | UInt32(b[index + 3] & 0x3F)
    }
}
