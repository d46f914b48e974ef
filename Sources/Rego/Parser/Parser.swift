/// Rego v1 parser entry points (placeholder until the real parser lands).
public enum Parser {
    public static func parseModule(_ source: SourceFile) throws(RegoError) -> Module {
        throw RegoError(.parse, "parser not built yet")
    }

    public static func parseQuery(_ text: String, file: String = "query") throws(RegoError) -> Body {
        throw RegoError(.parse, "parser not built yet")
    }

    public static func parseTerm(_ text: String, file: String = "term") throws(RegoError) -> Term {
        throw RegoError(.parse, "parser not built yet")
    }
}
