import Testing

@testable import Rego

/// One call of a builtin and what OPA answers for it (values and messages taken from OPA's
/// conformance cases and documentation).
struct BuiltinCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case value(Value)
        case undefined
        /// `eval_type_error` whose message (without the builtin's name) contains the text.
        case typeError(String)
        /// `eval_builtin_error` whose message (without the builtin's name) contains the text.
        case builtinError(String)
    }

    let name: String
    let args: [Value]
    let expected: Expected

    init(_ name: String, _ args: [Value], _ expected: Expected) {
        self.name = name
        self.args = args
        self.expected = expected
    }

    var testDescription: String { "\(name)(\(args.map(\.description).joined(separator: ", ")))" }

    /// Runs the builtin and records a failure if OPA would answer differently.
    func check(now: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let builtin = BuiltinTable.lookup(name) else {
            Issue.record("builtin \(name) is not registered", sourceLocation: sourceLocation)
            return
        }
        #expect(builtin.arity == args.count, "arity of \(name)", sourceLocation: sourceLocation)
        let outcome = Result { () throws(BuiltinError) -> Value? in
            try builtin.implementation(args, BuiltinContext(strict: true, nowNanos: now))
        }
        switch (expected, outcome) {
        case (.value(let want), .success(let got)):
            #expect(got == want, "\(testDescription)", sourceLocation: sourceLocation)
            // Equal numbers may still print differently (1 vs 1.0); OPA's output is the text.
            if let got, got == want {
                #expect(got.jsonText() == want.jsonText(), sourceLocation: sourceLocation)
            }
        case (.undefined, .success(let got)):
            #expect(got == nil, "\(testDescription) should be undefined", sourceLocation: sourceLocation)
        case (.typeError(let text), .failure(let error)):
            #expect(error.kind == .type, "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        case (.builtinError(let text), .failure(let error)):
            #expect(error.kind == .builtin, "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        case (_, .failure(let error)):
            Issue.record("\(testDescription) failed: \(error.message)", sourceLocation: sourceLocation)
        case (_, .success(let got)):
            Issue.record("\(testDescription) gave \(got?.description ?? "undefined")", sourceLocation: sourceLocation)
        }
    }
}

/// A value written as JSON text (tests only: traps on malformed text).
func json(_ text: String) -> Value {
    do {
        return try JSONTextParser.parse(text)
    } catch {
        fatalError("bad JSON in test: \(text): \(error)")
    }
}

/// A set of the given members.
func set(_ members: Value...) -> Value { .set(RegoSet(members)) }

/// A set of the members of a JSON array.
func set(json text: String) -> Value { .set(RegoSet(json(text).arrayValue ?? [])) }

extension Value {
    static func str(_ s: String) -> Value { .string(s) }
}

/// Calls a builtin directly (strict), for tests that inspect results themselves.
func call(_ name: String, _ args: Value..., now: Int = 0) throws(BuiltinError) -> Value? {
    try BuiltinTable.lookup(name)!.implementation(args, BuiltinContext(strict: true, nowNanos: now))
}
