extension TimeLayout {
    /// Go's `time.Parse(layout, value)`: the instant written in `value`. Without a zone in the
    /// value the time is UTC; zone abbreviations other than UTC (and `GMT±h`) count as UTC, as
    /// in Go.
    func parse(_ value: String) throws(BuiltinError) -> TimeInstant {
        var p = ValueParser(layout: self, value: value)
        return try p.run()
    }
}

private struct ValueParser {
    let layout: TimeLayout
    let original: String
    var v: ArraySlice<UInt8>

    var year = 0, month = -1, day = -1, yearDay = -1
    var hour = 0, minute = 0, second = 0, nanos = 0
    var pm = false, am = false
    var utc = false
    var zoneOffset: Int?
    var zoneName: String?

    init(layout: TimeLayout, value: String) {
        self.layout = layout
        self.original = value
        self.v = Array(value.utf8)[...]
    }

    struct Bad: Error {}

    mutating func run() throws(BuiltinError) -> TimeInstant {
        let elements = layout.elements
        for (index, (element, elementText)) in elements.enumerated() {
            if case .literal(let bytes) = element {
                guard skip(bytes) else { throw cannotParse(elementText) }
                continue
            }
            let hold = v
            var range: String?
            do throws(Bad) {
                range = try parse(element, next: elements.dropFirst(index + 1).first?.element)
            } catch {
                v = hold
                throw cannotParse(elementText)
            }
            if let range { throw message(": \(range) out of range") }
        }
        if !v.isEmpty { throw message(": extra text: \(timeQuote(v))") }
        return try build()
    }

    /// Parses one element from the value; returns the name of a field that is out of range.
    mutating func parse(_ element: TimeLayout.Element, next: TimeLayout.Element?) throws(Bad) -> String? {
        switch element {
        case .literal: return nil
        case .year:
            guard v.count >= 2, let y = digits(v.prefix(2)) else { throw Bad() }
            v = v.dropFirst(2)
            year = y >= 69 ? 1900 + y : 2000 + y
        case .longYear:
            guard v.count >= 4, let y = digits(v.prefix(4)) else { throw Bad() }
            v = v.dropFirst(4)
            year = y
        case .month, .longMonth:
            month = try lookup(TimeLayout.monthBytes, short: element == .month) + 1
        case .weekDay, .longWeekDay:
            _ = try lookup(TimeLayout.dayBytes, short: element == .weekDay)
        case .numMonth, .zeroMonth:
            month = try number(fixed: element == .zeroMonth)
            if month <= 0 || month > 12 { return "month" }
        case .day, .underDay, .zeroDay:
            if element == .underDay && v.first == UInt8(ascii: " ") { v = v.dropFirst() }
            day = try number(fixed: element == .zeroDay)
        case .underYearDay, .zeroYearDay:
            for _ in 0..<2 where element == .underYearDay && v.first == UInt8(ascii: " ") { v = v.dropFirst() }
            yearDay = try number(fixed: element == .zeroYearDay, maxDigits: 3)
        case .hour:
            hour = try number(fixed: false)
            if hour >= 24 { return "hour" }
        case .hour12, .zeroHour12:
            hour = try number(fixed: element == .zeroHour12)
            if hour > 12 { return "hour" }
        case .minute, .zeroMinute:
            minute = try number(fixed: element == .zeroMinute)
            if minute >= 60 { return "minute" }
        case .second, .zeroSecond:
            second = try number(fixed: element == .zeroSecond)
            if second >= 60 { return "second" }
            // A fraction the layout does not mention is still accepted after the seconds.
            if v.count >= 2, isSeparator(v.first!), isDigit(v.dropFirst().first!) {
                if case .fraction = next { break }
                let count = 1 + v.dropFirst().prefix(while: isDigit).count
                if let range = try fraction(count) { return range }
            }
        case .pm, .lowerPM:
            guard v.count >= 2 else { throw Bad() }
            let word = String(decoding: v.prefix(2), as: UTF8.self)
            v = v.dropFirst(2)
            switch (word, element == .pm) {
            case ("PM", true), ("pm", false): pm = true
            case ("AM", true), ("am", false): am = true
            default: throw Bad()
            }
        case .offset(let iso, let minutes, let seconds, let colons):
            if iso && v.first == UInt8(ascii: "Z") {
                v = v.dropFirst()
                utc = true
                return nil
            }
            return try offset(minutes: minutes, seconds: seconds, colons: colons)
        case .zoneName:
            if v.starts(with: "UTC".utf8) {
                v = v.dropFirst(3)
                utc = true
                return nil
            }
            guard let length = zoneNameLength() else { throw Bad() }
            zoneName = String(decoding: v.prefix(length), as: UTF8.self)
            v = v.dropFirst(length)
        case .fraction(let count, let trimmed, _):
            if trimmed {
                // Optional: a separator and at least one digit, else nothing.
                guard v.count >= 2, isSeparator(v.first!), isDigit(v.dropFirst().first!) else { return nil }
                return try fraction(1 + v.dropFirst().prefix(while: isDigit).count)
            }
            guard v.count >= count + 1 else { throw Bad() }
            return try fraction(count + 1)
        }
        return nil
    }

