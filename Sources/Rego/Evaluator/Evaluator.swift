/// Entry point: runs a compiled query against a program for one input.
enum Evaluator {
    static func evaluate(_ query: CompiledQuery, program: Program, data: Value, input: Value?, options: EvaluationOptions)
        throws(RegoError) -> [QueryResult]
    {
        let evaluation = Evaluation(program: program, data: data, input: input, options: options)
        return try evaluation.run(query)
    }
}

/// What a continuation returns: `true` stops the enumeration (an answer is settled).
typealias Continuation = () throws(RegoError) -> Bool
typealias ValueContinuation = (Value) throws(RegoError) -> Bool

/// The scratch state of one evaluation: variable frames, the undo trail, rule caches and `with`
/// overrides. Owned by one thread; never shared.
final class Evaluation {
    let program: Program
    /// All frames, contiguously; `base` is the start of the current frame.
    var slots: ContiguousArray<Value?> = []
    var base = 0
    /// Absolute slot indices bound since each choice point, undone on backtracking.
    var trail: ContiguousArray<Int> = []

    var input: Value?
    var data: Value
    var cache: [ObjectIdentifier: Value?] = [:]
    /// Rule paths replaced by `with data.… as …` (their rules are ignored; the value is in `data`).
    var maskedPaths: Set<[String]> = []
    var functionOverrides: [String: FunctionOverride] = [:]

    var steps = 0
    let maxSteps: Int
    var depth = 0
    let maxDepth: Int
    let strict: Bool
    let builtinContext: BuiltinContext

    enum FunctionOverride {
        case callee(Callee)
        case value(Value)
    }

    init(program: Program, data: Value, input: Value?, options: EvaluationOptions) {
        self.program = program
        self.data = data
        self.input = input
        self.maxSteps = options.maxSteps
        self.maxDepth = options.maxDepth
        self.strict = options.strictBuiltinErrors
        self.builtinContext = BuiltinContext(
            strict: options.strictBuiltinErrors, nowNanos: options.nowNanos ?? 0,
            printSink: options.printSink)
        slots.reserveCapacity(256)
        trail.reserveCapacity(256)
    }

    func run(_ query: CompiledQuery) throws(RegoError) -> [QueryResult] {
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
        slots.removeLast(size)
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
    }
}
