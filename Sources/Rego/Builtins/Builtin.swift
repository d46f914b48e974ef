import Synchronization

/// One builtin function: its OPA name, how many operands it takes, and its implementation.
///
/// Implementations return `nil` when the result is undefined (OPA's "no result" without error) and
/// throw `BuiltinError` for bad operands. The evaluator prefixes messages with the builtin's name and
/// decides, from strict mode, whether the error aborts evaluation or makes the expression undefined.
public struct Builtin: Sendable {
    public typealias Implementation =
        @Sendable (_ args: [Value], _ context: BuiltinContext) throws(BuiltinError) -> Value?

    public let name: String
    /// Number of operands. A call with `arity + 1` arguments binds its last argument to the result.
    public let arity: Int
    public let implementation: Implementation
    /// Builtins whose result changes between calls with equal operands (`time.now_ns`, `rand.*`):
    /// never folded at compile time or memoised.
    public let isNondeterministic: Bool

    public init(
        _ name: String, arity: Int, nondeterministic: Bool = false,
        _ implementation: @escaping Implementation
    ) {
        self.name = name
        self.arity = arity
        self.isNondeterministic = nondeterministic
        self.implementation = implementation
    }
}

/// Why a builtin refused its operands. `type` becomes OPA's `eval_type_error`, `builtin` its
/// `eval_builtin_error`; both are raised only in strict mode, otherwise the call is undefined.
public struct BuiltinError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case type
        case builtin
    }

    public var kind: Kind
    /// The message without the builtin's name: `operand 1 must be string but got number`.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `operand N must be EXPECTED but got TYPE`, OPA's wording for a wrong operand kind.
    public static func operand(_ position: Int, mustBe expected: String, got value: Value) -> BuiltinError {
        BuiltinError(.type, "operand \(position) must be \(expected) but got \(value.typeName)")
    }

    public static func builtin(_ message: String) -> BuiltinError { BuiltinError(.builtin, message) }
}

/// What a builtin may use besides its operands. One context per query evaluation.
public struct BuiltinContext: Sendable {
    /// Strict builtin errors (`--strict-builtin-errors`): errors abort instead of making undefined.
    public var strict: Bool
    /// `time.now_ns()`: fixed for one query evaluation, as OPA does.
    public var nowNanos: Int
    /// Caches of compiled regular expressions and globs, shared across evaluations.
    public var caches: BuiltinCaches
    /// Where `print` writes (stderr in the CLI, captured in tests).
    public var printSink: @Sendable (String) -> Void

    public init(
        strict: Bool = false, nowNanos: Int = 0, caches: BuiltinCaches = .shared,
        printSink: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.strict = strict
        self.nowNanos = nowNanos
        self.caches = caches
        self.printSink = printSink
    }
}

/// Bounded caches for compiled patterns. Keyed by pattern text; cleared wholesale when full so a
/// hostile policy cannot grow memory without bound.
public final class BuiltinCaches: Sendable {
    public static let shared = BuiltinCaches()
    public static let capacity = 1024

    private let entries = Mutex<[String: any Sendable]>([:])

    public init() {}

    /// Returns the cached value for `key`, or builds, stores and returns it.
    public func value<T: Sendable>(
        for key: String, build: () throws(BuiltinError) -> T
    ) throws(BuiltinError) -> T {
        if let hit = entries.withLock({ $0[key] }) as? T { return hit }
        let built = try build()
        entries.withLock { dict in
            if dict.count >= BuiltinCaches.capacity { dict.removeAll(keepingCapacity: true) }
            dict[key] = built
        }
        return built
    }
}
