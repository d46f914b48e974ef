/// Where a time is shown: UTC, a fixed offset (from a parsed `-07:00`), or an IANA zone.
///
/// IANA zones use their *current* rules (the POSIX TZ rule that ends each TZif file), for every
/// date: exact for recent and future times, not for dates before a zone last changed its rules
/// (Go loads the full history). `Local` is UTC: the engine has no notion of the host's zone.
enum TimeLocation: Sendable {
    case utc
    /// Seconds east of UTC, and the name to print for `MST` (empty: print the offset).
    case fixed(offset: Int, name: String)
    case zone(TimeZoneRule)

    /// OPA's zone argument: "" and "UTC" are UTC, "Local" is UTC here, else an IANA name.
    static func named(_ name: String) throws(BuiltinError) -> TimeLocation {
        switch name {
        case "", "UTC", "Local": return .utc
        default:
            guard let rule = TimeZoneRule.table[name] else { throw .builtin("unknown time zone \(name)") }
            return .zone(rule)
        }
    }

    /// The offset (seconds east of UTC) and abbreviation in effect at `unixSeconds`.
    func lookup(_ unixSeconds: Int) -> (offset: Int, name: String) {
        switch self {
        case .utc: return (0, "UTC")
        case .fixed(let offset, let name): return (offset, name)
        case .zone(let rule): return rule.lookup(unixSeconds)
        }
    }

    /// The UTC instant of a wall-clock time in this location (Go's `time.Date` resolution: the
    /// offset of the guess, corrected once if that lands on the other side of a transition).
    func utcSeconds(ofWall wall: Int) -> Int {
        let first = lookup(wall).offset
        let guess = wall - first
        let second = lookup(guess).offset
        return second == first ? guess : wall - second
    }

    var isUTC: Bool {
        if case .utc = self { return true }
        return false
    }
}

/// A POSIX TZ rule such as `PST8PDT,M3.2.0,M11.1.0` or `<+0530>-5:30`.
struct TimeZoneRule: Sendable {
    struct Transition: Sendable {
        enum Day: Sendable {
            /// `Jn`: day 1...365, February 29 never counted.
            case julian(Int)
            /// `n`: day 0...365, counting February 29 in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
            case monthWeek(month: Int, week: Int, weekday: Int)
        }
        var day: Day
        /// Local time of day of the change, in seconds (may be negative or exceed a day).
        var time: Int
    }

    var standardName: String
    /// Seconds east of UTC (POSIX writes the opposite sign: `PST8` is UTC-8).
    var standardOffset: Int
    var daylight: (name: String, offset: Int, start: Transition, end: Transition)?

    /// Every IANA zone name, parsed on first use.
    static let table: [String: TimeZoneRule] = {
        var table: [String: TimeZoneRule] = [:]
        for line in tableText.split(separator: "\n") {
            guard let space = line.firstIndex(of: " "), let rule = TimeZoneRule(line[line.index(after: space)...])
            else { continue }
            table[String(line[..<space])] = rule
        }
        return table
    }()

    func lookup(_ unixSeconds: Int) -> (offset: Int, name: String) {
        guard let daylight else { return (standardOffset, standardName) }
        let year = TimeCalendar.civil(fromDays: TimeCalendar.floorDiv(unixSeconds + standardOffset, 86_400)).year
        // Starts are written in standard time, ends in daylight time.
        let start = instant(of: daylight.start, in: year) - standardOffset
        let end = instant(of: daylight.end, in: year) - daylight.offset
        let inDaylight = start < end
            ? (start <= unixSeconds && unixSeconds < end)
            : !(end <= unixSeconds && unixSeconds < start)
        return inDaylight ? (daylight.offset, daylight.name) : (standardOffset, standardName)
    }

    /// Local seconds since the epoch at which `transition` happens in `year`.
    private func instant(of transition: Transition, in year: Int) -> Int {
        let day: Int
        switch transition.day {
        case .julian(let n):
            // February 29 is skipped: days after February count one more in leap years.
            day = TimeCalendar.days(fromCivil: year, 1, 1) + n - 1 + (TimeCalendar.isLeap(year) && n > 59 ? 1 : 0)
        case .zeroBased(let n):
            day = TimeCalendar.days(fromCivil: year, 1, 1) + n
        case .monthWeek(let month, let week, let weekday):
            let first = TimeCalendar.days(fromCivil: year, month, 1)
            var d = first + TimeCalendar.floorMod(weekday - TimeCalendar.weekday(ofDays: first), 7) + (week - 1) * 7
            let length = TimeCalendar.daysIn(month: month, year: year)
            while d >= first + length { d -= 7 }
            day = d
        }
        return day * 86_400 + transition.time
    }

