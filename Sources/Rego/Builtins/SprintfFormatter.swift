/// One `sprintf` operand as OPA hands it to Go's `fmt.Sprintf`: integers that fit 64 bits are Go
/// `int`s, larger integers `*big.Int`s, other numbers `float64`s, strings themselves, and every
/// other value the string of its Rego term syntax.
enum FormatArgument {
    case int(Int)
    case bigInt(negative: Bool, magnitude: BigUInt)
    case float(Double)
    case string(String)

    init(_ value: Value) {
        switch value {
        case .number(let n):
            if let i = n.intValue {
                self = .int(i)
            } else if let magnitude = BigUInt(integralMagnitudeOf: n.doubleValue) {
                self = .bigInt(negative: n.doubleValue < 0, magnitude: magnitude)
            } else {
                self = .float(n.doubleValue)
            }
        case .string(let s): self = .string(s)
        default: self = .string(value.description)
        }
    }

    /// Go's `reflect.TypeOf(arg).String()`.
    var goTypeName: String {
        switch self {
        case .int: return "int"
        case .bigInt: return "*big.Int"
        case .float: return "float64"
        case .string: return "string"
        }
    }
}

/// A port of Go's `fmt.Sprintf` (fmt/print.go `doPrintf` and fmt/format.go) for the operand kinds
/// OPA produces, including Go's error forms (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA …)`).
struct GoFormatter {
    private struct Flags {
        var widPresent = false
        var precPresent = false
        var minus = false
        var plus = false
        var sharp = false
        var space = false
        var zero = false
        var plusV = false
        var sharpV = false
        var wid = 0
        var prec = 0
    }

    private var out: [UInt8] = []
    private var f = Flags()
    private var reordered = false
    private var goodArgNum = true

    static func sprintf(_ format: String, _ args: [FormatArgument]) -> String {
        var formatter = GoFormatter()
        formatter.out.reserveCapacity(format.utf8.count + 16 * args.count)
        var format = format
        format.withUTF8 { formatter.doPrintf($0, args) }
        return String(decoding: formatter.out, as: UTF8.self)
    }

    // MARK: - Format string walking (print.go)

