/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (no Foundation).
enum TimeCalendar {
    /// Division rounding towards minus infinity (`b` > 0); safe for `Int.min`.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r < 0 ? r + b : r
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a valid date (month 1...12). Counts whole 400-year eras (146097
    /// days each) from 0000-03-01, so that February ends each computed year.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day since 1970-01-01 (inverse of `days(fromCivil:)`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 = Sunday (1970-01-01 was a Thursday).
    static func weekday(ofDays days: Int) -> Int { floorMod(days + 4, 7) }
}

/// An instant as whole seconds since the Unix epoch plus nanoseconds (0..<1e9), wide enough for
/// any date the layouts can spell, and shown in a location.
struct TimeInstant {
    var seconds: Int
    var nanos: Int
    var location: TimeLocation = .utc

    static let nanosPerSecond = 1_000_000_000

    init(seconds: Int, nanos: Int, location: TimeLocation = .utc) {
        self.seconds = seconds + TimeCalendar.floorDiv(nanos, TimeInstant.nanosPerSecond)
        self.nanos = TimeCalendar.floorMod(nanos, TimeInstant.nanosPerSecond)
        self.location = location
    }

    init(unixNanos: Int, location: TimeLocation = .utc) {
        self.init(seconds: TimeCalendar.floorDiv(unixNanos, TimeInstant.nanosPerSecond),
                  nanos: TimeCalendar.floorMod(unixNanos, TimeInstant.nanosPerSecond), location: location)
    }

    /// The instant in nanoseconds, if it fits in 64 bits (1677-09-21 to 2262-04-11), else OPA's
    /// "time outside of valid range".
    func unixNanos() throws(BuiltinError) -> Int {
        // Borrow a second for negative times so the intermediate product stays in range.
        let (whole, part) = seconds < 0 && nanos > 0 ? (seconds + 1, nanos - TimeInstant.nanosPerSecond) : (seconds, nanos)
        let (product, overflow) = whole.multipliedReportingOverflow(by: TimeInstant.nanosPerSecond)
        let (sum, overflow2) = product.addingReportingOverflow(part)
        guard !overflow, !overflow2 else { throw .builtin("time outside of valid range") }
        return sum
    }

    /// Broken-down wall-clock fields in the instant's location.
    var fields: TimeFields {
        let zone = location.lookup(seconds)
        let local = seconds + zone.offset
        let days = TimeCalendar.floorDiv(local, 86_400)
        let secondOfDay = local - days * 86_400
        let (y, m, d) = TimeCalendar.civil(fromDays: days)
        return TimeFields(
            year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60, nanosecond: nanos, weekday: TimeCalendar.weekday(ofDays: days),
            yearDay: days - TimeCalendar.days(fromCivil: y, 1, 1) + 1, offset: zone.offset, zoneName: zone.name)
    }

    /// Go's `time.Date`: fields may overflow (month 13, day 0, …) and are normalised.
    static func date(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanos: Int, location: TimeLocation
    ) -> TimeInstant {
        let m = month - 1
        let y = year + TimeCalendar.floorDiv(m, 12)
        let days = TimeCalendar.days(fromCivil: y, TimeCalendar.floorMod(m, 12) + 1, 1) + day - 1
        let wall = days * 86_400 + hour * 3600 + minute * 60 + second + TimeCalendar.floorDiv(nanos, nanosPerSecond)
        return TimeInstant(
            seconds: location.utcSeconds(ofWall: wall), nanos: TimeCalendar.floorMod(nanos, nanosPerSecond),
            location: location)
    }
}

struct TimeFields {
    var year, month, day, hour, minute, second, nanosecond: Int
    /// 0 = Sunday.
    var weekday: Int
    /// 1...366.
    var yearDay: Int
    var offset: Int
    var zoneName: String
}
