/// One test's result.
struct TestOutcome {
    enum Verdict: Equatable {
        case pass, fail
        case error(String)

        var label: String {
            switch self {
            case .pass: return "PASS"
            case .fail: return "FAIL"
            case .error: return "ERROR"
            }
        }
    }

    var name: String
    var file: String?
    var verdict: Verdict
    var duration: Duration
}

/// `opa test`'s pretty report: tests grouped under their file, then a rule and the counts.
///
///     rules/airlock/decision_test.rego:
///     data.airlock.test_allows_pypi: PASS (1.2ms)
///     --------------------------------------------------------------------------------
///     PASS: 1/1
struct TestReport {
    var outcomes: [TestOutcome]
    var verbose: Bool

    var text: String {
        var out = ""
        var lastFile: String?
        for outcome in outcomes where verbose || outcome.verdict != .pass {
            if let file = outcome.file, file != lastFile {
                // A blank line between files' groups, as opa test prints them.
                if !out.isEmpty { out += "\n" }
                out += "\(file):\n"
                lastFile = file
            }
            out += "\(outcome.name): \(outcome.verdict.label) (\(GoDuration.text(outcome.duration)))\n"
            if case .error(let message) = outcome.verdict { out += "  \(message)\n" }
        }
        if !out.isEmpty { out += String(repeating: "-", count: 80) + "\n" }
        let total = outcomes.count
        let counts = [
            ("PASS", outcomes.filter { $0.verdict == .pass }.count),
            ("FAIL", outcomes.filter { $0.verdict == .fail }.count),
            ("ERROR", outcomes.filter { if case .error = $0.verdict { return true } else { return false } }.count),
        ]
        for (label, count) in counts where count > 0 { out += "\(label): \(count)/\(total)\n" }
        return out
    }
}
