extension Builtins {
    /// The `units` family (see BuiltinTable): OPA's parse_units.go and parse_bytes.go, computed
    /// exactly (OPA uses big rationals/floats, so "0.0005K" is exactly 0.5).
    static let units: [Builtin] = [
        Builtin("units.parse", arity: 1) { args, _ throws(BuiltinError) in
            .number(try UnitsParser.parseUnits(try args.string(1)))
        },
        Builtin("units.parse_bytes", arity: 1) { args, _ throws(BuiltinError) in
            .number(try UnitsParser.parseBytes(try args.string(1)))
        },
    ]
}

/// Messages carry the builtin's name, as OPA's error values do (the evaluator adds it again,
/// exactly as OPA prints `units.parse: units.parse: no amount provided`).
enum UnitsParser {
    fileprivate enum Multiplier {
        case integer(UInt64)
        /// The double nearest 0.001, as OPA's `big.Rat.SetFloat64(0.001)` takes it.
        case milli
    }

    static func parseUnits(_ raw: String) throws(BuiltinError) -> Number {
        let name = "units.parse"
        let s = String(decoding: raw.utf8.filter { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
        if s.utf8.contains(UInt8(ascii: " ")) { throw .builtin("\(name): spaces not allowed in resource strings") }
        guard let (num, unitText) = split(s) else { throw .builtin("\(name): exponent too large") }
        if num.isEmpty { throw .builtin("\(name): no amount provided") }
        // Only the letters after the first are case-insensitive, so "m" (milli) and "M" differ.
        var unit = unitText
        if unit.unicodeScalars.count > 1 {
            let first = unit.unicodeScalars.first!
            unit = String(first) + StringBuiltins.mapCase(String(unit.unicodeScalars.dropFirst()), upper: false)
        }
        let multiplier: Multiplier
        switch unit {
        case "m": multiplier = .milli
        case "": multiplier = .integer(1)
        case "k", "K": multiplier = .integer(1000)
        case "ki", "Ki": multiplier = .integer(1 << 10)
        case "M": multiplier = .integer(1_000_000)
        case "mi", "Mi": multiplier = .integer(1 << 20)
        case "g", "G": multiplier = .integer(1_000_000_000)
        case "gi", "Gi": multiplier = .integer(1 << 30)
        case "t", "T": multiplier = .integer(1_000_000_000_000)
        case "ti", "Ti": multiplier = .integer(1 << 40)
        case "p", "P": multiplier = .integer(1_000_000_000_000_000)
        case "pi", "Pi": multiplier = .integer(1 << 50)
        case "e", "E": multiplier = .integer(1_000_000_000_000_000_000)
        case "ei", "Ei": multiplier = .integer(1 << 60)
        default: throw .builtin("\(name): unit \(unit) not recognized")
        }
        guard let amount = Decimal(num) else { throw .builtin("\(name): could not parse amount to a number") }
        return amount.times(multiplier, rounding: .toTenDecimals)
    }

    static func parseBytes(_ raw: String) throws(BuiltinError) -> Number {
        let name = "units.parse_bytes"
        let lowered = StringBuiltins.mapCase(raw, upper: false)
        let s = String(decoding: lowered.utf8.filter { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
        if s.utf8.contains(UInt8(ascii: " ")) { throw .builtin("\(name): spaces not allowed in resource strings") }
        guard let (num, unit) = split(s) else { throw .builtin("\(name): exponent too large") }
        if num.isEmpty { throw .builtin("\(name): no byte amount provided") }
        let factor: UInt64
        switch unit {
        case "": factor = 1
        case "kb", "k": factor = 1000
        case "kib", "ki": factor = 1 << 10
        case "mb", "m": factor = 1_000_000
        case "mib", "mi": factor = 1 << 20
        case "gb", "g": factor = 1_000_000_000
        case "gib", "gi": factor = 1 << 30
        case "tb", "t": factor = 1_000_000_000_000
        case "tib", "ti": factor = 1 << 40
        case "pb", "p": factor = 1_000_000_000_000_000
        case "pib", "pi": factor = 1 << 50
        case "eb", "e": factor = 1_000_000_000_000_000_000
        case "eib", "ei": factor = 1 << 60
        default: throw .builtin("\(name): byte unit \(unit) not recognized")
        }
        guard let amount = Decimal(num) else { throw .builtin("\(name): could not parse byte amount to a number") }
        return amount.times(.integer(factor), rounding: .truncate)
    }

    /// OPA's extractNumAndUnit: the longest prefix of digits, '.', signs and exponents (an `e`
    /// counts only when a digit or sign follows), then the unit. Nil when an exponent has more
    /// than six digits.
    static func split(_ s: String) -> (String, String)? {
        let b = Array(s.utf8)
        var boundary: Int? = nil
        var i = 0
        while i < b.count {
            let c = b[i]
            let isDigit = c >= 48 && c <= 57
            let isExponent = c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            if !isDigit && c != UInt8(ascii: ".") && !isExponent && c != UInt8(ascii: "+") && c != UInt8(ascii: "-") {
                boundary = i
                break
            }
            if isExponent {
                let nextIsNumeric =
                    i + 1 < b.count
                    && ((b[i + 1] >= 48 && b[i + 1] <= 57) || b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-"))
                if !nextIsNumeric {
                    boundary = i
                    break
                }
                if b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-") { i += 1 }
                var end = i + 1
                while end < b.count && b[end] >= 48 && b[end] <= 57 { end += 1 }
                if end - (i + 1) > 6 { return nil }
            }
            i += 1
        }
        guard let boundary else { return (s, "") }
        return (String(decoding: b[..<boundary], as: UTF8.self), String(decoding: b[boundary...], as: UTF8.self))
    }

    /// A parsed decimal amount: ±digits × 10^exponent.
    struct Decimal {
        var negative: Bool
        var digits: BigUInt
        var exponent: Int
        var digitCount: Int

        enum Rounding { case truncate, toTenDecimals }

        /// `[+-]digits[.digits][(e|E)[+-]digits]` with at least one mantissa digit.
        init?(_ text: String) {
            let b = Array(text.utf8)
            var i = 0
            negative = false
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
                negative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var mantissa: [UInt8] = []
            var fraction = 0
            var seenPoint = false
            while i < b.count {
                let c = b[i]
                if c >= 48 && c <= 57 {
                    mantissa.append(c)
                    if seenPoint { fraction += 1 }
                } else if c == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                } else {
                    break
                }
                i += 1
            }
            guard !mantissa.isEmpty else { return nil }
            var exp = 0
            if i < b.count {
                guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return nil }
                i += 1
                var expNegative = false
                if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
                    expNegative = b[i] == UInt8(ascii: "-")
                    i += 1
                }
                guard i < b.count else { return nil }
                while i < b.count {
                    guard b[i] >= 48 && b[i] <= 57 else { return nil }
                    exp = exp * 10 + Int(b[i] - 48)
                    i += 1
                }
                if expNegative { exp = -exp }
            }
            while mantissa.count > 1 && mantissa.first == 48 { mantissa.removeFirst() }
            digits = BigUInt(decimalDigits: mantissa)!
            digitCount = mantissa.count
            exponent = exp - fraction
        }

        /// The product as a Rego number: exact integers stay exact; other values are rounded to
        /// ten decimals (big.Rat.FloatString(10)) or truncated toward zero (big.Float.Int).
        fileprivate func times(_ multiplier: Multiplier, rounding: Rounding) -> Number {
            var numerator = digits
            var twos = 0  // denominator 2^twos from the milli double
            switch multiplier {
            case .integer(let n): numerator.multiply(by: n)
            case .milli:
                let d = 0.001
                numerator.multiply(by: d.significandBitPattern | 1 << 52)
                twos = 52 - Int(d.exponent)
            }
            if numerator.isZero { return .zero }
            // Beyond a double's range the exact digits would be useless (and slow): our numbers
            // are doubles there anyway.
            if digitCount + exponent > 330 {
                return Number(negative ? -Double.infinity : Double.infinity)
            }
            var tens = 0  // denominator 10^tens
            if exponent >= 0 {
                numerator.multiply(byPowerOfTen: exponent)
            } else {
                tens = -exponent
            }
            // Far below one (multipliers are under 10^19): nothing survives truncation or rounding.
            if digitCount + exponent + 19 < (rounding == .truncate ? 0 : -11) { return .zero }

            // Integer when the division is exact.
            var quotient = numerator
            let exact = divide(&quotient, tens: tens, twos: twos)
            if exact || rounding == .truncate {
                return number(from: quotient.digits(base: 10), negative: negative && !quotient.isZero)
            }
            // Ten decimals, halves away from zero: one extra digit decides.
            var scaled = numerator
            scaled.multiply(byPowerOfTen: 11)
            _ = divide(&scaled, tens: tens, twos: twos)
            let last = scaled.divide(by: 10)
            if last >= 5 { scaled.add(1) }
            var text = scaled.digits(base: 10)
            while text.count < 11 { text.insert(48, at: 0) }
            text.insert(UInt8(ascii: "."), at: text.count - 10)
            let isZero = scaled.isZero
            return number(from: text, negative: negative && !isZero)
        }

        /// Divides a non-zero value by 10^tens × 2^twos; reports whether nothing was lost.
        private func divide(_ value: inout BigUInt, tens: Int, twos: Int) -> Bool {
            var exact = true
            var remaining = tens
            // Reaching zero early means a remainder was already dropped.
            while remaining > 0 && !value.isZero {
                let step = Swift.min(remaining, 9)
                var divisor: UInt32 = 1
                for _ in 0..<step { divisor *= 10 }
                if value.divide(by: divisor) != 0 { exact = false }
                remaining -= step
            }
            if value.shiftRight(by: twos) { exact = false }
            return exact
        }

        private func number(from digits: [UInt8], negative: Bool) -> Number {
            let text = (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
            return Number(literal: text) ?? .zero
        }
    }
}
