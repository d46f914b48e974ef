// Placeholder until the compiler and evaluator land; keeps the module building for the builtin
// families and the tools that code against the façade.
struct Program: Sendable { var testRuleNames: [String] { [] } }
struct CompiledQuery: Sendable {}
enum Compiler {
    static func compile(modules: [SourceFile], data: Value) throws(RegoError) -> Program { Program() }
    static func compileQuery(_ query: String, program: Program) throws(RegoError) -> CompiledQuery {
        throw RegoError(.internalError, "evaluator not built yet")
    }
}
enum Evaluator {
    static func evaluate(_ q: CompiledQuery, program: Program, input: Value?, options: EvaluationOptions)
        throws(RegoError) -> [QueryResult] { [] }
}
