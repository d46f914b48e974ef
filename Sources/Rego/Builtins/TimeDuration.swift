/// Go's `time.ParseDuration`: a signed sequence of decimal numbers with units (`300ms`, `-1.5h`,
/// `2h45m`), units `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`, into nanoseconds.
enum TimeDuration {
    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    static func parse(_ text: String) throws(BuiltinError) -> Int {
        let invalid = BuiltinError.builtin("time: invalid duration \(timeQuote(text.utf8))")
        var s = Array(text.utf8)[...]
        var negative = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return 0 }
        if s.isEmpty { throw invalid }
        var total: UInt64 = 0
        let limit: UInt64 = 1 << 63
        while !s.isEmpty {
            guard let c = s.first, c == UInt8(ascii: ".") || isDigit(c) else { throw invalid }
            // Integer part; overflow is an invalid duration.
            var whole: UInt64 = 0
            let intDigits = s.prefix(while: isDigit)
            for d in intDigits {
                guard whole <= (limit - 1) / 10 else { throw invalid }
                whole = whole * 10 + UInt64(d - UInt8(ascii: "0"))
                guard whole <= limit else { throw invalid }
            }
            s = s.dropFirst(intDigits.count)
            // Fraction: digits beyond what fits are read but ignored.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var fracDigits = 0
            var hadDot = false
            if s.first == UInt8(ascii: ".") {
                hadDot = true
                s = s.dropFirst()
                let run = s.prefix(while: isDigit)
                var overflowed = false
                for d in run where !overflowed {
                    if fraction > (limit - 1) / 10 {
                        overflowed = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(d - UInt8(ascii: "0"))
                    if next > limit {
                        overflowed = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
                fracDigits = run.count
                s = s.dropFirst(run.count)
            }
            guard !intDigits.isEmpty || (hadDot && fracDigits > 0) else { throw invalid }
            // Unit: everything up to the next digit or dot.
            let unitBytes = s.prefix { $0 != UInt8(ascii: ".") && !isDigit($0) }
            guard !unitBytes.isEmpty else {
                throw .builtin("time: missing unit in duration \(timeQuote(text.utf8))")
            }
            s = s.dropFirst(unitBytes.count)
            let unitName = String(decoding: unitBytes, as: UTF8.self)
            guard let unit = units[unitName] else {
                throw .builtin("time: unknown unit \(timeQuote(unitBytes)) in duration \(timeQuote(text.utf8))")
            }
            guard whole <= limit / unit else { throw invalid }
            var v = whole * unit
            if fraction > 0 {
                v += UInt64(Double(fraction) * (Double(unit) / scale))
                guard v <= limit else { throw invalid }
            }
            total += v
            guard total <= limit else { throw invalid }
        }
        if negative { return total == limit ? Int.min : -Int(total) }
        guard total < limit else { throw invalid }
        return Int(total)
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }
}