    // MARK: - Parsing

    init?(_ text: Substring) {
        var s = text.utf8[...]
        guard let std = TimeZoneRule.name(&s), let stdOffset = TimeZoneRule.offset(&s) else { return nil }
        standardName = std
        standardOffset = -stdOffset
        if s.isEmpty {
            daylight = nil
            return
        }
        guard let dst = TimeZoneRule.name(&s) else { return nil }
        var dstOffset = standardOffset + 3600
        if let first = s.first, first != UInt8(ascii: ",") {
            guard let written = TimeZoneRule.offset(&s) else { return nil }
            dstOffset = -written
        }
        // Without explicit rules POSIX defaults to the US rules.
        var start = Transition(day: .monthWeek(month: 3, week: 2, weekday: 0), time: 7200)
        var end = Transition(day: .monthWeek(month: 11, week: 1, weekday: 0), time: 7200)
        if s.first == UInt8(ascii: ",") {
            s = s.dropFirst()
            guard let parsedStart = TimeZoneRule.transition(&s), s.first == UInt8(ascii: ",") else { return nil }
            s = s.dropFirst()
            guard let parsedEnd = TimeZoneRule.transition(&s) else { return nil }
            (start, end) = (parsedStart, parsedEnd)
        }
        guard s.isEmpty else { return nil }
        daylight = (dst, dstOffset, start, end)
    }

    /// `ABC` (three or more letters) or `<+0530>` (anything but `>`, between angle brackets).
    private static func name(_ s: inout Substring.UTF8View.SubSequence) -> String? {
        if s.first == UInt8(ascii: "<") {
            guard let close = s.firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let name = String(decoding: s[s.index(after: s.startIndex)..<close], as: UTF8.self)
            s = s[s.index(after: close)...]
            return name
        }
        let letters = s.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
        guard letters.count >= 3 else { return nil }
        s = s.dropFirst(letters.count)
        return String(decoding: letters, as: UTF8.self)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    private static func offset(_ s: inout Substring.UTF8View.SubSequence) -> Int? {
        var sign = 1
        if let c = s.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            sign = c == UInt8(ascii: "-") ? -1 : 1
            s = s.dropFirst()
        }
        var total = 0
        for (i, unit) in [3600, 60, 1].enumerated() {
            if i > 0 {
                guard s.first == UInt8(ascii: ":") else { break }
                s = s.dropFirst()
            }
            let digits = s.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, digits.count <= 3 else { return nil }
            total += Int(String(decoding: digits, as: UTF8.self))! * unit
            s = s.dropFirst(digits.count)
        }
        return sign * total
    }

    /// `Jn`, `n` or `Mm.w.d`, optionally followed by `/time`.
    private static func transition(_ s: inout Substring.UTF8View.SubSequence) -> Transition? {
        func number(_ s: inout Substring.UTF8View.SubSequence) -> Int? {
            let digits = s.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty else { return nil }
            s = s.dropFirst(digits.count)
            return Int(String(decoding: digits, as: UTF8.self))
        }
        let day: Transition.Day
        switch s.first {
        case UInt8(ascii: "J"):
            s = s.dropFirst()
            guard let n = number(&s), (1...365).contains(n) else { return nil }
            day = .julian(n)
        case UInt8(ascii: "M"):
            s = s.dropFirst()
            guard let m = number(&s), s.first == UInt8(ascii: ".") else { return nil }
            s = s.dropFirst()
            guard let w = number(&s), s.first == UInt8(ascii: ".") else { return nil }
            s = s.dropFirst()
            guard let d = number(&s), (1...12).contains(m), (1...5).contains(w), (0...6).contains(d) else { return nil }
            day = .monthWeek(month: m, week: w, weekday: d)
        default:
            guard let n = number(&s), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time = 7200
        if s.first == UInt8(ascii: "/") {
            s = s.dropFirst()
            guard let t = offset(&s) else { return nil }
            time = t
        }
        return Transition(day: day, time: time)
    }
}
