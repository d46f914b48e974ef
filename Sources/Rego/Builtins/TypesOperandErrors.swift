/// OPA's other operand-error wordings (`topdown/builtins`), shared by the builtin families. All of
/// them are type errors (`eval_type_error`), as OPA's `ErrOperand` is.
extension BuiltinError {
    /// `operand N <text>`: OPA's free-form operand error (`NewOperandErr`).
    static func operand(_ position: Int, _ text: String) -> BuiltinError {
        BuiltinError(.type, "operand \(position) \(text)")
    }

    /// `operand 1 must be array of numbers but got array containing string`: an element of a
    /// collection operand has the wrong kind (`NewOperandElementErr`). `expected` is singular; OPA
    /// pluralises it with an `s`.
    static func element(_ position: Int, of composite: Value, got element: Value, mustBe expected: String)
        -> BuiltinError
    {
        let kind = composite.typeName
        return BuiltinError(
            .type,
            "operand \(position) must be \(kind) of \(expected)s but got \(kind) containing \(element.typeName)")
    }
}
