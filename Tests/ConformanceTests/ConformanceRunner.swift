import Foundation
import Rego

/// Runs OPA conformance cases against the Airlock engine the way OPA's own runner
/// (`v1/topdown/exported_test.go`) does, and classifies each one.
///
/// OPA's rules, reproduced here:
/// - modules are named `test-<i>.rego`; `data` (default `{}`) is the base document;
/// - `input_term` is Rego term text (it may contain sets); `input` is JSON;
/// - `strict_error` turns on strict builtin errors;
/// - `want_result` and the actual bindings are compared as *sets* of binding objects, after
///   converting each binding to JSON (sets become sorted arrays, non-string object keys become
///   their JSON text), with array-valued bindings sorted when `sort_bindings` is set; numbers
///   compare by value;
/// - `want_error_code` must equal the error's code, and `want_error` must be a substring of the
///   full error text `file:row: code: message` (OPA's `topdown.Error.Error()`; its locations
///   print the row only), so both "message only" and "located" expectations work.
///
/// Errors are compared whatever stage raised them (compile, prepare or evaluate): what matters
/// to a user is the error they see.
struct ConformanceRunner: Sendable {
    enum Outcome: Sendable, Equatable {
        case passed
        /// With a one-line explanation.
        case failed(String)
        /// With the reason it could not be attempted.
        case notRun(String)
    }

    /// Case ids not to attempt because they crashed the engine in an earlier run.
    var skip: Set<String> = []
    /// Where to announce each case before running it (crash tracing); nil for silence.
    var trace: Trace? = nil

    private static let inputVariable = "airlockconformanceinput"

    func run(_ testCase: ConformanceCase) -> Outcome {
        if skip.contains(testCase.id) { return .notRun("crashed the engine in an earlier run") }
        trace?.write("▶ \(testCase.id)\t\(testCase.source)")
        return attempt(testCase)
    }

    private func attempt(_ testCase: ConformanceCase) -> Outcome {
        let input: Value?
        switch testCase.input {
        case .none: input = nil
        case .value(let value): input = value
        case .term(let text):
            switch Self.evaluateTerm(text) {
            case .success(let value): input = value
            case .failure(let reason): return .notRun("input_term (\(reason))")
            }
        }

        let results: [QueryResult]
        do throws(RegoError) {
            let modules = testCase.modules.enumerated().map { SourceFile(name: "test-\($0.offset).rego", text: $0.element) }
            let policy = try CompiledPolicy(modules: modules, data: testCase.data)
            let query = try policy.prepare(testCase.query)
            var options = EvaluationOptions()
            options.strictBuiltinErrors = testCase.strictError
            results = try query.evaluate(input: input, options: options)
        } catch {
            if let builtin = Self.missingBuiltin(in: error) { return .notRun("missing builtin \(builtin)") }
            return Self.judge(error: error, for: testCase)
        }
        return Self.judge(results: results.map(\.bindings), for: testCase)
    }

    // MARK: - Judging (static so tests can drive them with synthetic results)

    static func judge(error: RegoError, for testCase: ConformanceCase) -> Outcome {
        let text = opaErrorText(error)
        guard testCase.wantsError else { return .failed("unexpected error: \(clip(text))") }
        if let code = testCase.wantErrorCode, code != error.code.rawValue {
            return .failed("want code \(code), got \(clip(text))")
        }
        if let wanted = testCase.wantError, !wanted.isEmpty, !text.contains(wanted) {
            return .failed("want error containing \(quote(wanted)), got \(clip(text))")
        }
        return .passed
    }

