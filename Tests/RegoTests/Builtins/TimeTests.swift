import Testing

@testable import Rego

@Suite struct TimeTests {
    static let second = 1_000_000_000

    static let cases: [BuiltinCase] = [
        // time.parse_ns and time.parse_rfc3339_ns
        .init("time.parse_ns", [.str("2006-01-02T15:04:05Z07:00"), .str("2017-06-02T19:00:00-07:00")], .value(.int(1_496_455_200_000_000_000))),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05Z07:00"), .str("1677-09-21T00:12:43.145224192-00:00")], .value(.int(Int.min))),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05Z07:00"), .str("2262-04-11T23:47:16.854775807-00:00")], .value(.int(Int.max))),
        .init("time.parse_ns", [.str("01/02 03:04:05PM '06 -0700"), .str("06/02 07:00:00PM '17 -0700")], .value(.int(1_496_455_200_000_000_000))),
        .init("time.parse_ns", [.str("02 Jan 06 15:04 -0700"), .str("02 Jun 17 19:00 -0700")], .value(.int(1_496_455_200_000_000_000))),
        .init("time.parse_ns", [.str("RFC822Z"), .str("02 Jun 17 19:00 -0700")], .value(.int(1_496_455_200_000_000_000))),
        .init("time.parse_ns", [.str("2006-01-02"), .str("2020-02-02")], .value(.int(1_580_601_600 * second))),
        .init("time.parse_ns", [.str("Monday, January 2, 2006 3:04pm MST"), .str("Friday, june 2, 2017 7:00pm UTC")],
              .value(.int(1_496_430_000 * second))),
        .init("time.parse_ns", [.str("Mon Jan _2 15:04:05 2006"), .str("Fri Jun  2 19:00:00 2017")], .value(.int(1_496_430_000 * second))),
        .init("time.parse_ns", [.str("2006-01-02 15:04:05.000 MST"), .str("2017-06-02 19:00:00.250 GMT+2")],
              .value(.int(1_496_422_800 * second + 250_000_000))),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05.999Z07:00"), .str("2017-06-02T19:00:00Z")], .value(.int(1_496_430_000 * second))),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05.999Z07:00"), .str("2017-06-02T19:00:00,5+01:30")],
              .value(.int((1_496_430_000 - 5400) * second + 500_000_000))),
        .init("time.parse_ns", [.str("2006 002"), .str("2020 060")], .value(.int(1_582_934_400 * second))),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05Z07:00"), .str("1677-09-21T00:12:43.145224191-00:00")],
              .builtinError("time outside of valid range")),
        .init("time.parse_ns", [.str("2006-01-02T15:04:05Z07:00"), .str("2262-04-11T23:47:16.854775808-00:00")],
              .builtinError("time outside of valid range")),
        .init("time.parse_ns", [.str("15:04"), .str("12:30")], .builtinError("time outside of valid range")),
        .init("time.parse_ns", [.str("2006-01-02"), .str("2017-13-02")], .builtinError("parsing time \"2017-13-02\": month out of range")),
        .init("time.parse_ns", [.str("2006-01-02"), .str("2017-02-30")], .builtinError("parsing time \"2017-02-30\": day out of range")),
        .init("time.parse_ns", [.str("2006-01-02"), .str("2017-06-02x")], .builtinError("parsing time \"2017-06-02x\": extra text: \"x\"")),
        .init("time.parse_ns", [.str("2006-01-02"), .str("2017/06/02")],
              .builtinError("parsing time \"2017/06/02\" as \"2006-01-02\": cannot parse \"/06/02\" as \"-\"")),
        .init("time.parse_ns", [.str("2006-01-02"), .str("17-06-02")],
              .builtinError("parsing time \"17-06-02\" as \"2006-01-02\": cannot parse \"17-06-02\" as \"2006\"")),
        .init("time.parse_ns", [.int(1), .str("x")], .typeError("operand 1 must be string but got number")),
        .init("time.parse_rfc3339_ns", [.str("2017-06-02T19:00:00-07:00")], .value(.int(1_496_455_200_000_000_000))),
        .init("time.parse_rfc3339_ns", [.str("1970-01-01T00:00:00.000000001Z")], .value(.int(1))),
        .init("time.parse_rfc3339_ns", [.str("1677-09-21T00:12:43.145224191-00:00")], .builtinError("time outside of valid range")),
        .init("time.parse_rfc3339_ns", [.str("2262-04-11T23:47:16.854775808-00:00")], .builtinError("time outside of valid range")),
        .init("time.parse_rfc3339_ns", [.str("2017-06-02")],
              .builtinError("parsing time \"2017-06-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"")),
        // time.parse_duration_ns
        .init("time.parse_duration_ns", [.str("100ms")], .value(.int(100_000_000))),
        .init("time.parse_duration_ns", [.str("1h30m")], .value(.int(5400 * second))),
        .init("time.parse_duration_ns", [.str("-1.5h")], .value(.int(-5400 * second))),
        .init("time.parse_duration_ns", [.str("1µs2us3ns")], .value(.int(3003))),
        .init("time.parse_duration_ns", [.str(".5s")], .value(.int(500_000_000))),
        .init("time.parse_duration_ns", [.str("0")], .value(.int(0))),
        .init("time.parse_duration_ns", [.str("2562047h47m16.854775807s")], .value(.int(Int.max))),
        .init("time.parse_duration_ns", [.str("-2562047h47m16.854775808s")], .value(.int(Int.min))),
        .init("time.parse_duration_ns", [.str("2562047h47m16.854775808s")], .builtinError("time: invalid duration \"2562047h47m16.854775808s\"")),
        .init("time.parse_duration_ns", [.str("")], .builtinError("time: invalid duration \"\"")),
        .init("time.parse_duration_ns", [.str("1")], .builtinError("time: missing unit in duration \"1\"")),
        .init("time.parse_duration_ns", [.str("1x")], .builtinError("time: unknown unit \"x\" in duration \"1x\"")),
        .init("time.parse_duration_ns", [.str(".s")], .builtinError("time: invalid duration \".s\"")),
        // time.date, time.clock, time.weekday
        .init("time.date", [.int(1_517_814_000 * second)], .value(json("[2018, 2, 5]"))),
        .init("time.date", [.array([.int(1_517_814_000 * second), .str("America/Los_Angeles")])], .value(json("[2018, 2, 4]"))),
        .init("time.date", [.array([.int(1_517_832_000 * second), .str("")])], .value(json("[2018, 2, 5]"))),
        .init("time.date", [.int(1_582_977_600 * second)], .value(json("[2020, 2, 29]"))),
        .init("time.date", [.int(Int.min)], .value(json("[1677, 9, 21]"))),
        .init("time.date", [json("1582977600000000000000")], .builtinError("timestamp too big")),
        .init("time.date", [.double(1.5)], .builtinError("timestamp too big")),
        .init("time.date", [.str("x")], .typeError("operand 1 must be either number (ns) or [number (ns), string (tz)] but got string")),
        .init("time.date", [json("[]")], .typeError("operand 1 must be either number (ns) or [number (ns), string (tz)] but got array")),
        .init("time.date", [json("[\"x\"]")], .typeError("operand 1 must be number but got string")),
        .init("time.date", [json("[0, 1]")], .typeError("operand 1 must be string but got number")),
        .init("time.date", [json("[0, \"Mars/Olympus\"]")], .builtinError("unknown time zone Mars/Olympus")),
        .init("time.clock", [.int(1_517_832_000 * second)], .value(json("[12, 0, 0]"))),
        .init("time.clock", [.array([.int(1_517_832_000 * second), .str("America/New_York")])], .value(json("[7, 0, 0]"))),
        .init("time.clock", [.int(1_582_977_600 * second)], .value(json("[12, 0, 0]"))),
        .init("time.clock", [.int(-1)], .value(json("[23, 59, 59]"))),
        .init("time.weekday", [.int(1_517_832_000_000_000_000)], .value(.str("Monday"))),
        .init("time.weekday", [.int(1_517_918_400_000_000_000)], .value(.str("Tuesday"))),
        .init("time.weekday", [.int(1_518_004_800_000_000_000)], .value(.str("Wednesday"))),
        .init("time.weekday", [.int(1_518_091_200_000_000_000)], .value(.str("Thursday"))),
        .init("time.weekday", [.int(1_518_177_600_000_000_000)], .value(.str("Friday"))),
        .init("time.weekday", [.int(1_518_264_000_000_000_000)], .value(.str("Saturday"))),
        .init("time.weekday", [.int(1_518_350_400_000_000_000)], .value(.str("Sunday"))),
        .init("time.weekday", [json("1582977600000000000000")], .builtinError("timestamp too big")),
        // time.add_date
        .init("time.add_date", [.int(1_585_852_421_593_912_000), .int(-1), .int(-1), .int(-1)], .value(.int(1_551_465_221_593_912_000))),
        .init("time.add_date", [.int(0), .int(2262), .int(1), .int(1)], .builtinError("time outside of valid range")),
        .init("time.add_date", [.int(Int.min), .int(0), .int(0), .int(-1)], .builtinError("time outside of valid range")),
        .init("time.add_date", [.int(1_580_515_200 * second), .int(0), .int(1), .int(0)], .value(.int(1_583_020_800 * second))),  // Jan 31 + 1 month = Mar 2
        .init("time.add_date", [.int(0), .int(1), .double(0.5), .int(0)], .typeError("operand 3 must be integer number but got floating-point number")),
        // time.format
        .init("time.format", [.int(1_670_006_453_141_828_752)], .value(.str("2022-12-02T18:40:53.141828752Z"))),
        .init("time.format", [.array([.int(1_670_006_453_141_828_752), .str("Asia/Kolkata")])],
              .value(.str("2022-12-03T00:10:53.141828752+05:30"))),
        .init("time.format", [.array([.int(1_670_006_453_141_828_752), .str("Asia/Kolkata"), .str("Mon Jan 02 15:04:05 -0700 2006")])],
              .value(.str("Sat Dec 03 00:10:53 +0530 2022"))),
        .init("time.format", [.array([.int(1_670_006_453_141_828_752), .str("Asia/Kolkata"), .str("RFC1123Z")])],
              .value(.str("Sat, 03 Dec 2022 00:10:53 +0530"))),
        .init("time.format", [.array([.int(1_670_006_453_000_000_000), .str("UTC"), .str("RFC3339Nano")])],
              .value(.str("2022-12-02T18:40:53Z"))),
        .init("time.format", [.array([.int(1_670_006_453_100_000_000), .str("America/New_York"), .str("UnixDate")])],
              .value(.str("Fri Dec  2 13:40:53 EST 2022"))),
        .init("time.format", [.array([.int(1_656_000_000 * second), .str("Europe/Berlin"), .str("Monday 2 January 2006 3:04:05.000 PM MST Z0700 002 __2")])],
              .value(.str("Thursday 23 June 2022 6:00:00.000 PM CEST +0200 174 174"))),
        .init("time.format", [.array([.int(1_656_000_000 * second), .str("Australia/Sydney"), .str("Jan _2 06 15h,99 -07:00:00 pm")])],
              .value(.str("Jun 24 22 02h +10:00:00 am"))),
        .init("time.format", [json("15829776000000000000000000")], .builtinError("timestamp too big")),
    ]

    @Test(arguments: cases) func time(_ c: BuiltinCase) { c.check() }

    @Test func nowIsTheEvaluationsClock() throws {
        #expect(try call("time.now_ns", now: 1_234) == .int(1_234))
        #expect(BuiltinTable.lookup("time.now_ns")!.isNondeterministic)
    }

    @Test func diff() throws {
        let day = 86_400 * TimeTests.second
        func parse(_ s: String) -> Value { .int(try! TimeLayout("2006-01-02").parse(s).unixNanos()) }
        #expect(try call("time.diff", .int(61 * TimeTests.second), .int(0)) == json("[0, 0, 0, 0, 1, 1]"))
        #expect(try call("time.diff", .array([.int(60 * TimeTests.second), .str("UTC")]), .array([.int(0), .str("Asia/Shanghai")]))
                == json("[0, 0, 0, 0, 1, 0]"))
        #expect(try call("time.diff", parse("2020-02-02"), parse("2020-03-01")) == json("[0, 0, 28, 0, 0, 0]"))
        #expect(try call("time.diff", parse("2021-02-02"), parse("2021-03-01")) == json("[0, 0, 27, 0, 0, 0]"))
        #expect(try call("time.diff", parse("2004-02-29"), parse("2005-03-01")) == json("[1, 0, 1, 0, 0, 0]"))
        #expect(try call("time.diff", .int(day * 400), .int(0)) == json("[1, 1, 4, 0, 0, 0]"))
    }

    /// Daylight saving switches at the documented instants (US: second Sunday of March, first of
    /// November, at 02:00 local time; southern hemisphere rules wrap around the year end).
    @Test func zonesFollowTheirRules() throws {
        let la = try TimeLocation.named("America/Los_Angeles")
        let beforeSpring = try TimeLayout("2006-01-02 15:04 -0700").parse("2024-03-10 01:59 -0800")
        #expect(la.lookup(beforeSpring.seconds).offset == -8 * 3600)
        #expect(la.lookup(beforeSpring.seconds + 60).offset == -7 * 3600)
        #expect(la.lookup(beforeSpring.seconds + 60).name == "PDT")
        let sydney = try TimeLocation.named("Australia/Sydney")
        #expect(sydney.lookup(1_704_067_200).offset == 11 * 3600)  // January: summer time
        #expect(sydney.lookup(1_719_792_000).offset == 10 * 3600)  // July
        let dublin = try TimeLocation.named("Europe/Dublin")  // negative DST in the rules
        #expect(dublin.lookup(1_704_067_200).offset == 0)
        #expect(dublin.lookup(1_719_792_000).offset == 3600)
        #expect(TimeZoneRule.table.count > 500)
        #expect(throws: BuiltinError.self) { try TimeLocation.named("Nowhere/Else") }
    }

    @Test func calendarRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = TimeCalendar.civil(fromDays: days)
            #expect(TimeCalendar.days(fromCivil: y, m, d) == days)
        }
        #expect(TimeCalendar.civil(fromDays: 0) == (1970, 1, 1))
        #expect(TimeCalendar.civil(fromDays: 11016) == (2000, 2, 29))
    }
}
