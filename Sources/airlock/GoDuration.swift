/// Durations spelled as Go's `time.Duration.String()` (`812ns`, `572.583µs`, `1.2ms`, `1m2.5s`),
/// because `opa test` prints test times that way and people compare the two tools' output.
enum GoDuration {
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return text(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func text(nanoseconds n: Int64) -> String {
        if n < 0 { return "-" + text(nanoseconds: -n) }
        switch n {
        case 0: return "0s"
        case ..<1_000: return "\(n)ns"
        case ..<1_000_000: return decimal(n, unit: 1_000, digits: 3) + "µs"
        case ..<1_000_000_000: return decimal(n, unit: 1_000_000, digits: 6) + "ms"
        default:
            let hours = n / 3_600_000_000_000
            let minutes = n / 60_000_000_000 % 60
            let seconds = decimal(n % 60_000_000_000, unit: 1_000_000_000, digits: 9) + "s"
            if hours > 0 { return "\(hours)h\(minutes)m\(seconds)" }
            if minutes > 0 { return "\(minutes)m\(seconds)" }
            return seconds
        }
    }

    /// `value / unit` with the fraction's trailing zeros dropped (and no point when none is left).
    private static func decimal(_ value: Int64, unit: Int64, digits: Int) -> String {
        let whole = value / unit
        var fraction = String(value % unit)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }
}
