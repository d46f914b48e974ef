import Rego

/// Renders a query's results the way `opa eval` does, in JSON or for people.
enum EvalPresenter {
    /// `{"result":[{"expressions":[{"value":…,"text":…,"location":{"row":…,"col":…}}],"bindings":{…}}]}`;
    /// `bindings` only when the query has variables, and `{}` when the query is undefined.
    static func json(_ results: [QueryResult]) -> OrderedJSON {
        guard !results.isEmpty else { return .object([]) }
        return .object([("result", .array(results.map(json)))])
    }

    private static func json(_ result: QueryResult) -> OrderedJSON {
        let expressions: [OrderedJSON] = result.expressions.map { e in
            .object([
                ("value", .value(e.value)),
                ("text", .string(e.text)),
                ("location", .object([("row", .int(e.location.line)), ("col", .int(e.location.column))])),
            ])
        }
        var fields: [(String, OrderedJSON)] = [("expressions", .array(expressions))]
        if !result.bindings.isEmpty {
            fields.append(("bindings", .value(.object(RegoObject(result.bindings.map { ($0.key, $0.value) })))))
        }
        return .object(fields)
    }

    /// `undefined`; the value alone (indented JSON) for one solution without variables whose
    /// expressions are one value or all booleans; otherwise a table with a column per variable
    /// (sorted) and per expression (non-boolean ones only, when there are variables).
    static func pretty(_ results: [QueryResult]) -> String {
        guard let first = results.first else { return "undefined\n" }
        if results.count == 1, first.bindings.isEmpty, let value = first.expressions.first?.value,
            first.expressions.count == 1 || first.expressions.allSatisfy({ $0.value.boolValue != nil })
        {
            return value.jsonText(indent: "  ") + "\n"
        }
        enum Column {
            case variable(String)
            case expression(Int, String)
        }
        var columns: [Column] = first.bindings.keys.sorted().map(Column.variable)
        for (i, e) in first.expressions.enumerated() where e.value.boolValue == nil || first.bindings.isEmpty {
            columns.append(.expression(i, e.text))
        }
        var table = TextTable(
            headers: columns.map {
                switch $0 {
                case .variable(let name): return name
                case .expression(_, let text): return text
                }
            })
        for result in results {
            table.rows.append(
                columns.map {
                    switch $0 {
                    case .variable(let name): return result.bindings[name]?.jsonText() ?? "null"
                    case .expression(let i, _):
                        return i < result.expressions.count ? result.expressions[i].value.jsonText() : ""
                    }
                })
        }
        return table.render()
    }
}
