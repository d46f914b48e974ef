extension Builtins {
    /// The `sprintf` family (see BuiltinTable): Go's `fmt.Sprintf` over OPA's operand conversion
    /// (see `FormatArgument` and `GoFormatter`).
    static let sprintf: [Builtin] = [
        Builtin("sprintf", arity: 2) { args, _ throws(BuiltinError) in
            let format = try args.string(1)
            let values = try args.array(2)
            // OPA's shortcut for the common "to string" use; same result as the general path.
            if values.count == 1, case .number(let n) = values[0], let i = n.intValue, format == "%d" {
                return .string(String(i))
            }
            return .string(GoFormatter.sprintf(format, values.map(FormatArgument.init)))
        }
    ]
}
