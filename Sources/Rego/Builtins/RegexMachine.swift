/// Go's Pike VM (regexp/exec.go) over a `RegexProgram`: all threads advance together one code
/// point at a time, so matching is linear in the input whatever the pattern (no catastrophic
/// backtracking on `(a+)+$`), and thread priority gives Go's leftmost-first results and captures.
///
/// All scratch space comes from one temporary allocation (on the stack when small), so a match
/// allocates nothing but its result.
struct RegexMachine {
    private let program: RegexProgram
    private let text: UnsafeBufferPointer<UInt8>
    private let slotCount: Int

    /// The threads at one input position: a sparse set of program counters; each consuming
    /// instruction carries its capture slots.
    private struct Queue {
        let sparse: UnsafeMutablePointer<Int32>
        let pcs: UnsafeMutablePointer<Int32>
        /// 1 when the entry is a consuming instruction (a thread), 0 for pass-through states.
        let holdsThread: UnsafeMutablePointer<Int32>
        let slots: UnsafeMutablePointer<Int>
        var count = 0

        @inline(__always) func contains(_ pc: Int) -> Bool {
            let j = Int(sparse[pc])
            return j < count && pcs[j] == Int32(pc)
        }
    }

    private struct StackItem {
        var pc: Int32
        var restoreSlot: Int32
        var value: Int
    }

    private var runQueue: Queue
    private var nextQueue: Queue
    private let scratch: UnsafeMutablePointer<Int>
    private let stack: UnsafeMutablePointer<StackItem>

    /// Runs `body` with a machine for `text`. `slotCount` 0 only reports whether there is a
    /// match; 2 gives its bounds; the program's full count gives every group.
    static func with<R>(
        _ program: RegexProgram, _ text: UnsafeBufferPointer<UInt8>, slotCount: Int, _ body: (inout RegexMachine) -> R
    ) -> R {
        let n = program.insts.count
        // Per queue: sparse, pcs, holdsThread (Int32 each) and the slots; then scratch slots and
        // the explicit stack (each instruction pushes at most two visits and one restore).
        let int32s = 6 * n
        let ints = 2 * n * slotCount + slotCount
        let stackItems = 3 * n + 2
        let intOffset = (int32s * 4 + 7) & ~7
        let stackOffset = (intOffset + ints * 8 + MemoryLayout<StackItem>.alignment - 1) & ~(MemoryLayout<StackItem>.alignment - 1)
        let bytes = stackOffset + stackItems * MemoryLayout<StackItem>.stride
        return withUnsafeTemporaryAllocation(byteCount: bytes, alignment: 16) { raw in
            let base = raw.baseAddress!
            let i32 = base.bindMemory(to: Int32.self, capacity: int32s)
            let intPtr = (base + intOffset).bindMemory(to: Int.self, capacity: ints)
            let stack = (base + stackOffset).bindMemory(to: StackItem.self, capacity: stackItems)
            var machine = RegexMachine(
                program: program, text: text, slotCount: slotCount,
                runQueue: Queue(sparse: i32, pcs: i32 + n, holdsThread: i32 + 2 * n, slots: intPtr),
                nextQueue: Queue(sparse: i32 + 3 * n, pcs: i32 + 4 * n, holdsThread: i32 + 5 * n, slots: intPtr + n * slotCount),
                scratch: intPtr + 2 * n * slotCount, stack: stack)
            return body(&machine)
        }
    }

    private init(
        program: RegexProgram, text: UnsafeBufferPointer<UInt8>, slotCount: Int, runQueue: Queue, nextQueue: Queue,
        scratch: UnsafeMutablePointer<Int>, stack: UnsafeMutablePointer<StackItem>
    ) {
        self.program = program
        self.text = text
        self.slotCount = slotCount
        self.runQueue = runQueue
        self.nextQueue = nextQueue
        self.scratch = scratch
        self.stack = stack
        // The sparse arrays may hold garbage: `contains` double-checks against the dense side.
        for k in 0..<program.insts.count {
            runQueue.sparse[k] = 0
            nextQueue.sparse[k] = 0
        }
    }

    static let endOfText: Int32 = -1

    /// The code point at byte `pos` and its width (`endOfText`, 0 at the end).
    @inline(__always)
    private func step(_ pos: Int) -> (Int32, Int) {
        guard pos < text.count else { return (RegexMachine.endOfText, 0) }
        let lead = UInt32(text[pos])
        if lead < 0x80 { return (Int32(lead), 1) }
        if lead < 0xE0 { return (Int32((lead & 0x1F) << 6 | UInt32(text[pos + 1] & 0x3F)), 2) }
        if lead < 0xF0 {
            return (Int32((lead & 0x0F) << 12 | UInt32(text[pos + 1] & 0x3F) << 6 | UInt32(text[pos + 2] & 0x3F)), 3)
        }
        let v = (lead & 0x07) << 18 | UInt32(text[pos + 1] & 0x3F) << 12 | UInt32(text[pos + 2] & 0x3F) << 6
            | UInt32(text[pos + 3] & 0x3F)
        return (Int32(v), 4)
    }

    /// The code point ending at byte `pos` (`endOfText` at the start).
    private func runeBefore(_ pos: Int) -> Int32 {
        guard pos > 0 else { return RegexMachine.endOfText }
        var start = pos - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return step(start).0
    }

    @inline(__always)
    private static func isWordChar(_ r: Int32) -> Bool {
        (r >= 48 && r <= 57) || (r >= 65 && r <= 90) || (r >= 97 && r <= 122) || r == 95
    }