    // MARK: - Pieces

    /// Go's `skip`: the literal must match, a space in the layout matching any run of spaces.
    mutating func skip(_ literal: [UInt8]) -> Bool {
        var prefix = literal[...]
        while let c = prefix.first {
            if c == UInt8(ascii: " ") {
                if let f = v.first, f != UInt8(ascii: " ") { return false }
                prefix = prefix.drop { $0 == UInt8(ascii: " ") }
                v = v.drop { $0 == UInt8(ascii: " ") }
                continue
            }
            guard v.first == c else { return false }
            prefix = prefix.dropFirst()
            v = v.dropFirst()
        }
        return true
    }

    /// One or two digits (exactly two when `fixed`); three for year days.
    mutating func number(fixed: Bool, maxDigits: Int = 2) throws(Bad) -> Int {
        let run = v.prefix(maxDigits).prefix(while: isDigit)
        guard !run.isEmpty, !fixed || run.count == maxDigits else { throw Bad() }
        v = v.dropFirst(run.count)
        return digits(run)!
    }

    /// Case-insensitive month or day name, full or abbreviated to three letters.
    mutating func lookup(_ names: [[UInt8]], short: Bool) throws(Bad) -> Int {
        for (i, name) in names.enumerated() {
            let word = short ? name.prefix(3) : name[...]
            if v.count >= word.count, zip(v.prefix(word.count), word).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) {
                v = v.dropFirst(word.count)
                return i
            }
        }
        throw Bad()
    }

    /// `±hh`, `±hhmm`, `±hh:mm`, `±hhmmss`, `±hh:mm:ss`.
    mutating func offset(minutes: Bool, seconds: Bool, colons: Bool) throws(Bad) -> String? {
        var fields: [ArraySlice<UInt8>] = []
        let length = 3 + (minutes ? 2 : 0) + (seconds ? 2 : 0) + (colons ? (seconds ? 2 : 1) : 0)
        guard v.count >= length else { throw Bad() }
        let sign = v.first!
        var rest = v.dropFirst()
        for i in 0..<(1 + (minutes ? 1 : 0) + (seconds ? 1 : 0)) {
            if i > 0 && colons {
                guard rest.first == UInt8(ascii: ":") else { throw Bad() }
                rest = rest.dropFirst()
            }
            fields.append(rest.prefix(2))
            rest = rest.dropFirst(2)
        }
        v = v.dropFirst(length)
        let values = fields.compactMap { digits($0) }
        guard values.count == fields.count else { throw Bad() }
        let hh = values[0]
        let mm = values.count > 1 ? values[1] : 0
        let ss = values.count > 2 ? values[2] : 0
        var range: String?
        if hh > 24 { range = "time zone offset hour" }
        if mm > 60 { range = "time zone offset minute" }
        if ss > 60 { range = "time zone offset second" }
        var total = (hh * 60 + mm) * 60 + ss
        switch sign {
        case UInt8(ascii: "+"): break
        case UInt8(ascii: "-"): total = -total
        default: throw Bad()
        }
        zoneOffset = total
        return range
    }

    /// Go's `parseTimeZone`: the length of a zone abbreviation at the start of the value.
    func zoneNameLength() -> Int? {
        guard v.count >= 3 else { return nil }
        if v.starts(with: "ChST".utf8) || v.starts(with: "MeST".utf8) { return 4 }
        if v.starts(with: "GMT".utf8) { return 3 + signedOffsetLength(v.dropFirst(3)) }
        if v.first == UInt8(ascii: "+") || v.first == UInt8(ascii: "-") {
            let n = signedOffsetLength(v)
            return n > 0 ? n : nil
        }
        let upper = v.prefix(6).prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }.count
        let letters = Array(v.prefix(5))
        switch upper {
        case 3: return 3
        case 4 where letters[3] == UInt8(ascii: "T") || letters == Array("WITA".utf8): return 4
        case 5 where letters[4] == UInt8(ascii: "T"): return 5
        default: return nil
        }
    }

    /// `+h`/`-hh` (hours up to 12) after `GMT` or alone; 0 when absent or invalid.
    func signedOffsetLength(_ s: ArraySlice<UInt8>) -> Int {
        guard let sign = s.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        let run = s.dropFirst().prefix(while: isDigit)
        guard !run.isEmpty, run.count <= 3, let n = digits(run), n <= 12 else { return 0 }
        return 1 + run.count
    }

    /// A separator and digits (`length` bytes in all): nanoseconds from the first nine digits.
    mutating func fraction(_ length: Int) throws(Bad) -> String? {
        guard isSeparator(v.first!) else { throw Bad() }
        let run = v.dropFirst().prefix(Swift.min(length, 10) - 1)
        guard run.allSatisfy(isDigit), let n = digits(run) else { throw Bad() }
        nanos = n * Int([1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1][run.count])
        v = v.dropFirst(length)
        return nil
    }

    // MARK: - Result

    mutating func build() throws(BuiltinError) -> TimeInstant {
        if pm && hour < 12 { hour += 12 } else if am && hour == 12 { hour = 0 }
        if yearDay >= 0 {
            var d = 0
            var m = 0
            var yd = yearDay
            if TimeCalendar.isLeap(year) {
                if yd == 31 + 29 {
                    m = 2
                    d = 29
                } else if yd > 31 + 29 {
                    yd -= 1
                }
            }
            guard (1...365).contains(yd) else { throw message(": day-of-year out of range") }
            if m == 0 {
                let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
                m = (yd - 1) / 31 + 1
                if before[m] < yd { m += 1 }
                d = yd - before[m - 1]
            }
            if month >= 0 && month != m { throw message(": day-of-year does not match month") }
            if day >= 0 && day != d { throw message(": day-of-year does not match day") }
            month = m
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        guard day >= 1 && day <= TimeCalendar.daysIn(month: month, year: year) else {
            throw message(": day out of range")
        }
        var t = TimeInstant.date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanos: nanos,
            location: .utc)
        if utc { return t }
        if let zoneOffset {
            t.seconds -= zoneOffset
            t.location = .fixed(offset: zoneOffset, name: zoneName ?? "")
        } else if let zoneName {
            // Unknown abbreviations mean UTC, except GMT±h.
            var offset = 0
            if zoneName.count > 3, zoneName.hasPrefix("GMT") { offset = Int(zoneName.dropFirst(3))! * 3600 }
            t.seconds -= offset
            t.location = .fixed(offset: offset, name: zoneName)
        }
        return t
    }

    func cannotParse(_ element: [UInt8]) -> BuiltinError {
        .builtin(
            "parsing time \(timeQuote(original.utf8[...])) as \(timeQuote(layout.text.utf8[...])): cannot parse "
                + "\(timeQuote(v)) as \(timeQuote(element[...]))")
    }

    func message(_ text: String) -> BuiltinError { .builtin("parsing time \(timeQuote(original.utf8[...]))\(text)") }
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
@inline(__always) private func isSeparator(_ c: UInt8) -> Bool { c == UInt8(ascii: ".") || c == UInt8(ascii: ",") }

/// The value of a run of decimal digits (nil if empty or not all digits).
private func digits<S: Sequence>(_ s: S) -> Int? where S.Element == UInt8 {
    var n = 0
    var any = false
    for c in s {
        guard isDigit(c) else { return nil }
        n = n * 10 + Int(c - UInt8(ascii: "0"))
        any = true
    }
    return any ? n : nil
}

/// The `time` package's quoting: ASCII as is (with `"` and `\` escaped), other bytes as `\xNN`.
func timeQuote<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    var out = "\""
    for c in bytes {
        if c >= 0x80 || c < 0x20 {
            let hex = String(c, radix: 16)
            out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        } else {
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { out += "\\" }
            out.unicodeScalars.append(Unicode.Scalar(c))
        }
    }
    return out + "\""
}
