/// A compiled Go regex: the instruction set of Go's regexp/syntax (`InstAlt`, `InstRune`,
/// `InstCapture`, …) built the way Go's compiler builds it, so the Pike VM in `RegexMachine`
/// explores alternatives in exactly Go's priority order.
struct RegexProgram: Sendable {
    enum Op: UInt8, Sendable {
        case fail, match, rune, rune1, anyRune, anyRuneNotNewline, alt, capture, assertion, nop
    }

    struct Inst: Sendable {
        var op: Op
        var out: Int32 = 0
        /// alt: the lower-priority branch; capture: the slot; assertion: the flags; rune1: the code
        /// point; rune: the class index.
        var arg: Int32 = 0
    }

    let insts: [Inst]
    let classes: [RegexCharClass]
    let start: Int
    /// Two slots per group, group 0 being the whole match.
    let slotCount: Int
    /// Every match must begin at the start of the text (the pattern starts with `^`/`\A`).
    let anchoredStart: Bool

    init(_ root: RegexNode, groups: Int) {
        var compiler = Compiler()
        let fragment = compiler.compile(Compiler.simplify(root))
        let match = compiler.emit(.match)
        compiler.patch(fragment.outs, to: match)
        insts = compiler.insts
        classes = compiler.classes
        start = Int(fragment.start)
        slotCount = 2 * (groups + 1)

        // Go's StartCond: assertions every match must satisfy before consuming anything.
        var pc = start
        var anchored = false
        walk: while true {
            let inst = compiler.insts[pc]
            switch inst.op {
            case .assertion:
                if RegexAssertion(rawValue: UInt8(inst.arg)).contains(.beginText) { anchored = true }
                pc = Int(inst.out)
            case .capture, .nop: pc = Int(inst.out)
            default: break walk
            }
        }
        anchoredStart = anchored
    }

    /// Go's compiler: fragments with dangling exits ("patch lists") joined as the tree is walked.
    private struct Compiler {
        struct Fragment {
            var start: Int32
            /// Exits to connect: instruction index × 2, plus 1 when the exit is `arg`.
            var outs: [Int32]
            var nullable: Bool
        }

        var insts: [Inst] = [Inst(op: .fail)]  // pc 0 fails, as in Go
        var classes: [RegexCharClass] = []

        mutating func emit(_ op: Op, arg: Int32 = 0) -> Int32 {
            insts.append(Inst(op: op, arg: arg))
            return Int32(insts.count - 1)
        }

        mutating func patch(_ outs: [Int32], to target: Int32) {
            for o in outs {
                if o & 1 == 0 { insts[Int(o >> 1)].out = target } else { insts[Int(o >> 1)].arg = target }
            }
        }

        private mutating func single(_ op: Op, arg: Int32 = 0, nullable: Bool = false) -> Fragment {
            let i = emit(op, arg: arg)
            return Fragment(start: i, outs: [i << 1], nullable: nullable)
        }

        mutating func compile(_ node: RegexNode) -> Fragment {
            switch node {
            case .empty: return single(.nop, nullable: true)
            case .literal(let c): return single(.rune1, arg: Int32(bitPattern: c))
            case .charClass(let cls):
                classes.append(cls)
                return single(.rune, arg: Int32(classes.count - 1))
            case .anyChar: return single(.anyRune)
            case .anyCharNotNewline: return single(.anyRuneNotNewline)
            case .assertion(let flags): return single(.assertion, arg: Int32(flags.rawValue), nullable: true)
            case .capture(let group, let sub):
                let open = single(.capture, arg: Int32(2 * group), nullable: true)
                let body = compile(sub)
                let close = single(.capture, arg: Int32(2 * group + 1), nullable: true)
                return cat(cat(open, body), close)
            case .concat(let subs):
                guard var f = subs.first.map({ compile($0) }) else { return single(.nop, nullable: true) }
                for sub in subs.dropFirst() { f = cat(f, compile(sub)) }
                return f
            case .alternate(let subs):
                var f = compile(subs[0])
                for sub in subs.dropFirst() { f = alt(f, compile(sub)) }
                return f
            case .star(let sub, let greedy):
                let body = compile(sub)
                // Go compiles a nullable x* as (x+)? to keep the priority order right.
                if body.nullable { return quest(plus(body, greedy), greedy) }
                return loop(body, greedy)
            case .plus(let sub, let greedy): return plus(compile(sub), greedy)
            case .quest(let sub, let greedy): return quest(compile(sub), greedy)
            case .repetition: return compile(Compiler.simplify(node))
            }
        }

