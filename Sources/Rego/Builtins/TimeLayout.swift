/// Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`): tokenising, formatting and parsing
/// with the semantics and error messages of Go's `time` package, which OPA's `time.*` builtins
/// expose.
struct TimeLayout {
    enum Element: Equatable {
        case literal([UInt8])
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year, pm, lowerPM
        /// `MST`: a zone abbreviation.
        case zoneName
        /// Numeric offsets: `-07`, `-0700`, `-07:00`, `-070000`, `-07:00:00`; `iso` for the
        /// `Z07…` forms, which print `Z` for UTC.
        case offset(iso: Bool, minutes: Bool, seconds: Bool, colons: Bool)
        /// Fractional seconds: `.000` (fixed digits) or `.999` (trailing zeros trimmed).
        case fraction(digits: Int, trimmed: Bool, separator: UInt8)
    }

    let text: String
    let elements: [(element: Element, text: [UInt8])]

    /// The names OPA accepts for Go's predefined layouts.
    static let named: [String: String] = [
        "ANSIC": "Mon Jan _2 15:04:05 2006",
        "UnixDate": "Mon Jan _2 15:04:05 MST 2006",
        "RubyDate": "Mon Jan 02 15:04:05 -0700 2006",
        "RFC822": "02 Jan 06 15:04 MST",
        "RFC822Z": "02 Jan 06 15:04 -0700",
        "RFC850": "Monday, 02-Jan-06 15:04:05 MST",
        "RFC1123": "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC1123Z": "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC3339": "2006-01-02T15:04:05Z07:00",
        "RFC3339Nano": "2006-01-02T15:04:05.999999999Z07:00",
    ]

    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthBytes = longMonths.map { Array($0.utf8) }
    static let dayBytes = longDays.map { Array($0.utf8) }

    init(_ text: String) {
        self.text = text
        self.elements = TimeLayout.tokenize(Array(text.utf8))
    }

    // MARK: - Tokens

    private static func tokenize(_ layout: [UInt8]) -> [(element: Element, text: [UInt8])] {
        var elements: [(element: Element, text: [UInt8])] = []
        var literal: [UInt8] = []
        var i = 0
        while i < layout.count {
            if let (element, length) = element(in: layout, at: i) {
                if !literal.isEmpty {
                    elements.append((.literal(literal), literal))
                    literal = []
                }
                elements.append((element, Array(layout[i..<(i + length)])))
                i += length
            } else {
                literal.append(layout[i])
                i += 1
            }
        }
        if !literal.isEmpty { elements.append((.literal(literal), literal)) }
        return elements
    }

    /// The element starting at `i`, if any, and its length (Go's `nextStdChunk`).
    private static func element(in l: [UInt8], at i: Int) -> (Element, Int)? {
        func has(_ s: String) -> Bool { l[i...].starts(with: s.utf8) }
        func lowerAt(_ j: Int) -> Bool { j < l.count && l[j] >= UInt8(ascii: "a") && l[j] <= UInt8(ascii: "z") }
        func digitAt(_ j: Int) -> Bool { j < l.count && l[j] >= UInt8(ascii: "0") && l[j] <= UInt8(ascii: "9") }
        switch l[i] {
        case UInt8(ascii: "J"):
            if has("January") { return (.longMonth, 7) }
            if has("Jan") && !lowerAt(i + 3) { return (.month, 3) }
        case UInt8(ascii: "M"):
            if has("Monday") { return (.longWeekDay, 6) }
            if has("Mon") && !lowerAt(i + 3) { return (.weekDay, 3) }
            if has("MST") { return (.zoneName, 3) }
        case UInt8(ascii: "0"):
            if i + 1 < l.count, (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(l[i + 1]) {
                let zeros: [Element] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                return (zeros[Int(l[i + 1] - UInt8(ascii: "1"))], 2)
            }
            if has("002") { return (.zeroYearDay, 3) }
        case UInt8(ascii: "1"):
            return has("15") ? (.hour, 2) : (.numMonth, 1)
        case UInt8(ascii: "2"):
            return has("2006") ? (.longYear, 4) : (.day, 1)
        case UInt8(ascii: "_"):
            // "_2006" is a literal underscore before a year.
            if has("_2") && !has("_2006") { return (.underDay, 2) }
            if has("__2") { return (.underYearDay, 3) }
        case UInt8(ascii: "3"): return (.hour12, 1)
        case UInt8(ascii: "4"): return (.minute, 1)
        case UInt8(ascii: "5"): return (.second, 1)
        case UInt8(ascii: "P"): if has("PM") { return (.pm, 2) }
        case UInt8(ascii: "p"): if has("pm") { return (.lowerPM, 2) }
        case UInt8(ascii: "-"), UInt8(ascii: "Z"):
            let iso = l[i] == UInt8(ascii: "Z")
            let p = iso ? "Z" : "-"
            if has(p + "070000") { return (.offset(iso: iso, minutes: true, seconds: true, colons: false), 7) }
            if has(p + "07:00:00") { return (.offset(iso: iso, minutes: true, seconds: true, colons: true), 9) }
            if has(p + "0700") { return (.offset(iso: iso, minutes: true, seconds: false, colons: false), 5) }
            if has(p + "07:00") { return (.offset(iso: iso, minutes: true, seconds: false, colons: true), 6) }
            if has(p + "07") { return (.offset(iso: iso, minutes: false, seconds: false, colons: false), 3) }
        case UInt8(ascii: "."), UInt8(ascii: ","):
            if i + 1 < l.count, l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9") {
                var j = i + 1
                while j < l.count && l[j] == l[i + 1] { j += 1 }
                // Only a run of one repeated digit that ends here is a fraction.
                if !digitAt(j) {
                    return (.fraction(digits: j - i - 1, trimmed: l[i + 1] == UInt8(ascii: "9"), separator: l[i]), j - i)
                }
            }
        default: break
        }
        return nil
    }

