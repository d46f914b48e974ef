/// Every error the Rego engine reports: OPA's code, a message, and where it happened.
///
/// Codes are OPA's verbatim (`rego_parse_error`, `rego_compile_error`, `rego_unsafe_var_error`,
/// `rego_recursion_error`, `rego_type_error`, `eval_conflict_error`, `eval_type_error`,
/// `eval_builtin_error`, …) so `airlock eval`'s `{"errors":[…]}` output matches `opa`'s.
public struct RegoError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let parse = Code(rawValue: "rego_parse_error")
        public static let compile = Code(rawValue: "rego_compile_error")
        public static let unsafeVar = Code(rawValue: "rego_unsafe_var_error")
        public static let recursion = Code(rawValue: "rego_recursion_error")
        public static let typeCheck = Code(rawValue: "rego_type_error")
        public static let conflict = Code(rawValue: "eval_conflict_error")
        public static let evalType = Code(rawValue: "eval_type_error")
        public static let evalBuiltin = Code(rawValue: "eval_builtin_error")
        public static let cancelled = Code(rawValue: "eval_cancel_error")
        /// A configured evaluation limit (steps, depth) was reached.
        public static let limit = Code(rawValue: "eval_limit_error")
        public static let internalError = Code(rawValue: "eval_internal_error")
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: code: message`, or `code: message` without a location.
    public var description: String {
        if let location { return "\(location): \(code.rawValue): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
