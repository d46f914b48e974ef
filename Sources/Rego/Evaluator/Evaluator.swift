import Synchronization

/// Entry point: runs a compiled query against a program for one input.
enum Evaluator {
    static func evaluate(
        _ query: CompiledQuery, program: Program, data: Value, input: Value?, options: EvaluationOptions,
        pool: EvaluationPool
    ) throws(RegoError) -> [QueryResult] {
        let evaluation = pool.take(program: program)
        defer { pool.give(evaluation) }
        evaluation.reset(data: data, input: input, options: options)
        return try evaluation.run(query)
    }

    /// The value of a one-expression query (`data.airlock.decision`) without building result
    /// sets: the decision path.
    static func evaluateValue(
        _ query: CompiledQuery, program: Program, data: Value, input: Value?, options: EvaluationOptions,
        pool: EvaluationPool
    ) throws(RegoError) -> Value? {
        let evaluation = pool.take(program: program)
        defer { pool.give(evaluation) }
        evaluation.reset(data: data, input: input, options: options)
        return try evaluation.firstValue(query)
    }
}

/// Reusable evaluation contexts for one prepared query: frames, trail and caches keep their
/// capacity between evaluations, so a warm decision allocates almost nothing.
final class EvaluationPool: Sendable {
    private let idle = Mutex<[Evaluation]>([])
    private static let capacity = 16

    init() {}

    func take(program: Program) -> Evaluation {
        idle.withLock { $0.popLast() } ?? Evaluation(program: program)
    }

    func give(_ evaluation: Evaluation) {
        idle.withLock { list in
            if list.count < EvaluationPool.capacity { list.append(evaluation) }
        }
    }
}

/// What a continuation returns: `true` stops the enumeration (an answer is settled).
typealias Continuation = () throws(RegoError) -> Bool
typealias ValueContinuation = (Value) throws(RegoError) -> Bool

/// The scratch state of one evaluation: variable frames, the undo trail, rule caches and `with`
/// overrides. `@unchecked Sendable` because the pool hands each one to a single evaluation at a
/// time; it is never used by two threads at once.
final class Evaluation: @unchecked Sendable {
    let program: Program
    /// All frames, contiguously; `base` is the start of the current frame.
    var slots: ContiguousArray<Value?> = []
    var base = 0
    /// Absolute slot indices bound since each choice point, undone on backtracking.
    var trail: ContiguousArray<Int> = []

    var input: Value?
    /// `data` as `with` modifiers leave it (the base document merged with their replacements).
    var data: Value = .emptyObject
    /// The base document the policy was compiled with, whatever `with` does (scan indexes are
    /// built from it).
    var baseData: Value = .emptyObject
    /// Rule values of this evaluation, by rule set id; an entry counts only when its generation
    /// is the current one, so a new evaluation invalidates them all at once.
    var ruleCache: ContiguousArray<CacheEntry> = []
    var generation: UInt32 = 0
    /// Rule values while `with` overrides are active (a fresh map per override).
    var cache: [ObjectIdentifier: Value?] = [:]
    /// How many `with` modifiers are in force.
    var overrideDepth = 0

    struct CacheEntry {
        var generation: UInt32
        var value: Value?
    }
    /// Rule paths replaced by `with data.… as …` (their rules are ignored; the value is in `data`).
    var maskedPaths: Set<[String]> = []
    var functionOverrides: [String: FunctionOverride] = [:]

    var steps = 0
    var maxSteps = 0
    var depth = 0
    var maxDepth = 0
    var maxStackBytes = 0
    /// Address of a local in the frame that started this evaluation (the stack grows down).
    var stackEntry: UInt = 0
    var strict = false
    var builtinContext = BuiltinContext()

    enum FunctionOverride {
        case callee(Callee)
        case value(Value)
    }

    init(program: Program) {
        self.program = program
        slots.reserveCapacity(256)
        trail.reserveCapacity(256)
    }