    // MARK: - Formatting

    func format(_ t: TimeInstant) -> String {
        let f = t.fields
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 10)
        func int(_ value: Int, width: Int) {
            if value < 0 { out.append(UInt8(ascii: "-")) }
            // Digits written backwards into place, zero-padded to `width`.
            var v = value.magnitude
            var count = 0
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, no allocation
            withUnsafeMutableBytes(of: &scratch) { buffer in
                repeat {
                    buffer[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                    count += 1
                } while v > 0
                while count < width && count < 24 {
                    buffer[23 - count] = UInt8(ascii: "0")
                    count += 1
                }
                out.append(contentsOf: buffer[(24 - count)...])
            }
        }
        func word(_ s: String) { out.append(contentsOf: s.utf8) }
        for (element, _) in elements {
            switch element {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .year: int(f.year % 100, width: 2)
            case .longYear: int(f.year, width: 4)
            case .month: out.append(contentsOf: TimeLayout.monthBytes[f.month - 1].prefix(3))
            case .longMonth: out.append(contentsOf: TimeLayout.monthBytes[f.month - 1])
            case .numMonth: int(f.month, width: 0)
            case .zeroMonth: int(f.month, width: 2)
            case .weekDay: out.append(contentsOf: TimeLayout.dayBytes[f.weekday].prefix(3))
            case .longWeekDay: out.append(contentsOf: TimeLayout.dayBytes[f.weekday])
            case .day: int(f.day, width: 0)
            case .underDay:
                if f.day < 10 { out.append(UInt8(ascii: " ")) }
                int(f.day, width: 0)
            case .zeroDay: int(f.day, width: 2)
            case .underYearDay:
                if f.yearDay < 100 { out.append(UInt8(ascii: " ")) }
                if f.yearDay < 10 { out.append(UInt8(ascii: " ")) }
                int(f.yearDay, width: 0)
            case .zeroYearDay: int(f.yearDay, width: 3)
            case .hour: int(f.hour, width: 2)
            case .hour12: int(f.hour % 12 == 0 ? 12 : f.hour % 12, width: 0)
            case .zeroHour12: int(f.hour % 12 == 0 ? 12 : f.hour % 12, width: 2)
            case .minute: int(f.minute, width: 0)
            case .zeroMinute: int(f.minute, width: 2)
            case .second: int(f.second, width: 0)
            case .zeroSecond: int(f.second, width: 2)
            case .pm: word(f.hour >= 12 ? "PM" : "AM")
            case .lowerPM: word(f.hour >= 12 ? "pm" : "am")
            case .zoneName:
                if !f.zoneName.isEmpty {
                    word(f.zoneName)
                } else {
                    // No name known: Go prints the offset as -0700.
                    let minutes = f.offset / 60
                    out.append(minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                    int(abs(minutes) / 60, width: 2)
                    int(abs(minutes) % 60, width: 2)
                }
            case .offset(let iso, let minutes, let seconds, let colons):
                if iso && f.offset == 0 {
                    out.append(UInt8(ascii: "Z"))
                    break
                }
                let zone = f.offset / 60
                out.append(zone < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                int(abs(zone) / 60, width: 2)
                if minutes {
                    if colons { out.append(UInt8(ascii: ":")) }
                    int(abs(zone) % 60, width: 2)
                }
                if seconds {
                    if colons { out.append(UInt8(ascii: ":")) }
                    int(abs(f.offset) % 60, width: 2)
                }
            case .fraction(let digits, let trimmed, let separator):
                if trimmed && f.nanosecond == 0 { break }
                var nanos = Array(String(f.nanosecond).utf8)
                nanos.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9 - nanos.count), at: 0)
                var kept = Array(nanos.prefix(digits))
                if trimmed { while kept.last == UInt8(ascii: "0") { kept.removeLast() } }
                if !kept.isEmpty || !trimmed {
                    out.append(separator)
                    out.append(contentsOf: kept)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
