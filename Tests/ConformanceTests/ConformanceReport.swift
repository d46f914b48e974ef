import Foundation

/// Per-topic counts and the text forms of a run: the console table, `docs/CONFORMANCE.md`, and
/// the list of passing case ids (`docs/conformance-passing.txt`).
struct ConformanceReport {
    struct Row {
        var topic: String
        var passed = 0
        var failed = 0
        var notRun = 0
        /// Reason → count.
        var notRunReasons: [String: Int] = [:]
        var total: Int { passed + failed + notRun }
    }

    /// The topics Airlock's policies lean on; the rate over these is the one that matters most.
    /// A trailing `*` matches every topic with that prefix.
    static let policyTopics = """
        completedoc partialsetdoc partialobjectdoc partialdocconstants partialiter baseandvirtualdocs \
        virtualdocs refheads keywordrefs every containskeyword comprehensions defaultkeyword \
        elsekeyword functions functionerrors negation disjunction withkeyword eqexpr evaltermexpr \
        comparisonexpr compositereferences nestedreferences varreferences indirectreferences \
        compositebasedereference dataderef inputvalues aggregates arithmetic sets union intersection \
        array objectget objectkeys objectunion strings sprintf trim* globmatch globquotemeta \
        globsmatch regex* netcidr* typebuiltin typenamebuiltin casts jsonbuiltins undos \
        embeddedvirtualdoc indexing
        """.split(separator: " ").map(String.init)

    static func isPolicyTopic(_ topic: String) -> Bool {
        policyTopics.contains { pattern in
            pattern.hasSuffix("*") ? topic.hasPrefix(pattern.dropLast()) : topic == pattern
        }
    }

    let rows: [Row]
    let results: [(ConformanceCase, ConformanceRunner.Outcome)]

    init(_ results: [(ConformanceCase, ConformanceRunner.Outcome)]) {
        self.results = results
        var rows: [String: Row] = [:]
        for (testCase, outcome) in results {
            var row = rows[testCase.topic] ?? Row(topic: testCase.topic)
            switch outcome {
            case .passed: row.passed += 1
            case .failed: row.failed += 1
            case .notRun(let reason):
                row.notRun += 1
                row.notRunReasons[reason, default: 0] += 1
            }
            rows[testCase.topic] = row
        }
        self.rows = rows.values.sorted { $0.topic < $1.topic }
    }

    var passingIDs: [String] {
        results.compactMap { $0.1 == .passed ? $0.0.id : nil }.sorted(by: ConformanceCases.byteOrder)
    }

    func total(_ filter: (Row) -> Bool = { _ in true }) -> Row {
        var sum = Row(topic: "")
        for row in rows where filter(row) {
            sum.passed += row.passed
            sum.failed += row.failed
            sum.notRun += row.notRun
            for (reason, count) in row.notRunReasons { sum.notRunReasons[reason, default: 0] += count }
        }
        return sum
    }

    static func rate(_ row: Row) -> String {
        guard row.total > 0 else { return "n/a" }
        return String(format: "%.1f%%", 100 * Double(row.passed) / Double(row.total))
    }

    private static func reasons(_ row: Row) -> String {
        row.notRunReasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { $0.value > 1 ? "\($0.key) ×\($0.value)" : $0.key }
            .joined(separator: "; ")
    }

    private var summaryLines: [String] {
        let all = total()
        let policy = total { Self.isPolicyTopic($0.topic) }
        return [
            "overall: \(all.passed)/\(all.total) passed (\(Self.rate(all))), \(all.failed) failed, \(all.notRun) not run",
            "policy topics: \(policy.passed)/\(policy.total) passed (\(Self.rate(policy))), \(policy.failed) failed, \(policy.notRun) not run",
        ]
    }

    /// The console table.
    var table: String {
        let width = max(5, rows.map(\.topic.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var lines = ["\(pad("topic", width))  passed  failed  not run  reasons"]
        for row in rows {
            let mark = Self.isPolicyTopic(row.topic) ? "*" : " "
            lines.append(
                "\(pad(row.topic, width))\(mark) \(lpad(String(row.passed), 6))  \(lpad(String(row.failed), 6))  "
                    + "\(lpad(String(row.notRun), 7))  \(Self.reasons(row))")
        }
        lines.append("(* = policy topic)")
        lines += summaryLines
        return lines.joined(separator: "\n")
    }

    /// Every case with its outcome, for `.build/conformance-report.txt`.
    var details: String {
        results.map { testCase, outcome in
            switch outcome {
            case .passed: return "PASS  \(testCase.id)"
            case .failed(let why): return "FAIL  \(testCase.id)  [\(testCase.source)]  \(why)"
            case .notRun(let why): return "SKIP  \(testCase.id)  [\(testCase.source)]  \(why)"
            }
        }.joined(separator: "\n") + "\n"
    }

    /// `docs/CONFORMANCE.md`.
    func markdown(source: String) -> String {
        var out = """
            # OPA conformance

            Generated by `scripts/conformance.sh` (the `ConformanceTests` suite with
            `AIRLOCK_CONFORMANCE_WRITE=1`); do not edit by hand. Cases: \(source).

            A case *passes* when Airlock's result (or error) matches OPA's expectation, compared as
            OPA's own runner compares; *not run* cases could not be attempted (reason given). Rates
            are passed / all cases. Topics marked ★ are the policy topics.

            The ids of the passing cases are listed in `docs/conformance-passing.txt`; the test
            fails when one of them stops passing. Regenerate both files with
            `scripts/conformance.sh [DIR]`; every case's outcome (with a one-line diff for
            failures) lands in `.build/conformance-report.txt`.


            """
        for line in summaryLines { out += "- \(line)\n" }
        out += "\n| topic | passed | failed | not run | not run because |\n| --- | ---: | ---: | ---: | --- |\n"
        for row in rows {
            let name = Self.isPolicyTopic(row.topic) ? "\(row.topic) ★" : row.topic
            let reasons = Self.reasons(row).replacingOccurrences(of: "|", with: "\\|")
            out += "| \(name) | \(row.passed) | \(row.failed) | \(row.notRun) | \(reasons) |\n"
        }
        return out
    }

    /// `docs/conformance-passing.txt`: a comment header, then one passing case id per line.
    var passingList: String {
        "# OPA conformance cases that pass (ids: the case note, ` (n)` added to repeats).\n"
            + "# Generated with docs/CONFORMANCE.md; the ConformanceTests suite fails if one stops passing.\n"
            + passingIDs.map { $0 + "\n" }.joined()
    }

    static func parsePassingList(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .map(String.init)
            .filter { !$0.hasPrefix("#") }
    }
}
