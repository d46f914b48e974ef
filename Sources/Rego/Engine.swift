/// The façade of the Rego engine: compile modules and data once, prepare queries, evaluate many times.
///
///     let policy = try CompiledPolicy(modules: [SourceFile(name: "p.rego", text: src)], data: data)
///     let query = try policy.prepare("data.airlock.decision")
///     let results = try query.evaluate(input: input)
///
/// A `CompiledPolicy` is immutable and `Sendable`; a `PreparedQuery` may be evaluated from any thread
/// (each evaluation has its own scratch state).
public struct EvaluationOptions: Sendable {
    /// Builtin errors abort evaluation (OPA's `--strict-builtin-errors`) instead of making the
    /// expression undefined.
    public var strictBuiltinErrors: Bool = false
    /// Maximum evaluation steps before `eval_limit_error` (guards against hostile policies).
    public var maxSteps: Int = 50_000_000
    /// Maximum nesting of rule and function calls before `eval_limit_error`.
    public var maxDepth: Int = 1_000
    /// Stack the evaluator may use below its entry point before `eval_limit_error`. Deep
    /// recursion in a hostile policy (`f(x) := f(x + 1)`) must end in an error, never in a stack
    /// overflow; one nested rule call takes a few KiB, so the default allows a few hundred.
    public var maxStackBytes: Int = 1 << 20
    /// `time.now_ns()` for this evaluation; nil means the current wall clock.
    public var nowNanos: Int? = nil
    /// Where `print` writes.
    public var printSink: @Sendable (String) -> Void = { _ in }

    public init() {}
}

/// One solution of a query: the value of each expression and the bindings of the query's variables.
public struct QueryResult: Sendable, Hashable {
    public struct Expression: Sendable, Hashable {
        public var value: Value
        /// The expression's source text, as `opa eval` reports it.
        public var text: String
        public var location: SourceLocation

        public init(value: Value, text: String, location: SourceLocation) {
            self.value = value
            self.text = text
            self.location = location
        }
    }

    public var expressions: [Expression]
    /// Variables of the query (generated and `_` variables excluded), by name.
    public var bindings: [String: Value]

    public init(expressions: [Expression], bindings: [String: Value]) {
        self.expressions = expressions
        self.bindings = bindings
    }
}

/// Modules and base data compiled together: parsed, checked, indexed. Immutable and shareable.
public final class CompiledPolicy: Sendable {
    /// The base `data` document the modules were compiled against.
    public let data: Value
    let program: Program

    /// Parses and compiles `modules` with `data` as the base document. Errors carry file:line:col.
    public init(modules: [SourceFile], data: Value = .emptyObject) throws(RegoError) {
        self.data = data
        self.program = try Compiler.compile(modules: modules, data: data)
    }

    /// Prepares a query (`data.airlock.decision`, `x := data.p[_]; x > 1`) for repeated evaluation.
    public func prepare(_ query: String) throws(RegoError) -> PreparedQuery {
        try PreparedQuery(policy: self, query: query)
    }

    /// Names of all rules whose last path segment starts with `test_` (for `airlock test`), as
    /// full paths such as `data.pkg.test_allow`.
    public var testRuleNames: [String] { program.testRuleNames }
}

/// A query compiled against a policy; evaluate it as often as needed.
public struct PreparedQuery: Sendable {
    public let policy: CompiledPolicy
    public let text: String
    let compiled: CompiledQuery
    let pool = EvaluationPool()

    init(policy: CompiledPolicy, query: String) throws(RegoError) {
        self.policy = policy
        self.text = query
        self.compiled = try Compiler.compileQuery(query, program: policy.program)
    }

    /// The value of the query's first expression for this input, or nil when undefined: the
    /// decision path (`data.airlock.decision`), with no result set built.
    public func evaluateValue(input: Value? = nil, options: EvaluationOptions = EvaluationOptions())
        throws(RegoError) -> Value?
    {
        try Evaluator.evaluateValue(
            compiled, program: policy.program, data: policy.data, input: input, options: options, pool: pool)
    }

    /// Every solution of the query for this input; empty when the query is undefined.
    public func evaluate(input: Value? = nil, options: EvaluationOptions = EvaluationOptions())
        throws(RegoError) -> [QueryResult]
    {
        try Evaluator.evaluate(
            compiled, program: policy.program, data: policy.data, input: input, options: options, pool: pool)
    }
}
