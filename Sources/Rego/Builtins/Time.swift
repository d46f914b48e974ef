extension Builtins {
    /// The `time` family, in UTC, fixed offsets and IANA zones (current rules; see
    /// `TimeLocation`). Times are nanoseconds since the Unix epoch; an operand may also be
    /// `[ns, zone]` or, for `time.format`, `[ns, zone, layout]`.
    static let time: [Builtin] = [
        Builtin("time.now_ns", arity: 0, nondeterministic: true) { _, context in .int(context.nowNanos) },
        Builtin("time.parse_rfc3339_ns", arity: 1) { args, _ throws(BuiltinError) in
            .int(try TimeLayout.rfc3339.parse(args.string(1)).unixNanos())
        },
        Builtin("time.parse_ns", arity: 2) { args, context throws(BuiltinError) in
            let layout = try TimeLayout.resolve(args.string(1), context)
            return .int(try layout.parse(args.string(2)).unixNanos())
        },
        Builtin("time.parse_duration_ns", arity: 1) { args, _ throws(BuiltinError) in
            .int(try TimeDuration.parse(args.string(1)))
        },
        Builtin("time.format", arity: 1) { args, context throws(BuiltinError) in
            let (t, layout) = try TimeOperand.read(args[0])
            // No layout, or an empty one, means RFC 3339 with nanoseconds.
            return .string(try TimeLayout.resolve(layout ?? "", context, default: .rfc3339Nano).format(t))
        },
        Builtin("time.date", arity: 1) { args, _ throws(BuiltinError) in
            let f = try TimeOperand.read(args[0]).time.fields
            return .array([.int(f.year), .int(f.month), .int(f.day)])
        },
        Builtin("time.clock", arity: 1) { args, _ throws(BuiltinError) in
            let f = try TimeOperand.read(args[0]).time.fields
            return .array([.int(f.hour), .int(f.minute), .int(f.second)])
        },
        Builtin("time.weekday", arity: 1) { args, _ throws(BuiltinError) in
            .string(TimeLayout.longDays[try TimeOperand.read(args[0]).time.fields.weekday])
        },
        Builtin("time.add_date", arity: 4) { args, _ throws(BuiltinError) in
            let t = try TimeOperand.read(args[0]).time
            let (years, months, days) = (try args.integer(2), try args.integer(3), try args.integer(4))
            return .int(try TimeOperand.addDate(t, years: years, months: months, days: days).unixNanos())
        },
        Builtin("time.diff", arity: 2) { args, _ throws(BuiltinError) in
            let first = try TimeOperand.read(args[0]).time
            var second = try TimeOperand.read(args[1]).time
            second.location = first.location  // compared in the first operand's zone, as OPA
            return .array(TimeOperand.difference(first, second).map(Value.int))
        },
    ]
}

extension TimeLayout {
    static let rfc3339 = TimeLayout(named["RFC3339"]!)
    static let rfc3339Nano = TimeLayout(named["RFC3339Nano"]!)
    /// Go's predefined layouts, by the names OPA accepts, tokenised once.
    static let predefined: [String: TimeLayout] = named.mapValues(TimeLayout.init)

    /// A layout operand: a predefined name or a layout, tokenised once per distinct text.
    static func resolve(_ text: String, _ context: BuiltinContext, default empty: TimeLayout? = nil)
        throws(BuiltinError) -> TimeLayout
    {
        if let empty, text.isEmpty { return empty }
        if let layout = predefined[text] { return layout }
        return try context.caches.value(for: "time.layout\u{0}" + text) { () throws(BuiltinError) in TimeLayout(text) }
    }
}

enum TimeOperand {
    /// `ns`, `[ns]`, `[ns, zone]` or `[ns, zone, layout]`, with OPA's messages.
    static func read(_ operand: Value) throws(BuiltinError) -> (time: TimeInstant, layout: String?) {
        let kinds = "either number (ns) or [number (ns), string (tz)]"
        var location = TimeLocation.utc
        var layout: String?
        let nanosValue: Value
        switch operand {
        case .number: nanosValue = operand
        case .array(let a):
            guard let first = a.first else { throw .operand(1, mustBe: kinds, got: operand) }
            guard case .number = first else { throw .operand(1, mustBe: "number", got: first) }
            nanosValue = first
            if a.count > 1 {
                guard case .string(let zone) = a[1] else { throw .operand(1, mustBe: "string", got: a[1]) }
                location = try TimeLocation.named(zone)
            }
            if a.count > 2 {
                guard case .string(let text) = a[2] else { throw .operand(1, mustBe: "string", got: a[2]) }
                layout = text
            }
        default:
            throw .operand(1, mustBe: kinds, got: operand)
        }
        // Non-integers and integers beyond 64 bits are both "too big" to OPA.
        guard case .number(let n) = nanosValue, let nanos = n.intValue else { throw .builtin("timestamp too big") }
        return (TimeInstant(unixNanos: nanos, location: location), layout)
    }

    /// Go's `AddDate`: the wall-clock date moved by whole years, months and days, normalised
    /// (January 31 plus one month is March 2 or 3), at the same time of day.
    static func addDate(_ t: TimeInstant, years: Int, months: Int, days: Int) throws(BuiltinError) -> TimeInstant {
        // Far beyond the representable range anyway; bounding keeps the arithmetic exact.
        let bound = 100_000_000
        guard abs(years) < bound, abs(months) < bound, abs(days) < bound * 10 else {
            throw .builtin("time outside of valid range")
        }
        let f = t.fields
        return TimeInstant.date(
            year: f.year + years, month: f.month + months, day: f.day + days, hour: f.hour, minute: f.minute,
            second: f.second, nanos: f.nanosecond, location: t.location)
    }

    /// `[years, months, days, hours, minutes, seconds]` between two instants, order ignored.
    static func difference(_ a: TimeInstant, _ b: TimeInstant) -> [Int] {
        var (early, late) = (a, b)
        if (early.seconds, early.nanos) > (late.seconds, late.nanos) { swap(&early, &late) }
        let x = early.fields
        let y = late.fields
        var years = y.year - x.year
        var months = y.month - x.month
        var days = y.day - x.day
        var hours = y.hour - x.hour
        var minutes = y.minute - x.minute
        var seconds = y.second - x.second
        if seconds < 0 {
            seconds += 60
            minutes -= 1
        }
        if minutes < 0 {
            minutes += 60
            hours -= 1
        }
        if hours < 0 {
            hours += 24
            days -= 1
        }
        if days < 0 {
            days += TimeCalendar.daysIn(month: x.month, year: x.year)
            months -= 1
        }
        if months < 0 {
            months += 12
            years -= 1
        }
        return [years, months, days, hours, minutes, seconds]
    }
}