    static func judge(results: [[String: Value]], for testCase: ConformanceCase) -> Outcome {
        if testCase.wantsError {
            let wanted = [testCase.wantErrorCode, testCase.wantError.map(quote)].compactMap { $0 }.joined(separator: " ")
            return .failed("want error \(wanted), got \(results.count) result(s)")
        }
        guard let wantResult = testCase.wantResult else {
            return .notRun("case has no want_result, want_error or want_error_code")
        }
        let got = Set(results.map { bindingObject($0, sortArrays: testCase.sortBindings) })
        let want = Set(wantResult)
        if got == want { return .passed }
        let missing = want.subtracting(got).sorted().map { $0.jsonText() }
        let extra = got.subtracting(want).sorted().map { $0.jsonText() }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing \(clip(missing.joined(separator: " ")))") }
        if !extra.isEmpty { parts.append("unexpected \(clip(extra.joined(separator: " ")))") }
        if want.isEmpty { parts.insert("want undefined", at: 0) }
        return .failed(parts.joined(separator: "; "))
    }

    /// A result's bindings as the JSON object OPA's runner builds from them.
    static func bindingObject(_ bindings: [String: Value], sortArrays: Bool) -> Value {
        .object(RegoObject(bindings.map { name, value in
            var json = jsonForm(value)
            if sortArrays, case .array(let elements) = json { json = .array(elements.sorted()) }
            return (Value.string(name), json)
        }))
    }

    /// The value as JSON can hold it: sets become arrays in OPA order, object keys strings.
    static func jsonForm(_ value: Value) -> Value {
        switch value {
        case .null, .bool, .number, .string: return value
        case .array(let elements): return .array(elements.map(jsonForm))
        case .set(let members): return .array(members.sorted.map(jsonForm))
        case .object(let object):
            return .object(RegoObject(object.map { key, member in
                (Value.string(key.stringValue ?? jsonForm(key).jsonText()), jsonForm(member))
            }))
        }
    }

    /// OPA's `topdown.Error.Error()`: `file:row: code: message`, or `code: message`.
    static func opaErrorText(_ error: RegoError) -> String {
        if let location = error.location, !location.file.isEmpty {
            return "\(location.file):\(location.line): \(error.code.rawValue): \(error.message)"
        }
        return "\(error.code.rawValue): \(error.message)"
    }

    /// The function name when compilation failed because a builtin does not exist (yet). OPA's
    /// text is `undefined function NAME`; other spellings are accepted in case the engine words
    /// it differently. A name Airlock's builtin table has, or a `data.` function, is not missing:
    /// failing to find it is an engine bug and the case fails.
    static func missingBuiltin(in error: RegoError) -> String? {
        for marker in ["undefined function ", "unknown function ", "unknown builtin ", "unsupported built-in "] {
            guard let range = error.message.range(of: marker) else { continue }
            let name = String(error.message[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
            if name.isEmpty || name.hasPrefix("data.") || BuiltinTable.lookup(name) != nil { return nil }
            return name
        }
        return nil
    }

    // MARK: - input_term

    enum TermResult { case success(Value), failure(String) }

    /// Evaluates Rego term text with the engine itself: `x := <term>` against an empty policy.
    static func evaluateTerm(_ text: String) -> TermResult {
        do throws(RegoError) {
            let policy = try CompiledPolicy(modules: [])
            let results = try policy.prepare("\(inputVariable) := \(text)").evaluate()
            guard results.count == 1, let value = results[0].bindings[inputVariable] else {
                return .failure("term gave \(results.count) results")
            }
            return .success(value)
        } catch {
            return .failure(clip(opaErrorText(error), limit: 80))
        }
    }

    // MARK: - Text helpers

    static func clip(_ text: String, limit: Int = 160) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }

    static func quote(_ text: String) -> String { Value.string(text).jsonText() }
}

/// Announces cases before they run, unbuffered, so that when the engine traps the last line
/// names the culprit.
final class Trace: Sendable {
    private let descriptor: Int32

    /// `"1"` (or any value that is not a path) traces to standard error; otherwise appends to
    /// the named file.
    init?(setting: String?) {
        guard let setting, !setting.isEmpty, setting != "0" else { return nil }
        if setting == "1" {
            descriptor = 2
        } else {
            let fd = open(setting, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return nil }
            descriptor = fd
        }
    }

    func write(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit { if descriptor > 2 { close(descriptor) } }
}
