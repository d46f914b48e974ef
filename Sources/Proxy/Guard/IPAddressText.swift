/// Text forms of `IPAddress`: strict parsing from UTF-8 bytes and canonical printing.
///
/// Parsing never allocates; every index is checked against the buffer before it is read.
enum IPAddressText {
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress.Bits? {
        if b.contains(UInt8(ascii: ":")) { return parseIPv6(b).map { .v6($0) } }
        return parseIPv4(b, 0, b.count).map { .v4($0) }
    }

    /// Four decimal octets, each 0-255 and without leading zeros, in `b[start..<end]`.
    ///
    /// A leading zero is refused rather than read as decimal because `inet_aton` reads `010` as
    /// octal 8: the same text must not mean two addresses to two parsers.
    static func parseIPv4(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        guard start <= end, end <= b.count else { return nil }
        var value: UInt32 = 0
        var octets = 0
        var digits = 0
        var octet: UInt32 = 0
        for i in start..<end {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | octet
                octets += 1
                digits = 0
                octet = 0
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits == 1 && octet == 0 { return nil }
                octet = octet * 10 + UInt32(c - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return value << 8 | octet
    }

    /// RFC 4291 §2.2: eight groups of 1-4 hex digits, at most one `::` standing for one or more
    /// zero groups, and optionally a dotted quad in place of the last two groups.
    static func parseIPv6(_ b: UnsafeBufferPointer<UInt8>) -> UInt128? {
        let colon = UInt8(ascii: ":")
        let end = b.count
        // Groups before and after the "::", accumulated as numbers so nothing is allocated.
        var head: UInt128 = 0
        var headCount = 0
        var tail: UInt128 = 0
        var tailCount = 0
        var compressed = false
        func push(_ group: UInt16) {
            if compressed {
                tail = tail << 16 | UInt128(group)
                tailCount += 1
            } else {
                head = head << 16 | UInt128(group)
                headCount += 1
            }
        }
        var i = 0
        if end >= 2 && b[0] == colon && b[1] == colon {
            compressed = true
            i = 2
        } else if end >= 1 && b[0] == colon {
            return nil
        }
        while i < end {
            var j = i
            var dotted = false
            while j < end && b[j] != colon {
                if b[j] == UInt8(ascii: ".") { dotted = true }
                j += 1
            }
            if dotted {
                // The dotted quad must end the text and leave room for itself (two groups).
                guard j == end, headCount + tailCount <= 6, let v4 = parseIPv4(b, i, j) else { return nil }
                push(UInt16(truncatingIfNeeded: v4 >> 16))
                push(UInt16(truncatingIfNeeded: v4))
                break
            }
            guard (1...4).contains(j - i), headCount + tailCount < 8 else { return nil }
            var group: UInt16 = 0
            for k in i..<j {
                guard let digit = hexDigit(b[k]) else { return nil }
                group = group << 4 | UInt16(digit)
            }
            push(group)
            i = j
            if i == end { break }
            i += 1  // the ":" after the group
            if i < end && b[i] == colon {
                guard !compressed else { return nil }
                compressed = true
                i += 1
            } else if i == end {
                return nil  // a trailing single colon
            }
        }
        let count = headCount + tailCount
        guard compressed ? count < 8 : count == 8 else { return nil }
        return (headCount == 0 ? 0 : head << (16 * (8 - headCount))) | tail
    }

    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func dottedQuad(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952 §4: lowercase hex without leading zeros, the longest run of two or more zero
    /// groups (the first on a tie) as `::`; §5: IPv4-mapped addresses end in a dotted quad.
    static func rfc5952(_ value: UInt128) -> String {
        if value >> 32 == IPAddress.mappedPrefix {
            return "::ffff:" + dottedQuad(UInt32(truncatingIfNeeded: value))
        }
        func group(_ index: Int) -> UInt16 { UInt16(truncatingIfNeeded: value >> (112 - 16 * index)) }
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            guard group(i) == 0 else {
                i += 1
                continue
            }
            var j = i
            while j < 8 && group(j) == 0 { j += 1 }
            if j - i > bestLength {
                bestStart = i
                bestLength = j - i
            }
            i = j
        }
        var out = ""
        out.reserveCapacity(39)
        var g = 0
        while g < 8 {
            if g == bestStart {
                out += "::"
                g += bestLength
                continue
            }
            if !out.isEmpty && out.utf8.last != UInt8(ascii: ":") { out += ":" }
            out += String(group(g), radix: 16)
            g += 1
        }
        return out
    }
}
