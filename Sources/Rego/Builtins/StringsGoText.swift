/// Go's text conventions that leak into OPA's results and error messages: `strconv.Quote`,
/// `unicode.IsPrint`, `unicode.IsSpace`, simple case mapping. Builtins and their messages must
/// reproduce them byte for byte, so they are implemented here once instead of approximated with
/// Swift's own (different) rules.
enum GoText {
    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x20 && v < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `unicode.IsSpace`: the Unicode White_Space property (Go's Latin-1 list is a subset of it).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`), appended to `out`.
    static func appendQuoted(_ s: String, quote: UInt8 = UInt8(ascii: "\""), asciiOnly: Bool = false, into out: inout [UInt8]) {
        out.append(quote)
        for scalar in s.unicodeScalars {
            appendEscaped(scalar, quote: quote, asciiOnly: asciiOnly, into: &out)
        }
        out.append(quote)
    }

    /// `strconv.Quote(s)` as a String (used in error messages such as semver's).
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.QuoteRune` / `QuoteRuneToASCII`: a single-quoted Go character literal.
    static func appendQuotedRune(_ value: UInt64, asciiOnly: Bool, into out: inout [UInt8]) {
        let scalar = value <= 0x10FFFF ? (Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}") : "\u{FFFD}"
        out.append(UInt8(ascii: "'"))
        appendEscaped(scalar, quote: UInt8(ascii: "'"), asciiOnly: asciiOnly, into: &out)
        out.append(UInt8(ascii: "'"))
    }

    /// `strconv.CanBackquote`: no control characters other than tab, no backquote, no BOM.
    static func canBackquote(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0xFEFF { return false }
            if v >= 0x80 { continue }
            if (v < 0x20 && v != 0x09) || v == 0x60 || v == 0x7F { return false }
        }
        return true
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, quote: UInt8, asciiOnly: Bool, into out: inout [UInt8]) {
        let v = scalar.value
        if v == UInt32(quote) || v == 0x5C {
            out.append(0x5C)
            out.append(UInt8(v))
            return
        }
        if asciiOnly {
            if v < 0x80 && isPrint(scalar) {
                out.append(UInt8(v))
                return
            }
        } else if isPrint(scalar) {
            out.append(contentsOf: String(scalar).utf8)
            return
        }
        switch v {
        case 0x07: out.append(contentsOf: [0x5C, UInt8(ascii: "a")])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0B: out.append(contentsOf: [0x5C, UInt8(ascii: "v")])
        default:
            if v < 0x20 || v == 0x7F {
                out.append(contentsOf: [0x5C, UInt8(ascii: "x"), lowerHex[Int(v >> 4)], lowerHex[Int(v & 0xF)]])
            } else if v < 0x10000 {
                out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) { out.append(lowerHex[Int((v >> UInt32(shift)) & 0xF)]) }
            } else {
                out.append(contentsOf: [0x5C, UInt8(ascii: "U")])
                for shift in stride(from: 28, through: 0, by: -4) { out.append(lowerHex[Int((v >> UInt32(shift)) & 0xF)]) }
            }
        }
    }

    // MARK: - Case mapping

    /// `unicode.ToLower` for one scalar: Go uses the simple (one-to-one) mapping, Swift exposes the
    /// full one. They agree whenever the full mapping is a single scalar; where it is longer the
    /// simple mapping keeps the scalar, except for U+0130 whose simple lowercase is "i".
    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) ? Unicode.Scalar(UInt8(v + 0x20)) : scalar }
        if v == 0x130 { return "i" }
        return single(scalar.properties.lowercaseMapping) ?? scalar
    }

    /// `unicode.ToUpper` for one scalar (see `lower`).
    static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) ? Unicode.Scalar(UInt8(v - 0x20)) : scalar }
        return single(scalar.properties.uppercaseMapping) ?? scalar
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var it = mapping.unicodeScalars.makeIterator()
        guard let first = it.next(), it.next() == nil else { return nil }
        return first
    }
}