    private mutating func doPrintf(_ format: UnsafeBufferPointer<UInt8>, _ a: [FormatArgument]) {
        let end = format.count
        var argNum = 0
        var afterIndex = false
        reordered = false
        var i = 0
        formatLoop: while i < end {
            goodArgNum = true
            let lasti = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { out.append(contentsOf: UnsafeBufferPointer(rebasing: format[lasti..<i])) }
            if i >= end { break }
            i += 1  // skip %

            f = Flags()
            flagLoop: while i < end {
                switch format[i] {
                case UInt8(ascii: "#"): f.sharp = true
                case UInt8(ascii: "0"): f.zero = true
                case UInt8(ascii: "+"): f.plus = true
                case UInt8(ascii: "-"): f.minus = true
                case UInt8(ascii: " "): f.space = true
                default: break flagLoop
                }
                i += 1
            }

            (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)

            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                (f.wid, f.widPresent, argNum) = intFromArg(a, argNum)
                if !f.widPresent { out.append(contentsOf: "%!(BADWIDTH)".utf8) }
                if f.wid < 0 {
                    f.wid = -f.wid
                    f.minus = true
                    f.zero = false
                }
                afterIndex = false
            } else {
                (f.wid, f.widPresent, i) = parseNumber(format, i, end)
                if afterIndex && f.widPresent { goodArgNum = false }
            }

            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    (f.prec, f.precPresent, argNum) = intFromArg(a, argNum)
                    if f.prec < 0 {
                        f.prec = 0
                        f.precPresent = false
                    }
                    if !f.precPresent { out.append(contentsOf: "%!(BADPREC)".utf8) }
                    afterIndex = false
                } else {
                    (f.prec, f.precPresent, i) = parseNumber(format, i, end)
                    if !f.precPresent {
                        f.prec = 0
                        f.precPresent = true
                    }
                }
            }

            if !afterIndex { (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count) }

            if i >= end {
                out.append(contentsOf: "%!(NOVERB)".utf8)
                break
            }

            let (verb, size) = decodeScalar(format, i)
            i += size

            if verb == "%" {
                out.append(UInt8(ascii: "%"))
            } else if !goodArgNum {
                writeBang(verb, "(BADINDEX)")
            } else if argNum >= a.count {
                writeBang(verb, "(MISSING)")
            } else {
                if verb == "v" {
                    f.sharpV = f.sharp
                    f.sharp = false
                    f.plusV = f.plus
                    f.plus = false
                }
                printArg(a[argNum], verb)
                argNum += 1
            }
        }

        if !reordered && argNum < a.count {
            f = Flags()
            out.append(contentsOf: "%!(EXTRA ".utf8)
            for (k, arg) in a[argNum...].enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                out.append(contentsOf: arg.goTypeName.utf8)
                out.append(UInt8(ascii: "="))
                printArg(arg, "v")
            }
            out.append(UInt8(ascii: ")"))
        }
    }

    private func decodeScalar(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        var decoder = UTF8()
        var it = UnsafeBufferPointer(rebasing: s[i...]).makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&it) { return (scalar, UTF8.width(scalar)) }
        return ("\u{FFFD}", 1)
    }

    private mutating func writeBang(_ verb: Unicode.Scalar, _ text: String) {
        out.append(contentsOf: "%!".utf8)
        appendScalar(verb)
        out.append(contentsOf: text.utf8)
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// `tooLarge` bounds widths and precisions to ±1e6, as Go does.
    private func parseNumber(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        if start >= end { return (0, false, end) }
        var num = 0
        var isNum = false
        var i = start
        while i < end && s[i] >= 48 && s[i] <= 57 {
            if num > 1_000_000 { return (0, false, end) }
            num = num * 10 + Int(s[i] - 48)
            isNum = true
            i += 1
        }
        return (num, isNum, i)
    }

    private func intFromArg(_ a: [FormatArgument], _ argNum: Int) -> (Int, Bool, Int) {
        guard argNum < a.count else { return (0, false, argNum) }
        if case .int(let n) = a[argNum], n <= 1_000_000, n >= -1_000_000 { return (n, true, argNum + 1) }
        return (0, false, argNum + 1)
    }

    private mutating func argNumber(
        _ argNum: Int, _ format: UnsafeBufferPointer<UInt8>, _ i: Int, _ numArgs: Int
    ) -> (Int, Int, Bool) {
        guard i < format.count, format[i] == UInt8(ascii: "[") else { return (argNum, i, false) }
        reordered = true
        // parseArgNumber: "[n]" with n one-based.
        var index = 0
        var width = 1
        var ok = false
        if format.count - i >= 3 {
            var j = i + 1
            while j < format.count {
                if format[j] == UInt8(ascii: "]") {
                    let (n, isNum, newi) = parseNumber(format, i + 1, j)
                    if !isNum || newi != j {
                        width = j - i + 1
                    } else {
                        index = n - 1
                        width = j - i + 1
                        ok = true
                    }
                    break
                }
                j += 1
            }
        }
        if ok && index >= 0 && index < numArgs { return (index, i + width, true) }
        goodArgNum = false
        return (argNum, i + width, ok)
    }

    // MARK: - Operands (print.go printArg)

    private mutating func printArg(_ arg: FormatArgument, _ verb: Unicode.Scalar) {
        switch verb {
        case "T":
            fmtS(arg.goTypeName)
            return
        case "p":
            badVerb(verb, arg)
            return
        default: break
        }
        switch arg {
        case .int(let i): printInteger(UInt64(bitPattern: Int64(i)), verb, arg)
        case .bigInt(let negative, let magnitude): formatBigInt(negative, magnitude, verb)
        case .float(let d): printFloat(d, verb, arg)
        case .string(let s): printString(s, verb, arg)
        }
    }

    private mutating func badVerb(_ verb: Unicode.Scalar, _ arg: FormatArgument) {
        out.append(contentsOf: "%!".utf8)
        appendScalar(verb)
        out.append(UInt8(ascii: "("))
        out.append(contentsOf: arg.goTypeName.utf8)
        out.append(UInt8(ascii: "="))
        switch arg {
        case .bigInt(let negative, let magnitude):
            if negative { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: magnitude.digits(base: 10))
        default:
            printArg(arg, "v")
        }
        out.append(UInt8(ascii: ")"))
    }

    private mutating func printInteger(_ v: UInt64, _ verb: Unicode.Scalar, _ arg: FormatArgument) {
        switch verb {
        case "v", "d": fmtInteger(v, base: 10, verb: verb, upper: false)
        case "b": fmtInteger(v, base: 2, verb: verb, upper: false)
        case "o", "O": fmtInteger(v, base: 8, verb: verb, upper: false)
        case "x": fmtInteger(v, base: 16, verb: verb, upper: false)
        case "X": fmtInteger(v, base: 16, verb: verb, upper: true)
        case "c":
            var bytes: [UInt8] = []
            let scalar = v <= 0x10FFFF ? (Unicode.Scalar(UInt32(v)) ?? "\u{FFFD}") : "\u{FFFD}"
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            pad(bytes)
        case "q":
            var bytes: [UInt8] = []
            GoText.appendQuotedRune(v, asciiOnly: f.plus, into: &bytes)
            pad(bytes)
        case "U": fmtUnicode(v)
        default: badVerb(verb, arg)
        }
    }

    private mutating func printFloat(_ v: Double, _ verb: Unicode.Scalar, _ arg: FormatArgument) {
        switch verb {
        case "v": fmtFloat(v, verb: UInt8(ascii: "g"), prec: -1)
        case "b", "g", "G", "x", "X": fmtFloat(v, verb: UInt8(verb.value), prec: -1)
        case "f", "e", "E": fmtFloat(v, verb: UInt8(verb.value), prec: 6)
        case "F": fmtFloat(v, verb: UInt8(ascii: "f"), prec: 6)
        default: badVerb(verb, arg)
        }
    }

    private mutating func printString(_ s: String, _ verb: Unicode.Scalar, _ arg: FormatArgument) {
        switch verb {
        case "v": if f.sharpV { fmtQ(s) } else { fmtS(s) }
        case "s": fmtS(s)
        case "x": fmtSx(s, upper: false)
        case "X": fmtSx(s, upper: true)
        case "q": fmtQ(s)
        default: badVerb(verb, arg)
        }
    }

    // MARK: - Padding (format.go)

    private mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        let byte = f.zero && !f.minus ? UInt8(ascii: "0") : UInt8(ascii: " ")
        out.append(contentsOf: repeatElement(byte, count: n))
    }

    private mutating func pad(_ bytes: [UInt8]) {
        if !f.widPresent || f.wid == 0 {
            out.append(contentsOf: bytes)
            return
        }
        var runes = 0
        for b in bytes where b & 0xC0 != 0x80 { runes += 1 }
        let width = f.wid - runes
        if !f.minus {
            writePadding(width)
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: bytes)
            writePadding(width)
        }
    }

    private mutating func padString(_ s: String) {
        pad(Array(s.utf8))
    }

    // MARK: - Integers

    private mutating func fmtInteger(_ value: UInt64, base: UInt64, verb: Unicode.Scalar, upper: Bool) {
        let negative = Int64(bitPattern: value) < 0
        let u = negative ? 0 &- value : value
        let digits: [UInt8] = Array((upper ? "0123456789ABCDEFX" : "0123456789abcdefx").utf8)

        var prec = 0
        if f.precPresent {
            prec = f.prec
            if prec == 0 && u == 0 {
                let oldZero = f.zero
                f.zero = false
                writePadding(f.wid)
                f.zero = oldZero
                return
            }
        } else if f.zero && !f.minus && f.widPresent {
            prec = f.wid
            if negative || f.plus || f.space { prec -= 1 }
        }

        var buf: [UInt8] = []
        var x = u
        repeat {
            buf.append(digits[Int(x % base)])
            x /= base
        } while x > 0
        while buf.count < prec { buf.append(48) }
        if f.sharp {
            switch base {
            case 2: buf.append(contentsOf: [UInt8(ascii: "b"), 48])
            case 8: if buf.last != 48 { buf.append(48) }
            case 16: buf.append(contentsOf: [digits[16], 48])
            default: break
            }
        }
        if verb == "O" { buf.append(contentsOf: [UInt8(ascii: "o"), 48]) }
        if negative {
            buf.append(UInt8(ascii: "-"))
        } else if f.plus {
            buf.append(UInt8(ascii: "+"))
        } else if f.space {
            buf.append(UInt8(ascii: " "))
        }
        buf.reverse()
        let oldZero = f.zero
        f.zero = false
        pad(buf)
        f.zero = oldZero
    }

    /// `%U`: "U+0078", or with `#` "U+0078 'x'".
    private mutating func fmtUnicode(_ value: UInt64) {
        var prec = 4
        if f.precPresent && f.prec > 4 { prec = f.prec }
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var digits: [UInt8] = []
        var u = value
        repeat {
            digits.append(hex[Int(u & 0xF)])
            u >>= 4
        } while u > 0
        while digits.count < prec { digits.append(48) }
        var buf: [UInt8] = [UInt8(ascii: "U"), UInt8(ascii: "+")]
        buf.append(contentsOf: digits.reversed())
        if f.sharp, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)), GoText.isPrint(scalar) {
            buf.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "'")])
            buf.append(contentsOf: UTF8.encode(scalar)!)
            buf.append(UInt8(ascii: "'"))
        }
        let oldZero = f.zero
        f.zero = false
        pad(buf)
        f.zero = oldZero
    }

    /// math/big's `(*Int).Format`, which handles its verbs (and bad verbs) itself.
    private mutating func formatBigInt(_ negative: Bool, _ magnitude: BigUInt, _ verb: Unicode.Scalar) {
        let base: UInt32
        switch verb {
        case "b": base = 2
        case "o", "O": base = 8
        case "d", "s", "v": base = 10
        case "x", "X": base = 16
        default:
            out.append(contentsOf: "%!".utf8)
            appendScalar(verb)
            out.append(contentsOf: "(big.Int=".utf8)
            if negative { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: magnitude.digits(base: 10))
            out.append(UInt8(ascii: ")"))
            return
        }
        let sign: String
        if negative {
            sign = "-"
        } else if f.plus || f.plusV {
            sign = "+"
        } else if f.space {
            sign = " "
        } else {
            sign = ""
        }
        var prefix = ""
        if f.sharp || f.sharpV {
            switch verb {
            case "b": prefix = "0b"
            case "o": prefix = "0"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        if verb == "O" { prefix = "0o" }
        var digits = magnitude.digits(base: base)
        if verb == "X" {
            for k in digits.indices where digits[k] >= 0x61 { digits[k] -= 0x20 }
        }
        var left = 0
        var zeros = 0
        var right = 0
        if f.precPresent {
            if digits.count < f.prec {
                zeros = f.prec - digits.count
            } else if digits == [48] && f.prec == 0 {
                return
            }
        }
        let length = sign.utf8.count + prefix.utf8.count + zeros + digits.count
        if f.widPresent && length < f.wid {
            let d = f.wid - length
            if f.minus {
                right = d
            } else if f.zero && !f.precPresent {
                zeros = d
            } else {
                left = d
            }
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: left))
        out.append(contentsOf: sign.utf8)
        out.append(contentsOf: prefix.utf8)
        out.append(contentsOf: repeatElement(48, count: zeros))
        out.append(contentsOf: digits)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: right))
    }

    // MARK: - Strings

    private func truncated(_ s: String) -> String {
        guard f.precPresent else { return s }
        var n = f.prec
        var index = s.unicodeScalars.startIndex
        while index != s.unicodeScalars.endIndex {
            n -= 1
            if n < 0 { return String(s.unicodeScalars[..<index]) }
            index = s.unicodeScalars.index(after: index)
        }
        return s
    }

    private mutating func fmtS(_ s: String) {
        padString(truncated(s))
    }

    private mutating func fmtSx(_ s: String, upper: Bool) {
        let digits: [UInt8] = Array((upper ? "0123456789ABCDEFX" : "0123456789abcdefx").utf8)
        let bytes = Array(s.utf8)
        var length = bytes.count
        if f.precPresent && f.prec < length { length = f.prec }
        var width = 2 * length
        if width > 0 {
            if f.space {
                if f.sharp { width *= 2 }
                width += length - 1
            } else if f.sharp {
                width += 2
            }
        } else {
            if f.widPresent { writePadding(f.wid) }
            return
        }
        if f.widPresent && f.wid > width && !f.minus { writePadding(f.wid - width) }
        if f.sharp { out.append(contentsOf: [48, digits[16]]) }
        for i in 0..<length {
            if f.space && i > 0 {
                out.append(UInt8(ascii: " "))
                if f.sharp { out.append(contentsOf: [48, digits[16]]) }
            }
            out.append(digits[Int(bytes[i] >> 4)])
            out.append(digits[Int(bytes[i] & 0xF)])
        }
        if f.widPresent && f.wid > width && f.minus { writePadding(f.wid - width) }
    }

    private mutating func fmtQ(_ s: String) {
        let t = truncated(s)
        if f.sharp && GoText.canBackquote(t) {
            padString("`" + t + "`")
            return
        }
        var bytes: [UInt8] = []
        GoText.appendQuoted(t, asciiOnly: f.plus, into: &bytes)
        pad(bytes)
    }

    // MARK: - Floats

    private mutating func fmtFloat(_ v: Double, verb: UInt8, prec defaultPrec: Int) {
        let prec = f.precPresent ? f.prec : defaultPrec
        var num: [UInt8] = [UInt8(ascii: "+")]
        GoFloatFormat.append(v, format: verb, precision: prec, into: &num)
        if num[1] == UInt8(ascii: "-") || num[1] == UInt8(ascii: "+") {
            num.removeFirst()
        } else {
            num[0] = UInt8(ascii: "+")
        }
        if f.space && num[0] == UInt8(ascii: "+") && !f.plus { num[0] = UInt8(ascii: " ") }
        if num[1] == UInt8(ascii: "I") || num[1] == UInt8(ascii: "N") {
            let oldZero = f.zero
            f.zero = false
            if num[1] == UInt8(ascii: "N") && !f.space && !f.plus { num.removeFirst() }
            pad(num)
            f.zero = oldZero
            return
        }
        if f.sharp && verb != UInt8(ascii: "b") {
            var digits = 0
            switch verb {
            case UInt8(ascii: "v"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
                digits = prec == -1 ? 6 : prec
            default: break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            scan: while i < num.count {
                let c = num[i]
                switch c {
                case UInt8(ascii: "."):
                    hasDecimalPoint = true
                case UInt8(ascii: "p"), UInt8(ascii: "P"):
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break scan
                case UInt8(ascii: "e") where verb != UInt8(ascii: "x") && verb != UInt8(ascii: "X"),
                    UInt8(ascii: "E") where verb != UInt8(ascii: "x") && verb != UInt8(ascii: "X"):
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break scan
                default:
                    if c != 48 { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                i += 1
            }
            if !hasDecimalPoint {
                if num.count == 2 && num[1] == 48 { digits -= 1 }
                num.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                num.append(48)
                digits -= 1
            }
            num.append(contentsOf: tail)
        }
        if f.plus || num[0] != UInt8(ascii: "+") {
            if f.zero && !f.minus && f.widPresent && f.wid > num.count {
                out.append(num[0])
                writePadding(f.wid - num.count)
                out.append(contentsOf: num[1...])
                return
            }
            pad(num)
            return
        }
        pad(Array(num[1...]))
    }
}
