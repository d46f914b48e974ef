/// Go's `strconv.AppendFloat(dst, v, fmt, prec, 64)`, which `sprintf` reaches for every
/// non-integral number. Shortest forms reuse Swift's shortest round-trip digits (the same digits
/// Go's Ryū produces); fixed precisions round the exact binary value half-to-even, as Go does.
enum GoFloatFormat {
    /// Digits `0.d1d2… × 10^point` without leading/trailing zeros; zero has no digits.
    typealias Digits = (digits: [UInt8], point: Int)

    static func append(_ v: Double, format: UInt8, precision: Int, into out: inout [UInt8]) {
        let negative = v.sign == .minus
        if v.isNaN {
            out.append(contentsOf: "NaN".utf8)
            return
        }
        if v.isInfinite {
            out.append(contentsOf: (negative ? "-Inf" : "+Inf").utf8)
            return
        }
        switch format {
        case UInt8(ascii: "b"):
            appendBinary(v, into: &out)
            return
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            appendHex(v, format: format, precision: precision, into: &out)
            return
        default:
            break
        }
        var prec = precision
        let shortestForm = prec < 0
        var digs: Digits
        if shortestForm {
            digs = v == 0 ? ([], 0) : shortest(Swift.abs(v))
            switch format {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = Swift.max(digs.digits.count - 1, 0)
            case UInt8(ascii: "f"): prec = Swift.max(digs.digits.count - digs.point, 0)
            default: prec = digs.digits.count
            }
        } else {
            var exact = ExactDecimal(magnitudeOf: v)
            switch format {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): exact.round(toDigits: prec + 1)
            case UInt8(ascii: "f"): exact.round(toDigits: exact.pointPosition + prec)
            default:
                if prec == 0 { prec = 1 }
                exact.round(toDigits: prec)
            }
            digs = (exact.digits, exact.pointPosition)
        }
        appendDigits(digs, shortest: shortestForm, negative: negative, precision: prec, format: format, into: &out)
    }

    /// Shortest round-trip digits of a positive finite double, read off Swift's `description`
    /// ("123.0", "0.001", "1e-05", "1.2345e+20").
    static func shortest(_ m: Double) -> Digits {
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for c in m.description.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(c - 48)
                } else {
                    digits.append(c)
                    if !seenPoint { integerDigits += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): if inExponent { exponentSign = -1 }
            default: break
            }
        }
        var point = integerDigits + exponentSign * exponent
        var leading = 0
        while leading < digits.count, digits[leading] == 48 { leading += 1 }
        digits.removeFirst(leading)
        point -= leading
        while let last = digits.last, last == 48 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
        return (digits, point)
    }

    private static func appendDigits(
        _ d: Digits, shortest: Bool, negative: Bool, precision: Int, format: UInt8, into out: inout [UInt8]
    ) {
        switch format {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            appendE(d, negative: negative, precision: precision, format: format, into: &out)
        case UInt8(ascii: "f"):
            appendF(d, negative: negative, precision: precision, into: &out)
        default:  // g, G
            var prec = precision
            var eprec = prec
            if eprec > d.digits.count && d.digits.count >= d.point { eprec = d.digits.count }
            // Shortest %g switches to an exponent from 1e+06 on, as Go does.
            if shortest { eprec = 6 }
            let exp = d.point - 1
            if exp < -4 || exp >= eprec {
                if prec > d.digits.count { prec = d.digits.count }
                appendE(d, negative: negative, precision: prec - 1, format: format + 0x65 - 0x67, into: &out)
                return
            }
            if prec > d.point { prec = d.digits.count }
            appendF(d, negative: negative, precision: Swift.max(prec - d.point, 0), into: &out)
        }
    }

    /// `-d.ddddde±dd`
    private static func appendE(_ d: Digits, negative: Bool, precision: Int, format: UInt8, into out: inout [UInt8]) {
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(d.digits.first ?? 48)
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = Swift.min(d.digits.count, precision + 1)
            if i < m {
                out.append(contentsOf: d.digits[i..<m])
                i = m
            }
            while i <= precision {
                out.append(48)
                i += 1
            }
        }
        out.append(format)
        var exp = d.digits.isEmpty ? 0 : d.point - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(48)
            out.append(UInt8(48 + exp))
        } else if exp < 100 {
            out.append(UInt8(48 + exp / 10))
            out.append(UInt8(48 + exp % 10))
        } else {
            out.append(UInt8(48 + exp / 100))
            out.append(UInt8(48 + (exp / 10) % 10))
            out.append(UInt8(48 + exp % 10))
        }
    }

    /// `-ddddddd.ddddd`
    private static func appendF(_ d: Digits, negative: Bool, precision: Int, into out: inout [UInt8]) {
        if negative { out.append(UInt8(ascii: "-")) }
        if d.point > 0 {
            let m = Swift.min(d.digits.count, d.point)
            out.append(contentsOf: d.digits[0..<m])
            for _ in m..<d.point { out.append(48) }
        } else {
            out.append(48)
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.point + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : 48)
            }
        }
    }

    /// Mantissa and unbiased exponent as Go's genericFtoa splits them.
    private static func split(_ v: Double) -> (mantissa: UInt64, exponent: Int) {
        let biased = Int(v.exponentBitPattern)
        var mantissa = v.significandBitPattern
        var exponent: Int
        if biased == 0 {
            exponent = 1 - 1023
        } else {
            mantissa |= 1 << 52
            exponent = biased - 1023
        }
        return (mantissa, exponent)
    }

    /// `%b`: `-ddddp±ddd`, a decimal mantissa and a binary exponent.
    private static func appendBinary(_ v: Double, into out: inout [UInt8]) {
        let (mantissa, exponent) = split(v)
        if v.sign == .minus { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: String(mantissa).utf8)
        out.append(UInt8(ascii: "p"))
        let e = exponent - 52
        if e >= 0 { out.append(UInt8(ascii: "+")) }
        out.append(contentsOf: String(e).utf8)
    }

    /// `%x`: `-0x1.yyyyp±dd`.
    private static func appendHex(_ v: Double, format: UInt8, precision: Int, into out: inout [UInt8]) {
        var (mantissa, exponent) = split(v)
        if mantissa == 0 { exponent = 0 }
        mantissa <<= 60 - 52
        while mantissa != 0 && mantissa & (1 << 60) == 0 {
            mantissa <<= 1
            exponent -= 1
        }
        if precision >= 0 && precision < 15 {
            let shift = UInt64(precision * 4)
            let extra = (mantissa << shift) & (1 << 60 - 1)
            mantissa >>= 60 - shift
            if extra | (mantissa & 1) > 1 << 59 { mantissa += 1 }
            mantissa <<= 60 - shift
            if mantissa & (1 << 61) != 0 {
                mantissa >>= 1
                exponent += 1
            }
        }
        let hex: [UInt8] = Array((format == UInt8(ascii: "X") ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        if v.sign == .minus { out.append(UInt8(ascii: "-")) }
        out.append(48)
        out.append(format)
        out.append(UInt8(48 + (mantissa >> 60) & 1))
        mantissa <<= 4
        if precision < 0 && mantissa != 0 {
            out.append(UInt8(ascii: "."))
            while mantissa != 0 {
                out.append(hex[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        } else if precision > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<precision {
                out.append(hex[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        }
        out.append(format == UInt8(ascii: "X") ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        if exponent < 0 {
            out.append(UInt8(ascii: "-"))
            exponent = -exponent
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exponent < 100 {
            out.append(UInt8(48 + exponent / 10))
            out.append(UInt8(48 + exponent % 10))
        } else if exponent < 1000 {
            out.append(UInt8(48 + exponent / 100))
            out.append(UInt8(48 + (exponent / 10) % 10))
            out.append(UInt8(48 + exponent % 10))
        } else {
            out.append(UInt8(48 + exponent / 1000))
            out.append(UInt8(48 + (exponent / 100) % 10))
            out.append(UInt8(48 + (exponent / 10) % 10))
            out.append(UInt8(48 + exponent % 10))
        }
    }
}