        private mutating func cat(_ a: Fragment, _ b: Fragment) -> Fragment {
            patch(a.outs, to: b.start)
            return Fragment(start: a.start, outs: b.outs, nullable: a.nullable && b.nullable)
        }

        private mutating func alt(_ a: Fragment, _ b: Fragment) -> Fragment {
            let i = emit(.alt)
            insts[Int(i)].out = a.start
            insts[Int(i)].arg = b.start
            return Fragment(start: i, outs: a.outs + b.outs, nullable: a.nullable || b.nullable)
        }

        private mutating func quest(_ a: Fragment, _ greedy: Bool) -> Fragment {
            let i = emit(.alt)
            var outs: [Int32]
            if greedy {
                insts[Int(i)].out = a.start
                outs = [i << 1 | 1]
            } else {
                insts[Int(i)].arg = a.start
                outs = [i << 1]
            }
            outs += a.outs
            return Fragment(start: i, outs: outs, nullable: true)
        }

        private mutating func loop(_ a: Fragment, _ greedy: Bool) -> Fragment {
            let i = emit(.alt)
            let outs: [Int32]
            if greedy {
                insts[Int(i)].out = a.start
                outs = [i << 1 | 1]
            } else {
                insts[Int(i)].arg = a.start
                outs = [i << 1]
            }
            patch(a.outs, to: i)
            return Fragment(start: i, outs: outs, nullable: a.nullable)
        }

        private mutating func plus(_ a: Fragment, _ greedy: Bool) -> Fragment {
            Fragment(start: a.start, outs: loop(a, greedy).outs, nullable: a.nullable)
        }

        /// Go's `Simplify`: counted repetitions become copies (`x{2,4}` = `xx(x(x)?)?`) and
        /// redundant nestings of the same operator collapse (`(?:x*)*` = `x*`).
        static func simplify(_ node: RegexNode) -> RegexNode {
            switch node {
            case .capture(let group, let sub): return .capture(group, simplify(sub))
            case .concat(let subs): return .concat(subs.map(simplify))
            case .alternate(let subs): return .alternate(subs.map(simplify))
            case .star(let sub, let greedy): return simplified(.star, simplify(sub), greedy)
            case .plus(let sub, let greedy): return simplified(.plus, simplify(sub), greedy)
            case .quest(let sub, let greedy): return simplified(.quest, simplify(sub), greedy)
            case .repetition(let sub0, let min, let max, let greedy):
                if min == 0 && max == 0 { return .empty }
                let sub = simplify(sub0)
                if max == -1 {
                    if min == 0 { return simplified(.star, sub, greedy) }
                    if min == 1 { return simplified(.plus, sub, greedy) }
                    return .concat(Array(repeating: sub, count: min - 1) + [simplified(.plus, sub, greedy)])
                }
                if min == 1 && max == 1 { return sub }
                var prefix: [RegexNode] = Array(repeating: sub, count: min)
                if max > min {
                    var suffix = simplified(.quest, sub, greedy)
                    for _ in (min + 1)..<max {
                        suffix = simplified(.quest, .concat([sub, suffix]), greedy)
                    }
                    prefix.append(suffix)
                }
                return prefix.count == 1 ? prefix[0] : .concat(prefix)
            default: return node
            }
        }

        private enum Unary { case star, plus, quest }

        private static func simplified(_ op: Unary, _ sub: RegexNode, _ greedy: Bool) -> RegexNode {
            if case .empty = sub { return sub }
            switch (op, sub) {
            case (.star, .star(_, let g)) where g == greedy: return sub
            case (.plus, .plus(_, let g)) where g == greedy: return sub
            case (.quest, .quest(_, let g)) where g == greedy: return sub
            default: break
            }
            switch op {
            case .star: return .star(sub, greedy: greedy)
            case .plus: return .plus(sub, greedy: greedy)
            case .quest: return .quest(sub, greedy: greedy)
            }
        }
    }
}