    /// The assertions that hold between code points `before` and `after`.
    @inline(__always)
    private static func context(_ before: Int32, _ after: Int32) -> RegexAssertion {
        var flags: RegexAssertion = []
        if before < 0 {
            flags.formUnion([.beginText, .beginLine])
        } else if before == 10 {
            flags.insert(.beginLine)
        }
        if after < 0 {
            flags.formUnion([.endText, .endLine])
        } else if after == 10 {
            flags.insert(.endLine)
        }
        flags.insert(isWordChar(before) != isWordChar(after) ? .wordBoundary : .noWordBoundary)
        return flags
    }

    /// The leftmost-first match starting at or after byte `from`: its slots (an empty array
    /// when `slotCount` is 0), or nil.
    mutating func match(from: Int) -> [Int]? {
        var matched = false
        var matchSlots = [Int](repeating: -1, count: slotCount)
        runQueue.count = 0
        nextQueue.count = 0
        var pos = from
        var (r, width) = step(pos)
        var (r1, width1) = r != RegexMachine.endOfText ? step(pos + width) : (RegexMachine.endOfText, 0)
        var flags = RegexMachine.context(pos == 0 ? RegexMachine.endOfText : runeBefore(pos), r)
        while true {
            if runQueue.count == 0 {
                if program.anchoredStart && pos != 0 { break }
                if matched { break }
            }
            if !matched && (pos == 0 || !program.anchoredStart) {
                if slotCount > 0 {
                    for k in 0..<slotCount { scratch[k] = -1 }
                    scratch[0] = pos
                }
                add(toNext: false, program.start, pos, flags)
            }
            flags = RegexMachine.context(r, r1)
            advance(pos: pos, nextPos: pos + width, rune: r, nextFlags: flags, matched: &matched, matchSlots: &matchSlots)
            if width == 0 { break }
            if slotCount == 0 && matched { break }
            pos += width
            (r, width) = (r1, width1)
            if r != RegexMachine.endOfText { (r1, width1) = step(pos + width) }
            swap(&runQueue, &nextQueue)
        }
        return matched ? matchSlots : nil
    }

    /// Runs the consuming instructions of `runQueue` on `rune`, filling `nextQueue`.
    private mutating func advance(
        pos: Int, nextPos: Int, rune: Int32, nextFlags: RegexAssertion, matched: inout Bool, matchSlots: inout [Int]
    ) {
        var j = 0
        while j < runQueue.count {
            defer { j += 1 }
            guard runQueue.holdsThread[j] != 0 else { continue }
            let inst = program.insts[Int(runQueue.pcs[j])]
            let proceed: Bool
            switch inst.op {
            case .match:
                if slotCount > 0 {
                    let base = j * slotCount
                    for k in 0..<slotCount { matchSlots[k] = runQueue.slots[base + k] }
                    matchSlots[1] = pos
                }
                matched = true
                // First match wins: lower-priority threads are cut off.
                runQueue.count = 0
                return
            case .rune: proceed = rune >= 0 && program.classes[Int(inst.arg)].contains(UInt32(rune))
            case .rune1: proceed = rune == inst.arg
            case .anyRune: proceed = rune >= 0
            case .anyRuneNotNewline: proceed = rune >= 0 && rune != 10
            default: proceed = false
            }
            if proceed {
                if slotCount > 0 {
                    let base = j * slotCount
                    for k in 0..<slotCount { scratch[k] = runQueue.slots[base + k] }
                }
                add(toNext: true, Int(inst.out), nextPos, nextFlags)
            }
        }
        runQueue.count = 0
    }

    /// Adds the thread at `pc` and everything reachable without consuming input, in priority
    /// order, carrying `scratch` as the capture slots (Go's recursive `add`, with an explicit
    /// stack so deep programs cannot overflow the thread's stack).
    private mutating func add(toNext: Bool, _ pc0: Int, _ pos: Int, _ flags: RegexAssertion) {
        var q = toNext ? nextQueue : runQueue
        defer { if toNext { nextQueue.count = q.count } else { runQueue.count = q.count } }
        var top = 0
        stack[0] = StackItem(pc: Int32(pc0), restoreSlot: -1, value: 0)
        top = 1
        while top > 0 {
            top -= 1
            let item = stack[top]
            if item.restoreSlot >= 0 {
                scratch[Int(item.restoreSlot)] = item.value
                continue
            }
            let pc = Int(item.pc)
            if pc == 0 || q.contains(pc) { continue }
            let j = q.count
            q.count += 1
            q.pcs[j] = Int32(pc)
            q.sparse[pc] = Int32(j)
            q.holdsThread[j] = 0
            let inst = program.insts[pc]
            switch inst.op {
            case .fail: break
            case .alt:
                stack[top] = StackItem(pc: inst.arg, restoreSlot: -1, value: 0)
                stack[top + 1] = StackItem(pc: inst.out, restoreSlot: -1, value: 0)
                top += 2
            case .assertion:
                if flags.isSuperset(of: RegexAssertion(rawValue: UInt8(inst.arg))) {
                    stack[top] = StackItem(pc: inst.out, restoreSlot: -1, value: 0)
                    top += 1
                }
            case .nop:
                stack[top] = StackItem(pc: inst.out, restoreSlot: -1, value: 0)
                top += 1
            case .capture:
                let slot = Int(inst.arg)
                if slot < slotCount {
                    stack[top] = StackItem(pc: 0, restoreSlot: Int32(slot), value: scratch[slot])
                    top += 1
                    scratch[slot] = pos
                }
                stack[top] = StackItem(pc: inst.out, restoreSlot: -1, value: 0)
                top += 1
            case .match, .rune, .rune1, .anyRune, .anyRuneNotNewline:
                q.holdsThread[j] = 1
                if slotCount > 0 {
                    let base = j * slotCount
                    for k in 0..<slotCount { q.slots[base + k] = scratch[k] }
                }
            }
        }
    }
}
