/// A plain ASCII table, as `opa eval --format pretty` draws result sets:
///
///     +---+---------+
///     | x |    y    |
///     +---+---------+
///     | 1 | "hello" |
///     +---+---------+
///
/// Headers are centred, cells left-aligned; widths count characters (good enough for JSON text).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+\n"
        var out = rule
        out += line(headers.enumerated().map { centred($1, widths[$0]) })
        out += rule
        for row in rows {
            out += line(widths.indices.map { i in padded(i < row.count ? row[i] : "", widths[i]) })
        }
        out += rule
        return out
    }

    private func line(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    private func padded(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: width - s.count)
    }

    private func centred(_ s: String, _ width: Int) -> String {
        let spare = width - s.count
        let left = spare / 2
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: spare - left)
    }
}