    /// Prepares for a new evaluation, keeping the capacity of every buffer.
    func reset(data: Value, input: Value?, options: EvaluationOptions) {
        slots.removeAll(keepingCapacity: true)
        trail.removeAll(keepingCapacity: true)
        base = 0
        if !cache.isEmpty { cache.removeAll(keepingCapacity: true) }
        generation &+= 1
        if generation == 0 {
            // Wrapped around: old entries could look current.
            ruleCache = ContiguousArray(repeating: CacheEntry(generation: 0, value: nil), count: program.ruleSetCount)
            generation = 1
        }
        if ruleCache.count != program.ruleSetCount {
            ruleCache = ContiguousArray(repeating: CacheEntry(generation: 0, value: nil), count: program.ruleSetCount)
        }
        overrideDepth = 0
        if !maskedPaths.isEmpty { maskedPaths.removeAll() }
        if !functionOverrides.isEmpty { functionOverrides.removeAll() }
        self.data = data
        self.baseData = data
        self.input = input
        steps = 0
        depth = 0
        maxSteps = options.maxSteps
        maxDepth = options.maxDepth
        maxStackBytes = options.maxStackBytes
        strict = options.strictBuiltinErrors
        builtinContext = BuiltinContext(
            strict: options.strictBuiltinErrors, nowNanos: options.nowNanos ?? WallClock.nowNanos(), printSink: options.printSink)
    }

    /// The first value of the query's first expression, or nil when undefined.
    func firstValue(_ query: CompiledQuery) throws(RegoError) -> Value? {
        markStackEntry()
        let saved = pushFrame(query.frameSize)
        defer { popFrame(saved, query.frameSize) }
        var result: Value?
        let slot = query.expressions.first?.slot ?? -1
        _ = try evalBody(query.body, 0) { () throws(RegoError) -> Bool in
            result = slot >= 0 ? (self.slots[self.base + slot] ?? .true) : .true
            return true
        }
        return result
    }

    func run(_ query: CompiledQuery) throws(RegoError) -> [QueryResult] {
        markStackEntry()
        let saved = pushFrame(query.frameSize)
        defer { popFrame(saved, query.frameSize) }
        var results: [QueryResult] = []
        _ = try evalBody(query.body, 0) { () throws(RegoError) -> Bool in
            var bindings: [String: Value] = [:]
            for (name, slot) in query.bindings {
                if let v = self.slots[self.base + slot] { bindings[name] = v }
            }
            var expressions: [QueryResult.Expression] = []
            for e in query.expressions {
                expressions.append(
                    QueryResult.Expression(value: self.slots[self.base + e.slot] ?? .true, text: e.text, location: e.location))
            }
            results.append(QueryResult(expressions: expressions, bindings: bindings))
            return false
        }
        return results
    }

    // MARK: Frames and bindings

    @inline(__always) func pushFrame(_ size: Int) -> Int {
        let saved = base
        base = slots.count
        for _ in 0..<size { slots.append(nil) }
        return saved
    }

    @inline(__always) func popFrame(_ saved: Int, _ size: Int) {
        // One element at a time: `removeLast(_:)` goes through the generic `replaceSubrange`,
        // which costs more than the few slots of a frame.
        for _ in 0..<size { slots.removeLast() }
        base = saved
    }

    @inline(__always) func bind(_ slot: Int, _ value: Value) {
        let i = base + slot
        slots[i] = value
        trail.append(i)
    }

    @inline(__always) func undo(to mark: Int) {
        while trail.count > mark { slots[trail.removeLast()] = nil }
    }

    @inline(__always) func value(ofSlot slot: Int) -> Value? { slots[base + slot] }

    @inline(__always) func step(_ location: SourceLocation) throws(RegoError) {
        steps += 1
        if steps > maxSteps {
            throw RegoError(.limit, "evaluation exceeded \(maxSteps) steps", at: location)
        }
        try checkStack(location)
    }

    @inline(never) func markStackEntry() {
        var marker: UInt8 = 0
        stackEntry = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Fails cleanly when evaluation has used more than its stack budget.
    @inline(__always) func checkStack(_ location: SourceLocation?) throws(RegoError) {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if stackEntry > here && stackEntry - here > UInt(maxStackBytes) {
            throw RegoError(.limit, "evaluation exceeded its stack budget of \(maxStackBytes) bytes (recursion too deep)", at: location)
        }
    }
}
