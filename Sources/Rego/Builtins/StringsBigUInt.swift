/// A minimal arbitrary-precision unsigned integer, just enough for the exact decimal arithmetic
/// OPA does with Go's `math/big`: all digits of an integral double (`format_int`, `sprintf` on
/// numbers beyond 64 bits), exact decimal expansions of doubles (`%.2f` rounding), and exact unit
/// multiplication (`units.parse`). Not a general bignum: only the operations those need.
struct BigUInt: Equatable {
    /// Little-endian 32-bit limbs, no trailing zero limbs (zero is the empty array).
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = []
        if value != 0 { limbs.append(UInt32(truncatingIfNeeded: value)) }
        if value >> 32 != 0 { limbs.append(UInt32(truncatingIfNeeded: value >> 32)) }
    }

    /// The exact magnitude of an integral finite double (nil otherwise).
    init?(integralMagnitudeOf d: Double) {
        guard d.isFinite, d == d.rounded(.towardZero) else { return nil }
        let m = Swift.abs(d)
        if m < 18446744073709551616.0 {
            self.init(UInt64(m))
            return
        }
        self.init(m.significandBitPattern | (1 << 52))
        shiftLeft(by: Int(m.exponent) - 52)
    }

    /// Parses ASCII decimal digits (no sign); nil when a non-digit is present or `digits` is empty.
    init?<S: Sequence>(decimalDigits digits: S) where S.Element == UInt8 {
        self.init(0)
        var any = false
        var chunk: UInt32 = 0
        var chunkLength = 0
        for c in digits {
            guard c >= 48 && c <= 57 else { return nil }
            any = true
            chunk = chunk * 10 + UInt32(c - 48)
            chunkLength += 1
            if chunkLength == 9 {
                multiply(bySmall: 1_000_000_000)
                add(chunk)
                chunk = 0
                chunkLength = 0
            }
        }
        guard any else { return nil }
        if chunkLength > 0 {
            var scale: UInt32 = 1
            for _ in 0..<chunkLength { scale *= 10 }
            multiply(bySmall: scale)
            add(chunk)
        }
    }

    var isZero: Bool { limbs.isEmpty }

    /// The value when it fits in 64 bits.
    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return UInt64(limbs[0])
        case 2: return UInt64(limbs[0]) | UInt64(limbs[1]) << 32
        default: return nil
        }
    }

    mutating func multiply(bySmall factor: UInt32) {
        if factor == 0 {
            limbs.removeAll()
            return
        }
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func multiply(by factor: UInt64) {
        let high = UInt32(truncatingIfNeeded: factor >> 32)
        if high == 0 {
            multiply(bySmall: UInt32(truncatingIfNeeded: factor))
            return
        }
        var upper = self
        upper.multiply(bySmall: high)
        upper.shiftLeft(by: 32)
        multiply(bySmall: UInt32(truncatingIfNeeded: factor))
        add(upper)
    }

    /// Multiplies by 10^n.
    mutating func multiply(byPowerOfTen n: Int) {
        var remaining = n
        while remaining >= 9 {
            multiply(bySmall: 1_000_000_000)
            remaining -= 9
        }
        var scale: UInt32 = 1
        for _ in 0..<remaining { scale *= 10 }
        if scale > 1 { multiply(bySmall: scale) }
    }

    /// Multiplies by 5^n (exact decimal expansion of negative binary exponents).
    mutating func multiply(byPowerOfFive n: Int) {
        var remaining = n
        while remaining >= 13 {
            multiply(bySmall: 1_220_703_125)  // 5^13
            remaining -= 13
        }
        var scale: UInt32 = 1
        for _ in 0..<remaining { scale *= 5 }
        if scale > 1 { multiply(bySmall: scale) }
    }

    mutating func add(_ value: UInt32) {
        var carry = UInt64(value)
        var i = 0
        while carry != 0 {
            if i == limbs.count {
                limbs.append(UInt32(carry))
                return
            }
            let sum = UInt64(limbs[i]) + carry
            limbs[i] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
            i += 1
        }
    }

    mutating func add(_ other: BigUInt) {
        var carry: UInt64 = 0
        let n = Swift.max(limbs.count, other.limbs.count)
        if limbs.count < n { limbs.append(contentsOf: repeatElement(0, count: n - limbs.count)) }
        for i in 0..<n {
            let sum = UInt64(limbs[i]) + UInt64(i < other.limbs.count ? other.limbs[i] : 0) + carry
            limbs[i] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Divides in place and returns the remainder.
    @discardableResult
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[i])
            limbs[i] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        trim()
        return UInt32(remainder)
    }

    mutating func shiftLeft(by bits: Int) {
        guard bits > 0, !limbs.isEmpty else { return }
        let whole = bits / 32
        let part = UInt32(bits % 32)
        if part != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = v << part | carry
                carry = v >> (32 - part)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole > 0 { limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0) }
    }

    /// Shifts right and reports whether any one bit was shifted out.
    @discardableResult
    mutating func shiftRight(by bits: Int) -> Bool {
        guard bits > 0, !limbs.isEmpty else { return false }
        let whole = bits / 32
        let part = UInt32(bits % 32)
        var lost = false
        if whole >= limbs.count {
            limbs.removeAll()
            return true
        }
        for i in 0..<whole where limbs[i] != 0 { lost = true }
        limbs.removeFirst(whole)
        if part != 0 {
            if limbs[0] & ((1 << part) - 1) != 0 { lost = true }
            for i in limbs.indices {
                let next = i + 1 < limbs.count ? limbs[i + 1] : 0
                limbs[i] = limbs[i] >> part | next << (32 - part)
            }
        }
        trim()
        return lost
    }

    /// ASCII digits in `base` (2...16, lowercase), most significant first; "0" for zero.
    func digits(base: UInt32) -> [UInt8] {
        if limbs.isEmpty { return [48] }
        let alphabet: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        if base & (base - 1) == 0 {
            // Powers of two: read bits directly.
            let width = base.trailingZeroBitCount
            let total = (limbs.count - 1) * 32 + (32 - limbs[limbs.count - 1].leadingZeroBitCount)
            var position = ((total + width - 1) / width - 1) * width
            while position >= 0 {
                var digit: UInt32 = 0
                for b in 0..<width {
                    let bit = position + b
                    let limb = bit / 32
                    if limb < limbs.count, limbs[limb] >> UInt32(bit % 32) & 1 == 1 { digit |= 1 << UInt32(b) }
                }
                out.append(alphabet[Int(digit)])
                position -= width
            }
            return out
        }
        // Other bases: peel off chunks with one division each.
        var chunkDivisor: UInt32 = base
        var chunkDigits = 1
        while UInt64(chunkDivisor) * UInt64(base) <= UInt64(UInt32.max) {
            chunkDivisor *= base
            chunkDigits += 1
        }
        var value = self
        var reversed: [UInt8] = []
        while !value.isZero {
            var chunk = value.divide(by: chunkDivisor)
            for _ in 0..<chunkDigits {
                reversed.append(alphabet[Int(chunk % base)])
                chunk /= base
                if value.isZero && chunk == 0 { break }
            }
        }
        while reversed.count > 1, reversed.last == 48 { reversed.removeLast() }
        out.append(contentsOf: reversed.reversed())
        return out
    }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }
}

/// An exact decimal expansion of a finite double: `0.d1d2d3… × 10^pointPosition`, with no leading
/// or trailing zero digits (zero has no digits). This is Go's `decimal` value before rounding.
struct ExactDecimal {
    var digits: [UInt8]  // ASCII
    var pointPosition: Int

    init(magnitudeOf d: Double) {
        let m = Swift.abs(d)
        if m == 0 {
            digits = []
            pointPosition = 0
            return
        }
        // m = significand × 2^exponent with an integral significand.
        let isSubnormal = m.exponentBitPattern == 0
        let significand = isSubnormal ? m.significandBitPattern : (m.significandBitPattern | 1 << 52)
        let exponent = (isSubnormal ? -1022 : Int(m.exponentBitPattern) - 1023) - 52
        var value = BigUInt(significand)
        var fractionDigits = 0
        if exponent >= 0 {
            value.shiftLeft(by: exponent)
        } else {
            // significand / 2^k = significand × 5^k / 10^k
            value.multiply(byPowerOfFive: -exponent)
            fractionDigits = -exponent
        }
        var all = value.digits(base: 10)
        pointPosition = all.count - fractionDigits
        while let last = all.last, last == 48 { all.removeLast() }
        digits = all
    }

    /// Rounds to `count` significant digits, halves to even (exact value known), as Go's
    /// `decimal.Round` does. Counts outside 0..<digits.count leave the value unchanged.
    mutating func round(toDigits count: Int) {
        guard count >= 0, count < digits.count else { return }
        let next = digits[count]
        var up: Bool
        if next == 53 && count + 1 == digits.count {
            up = count > 0 && (digits[count - 1] - 48) % 2 == 1
        } else {
            up = next >= 53
        }
        if !up {
            digits.removeSubrange(count...)
            while let last = digits.last, last == 48 { digits.removeLast() }
            if digits.isEmpty { pointPosition = 0 }
            return
        }
        var i = count - 1
        while i >= 0 {
            if digits[i] < 57 {
                digits[i] += 1
                digits.removeSubrange((i + 1)...)
                return
            }
            i -= 1
        }
        // All nines: becomes 1 with the point moved one place.
        digits = [49]
        pointPosition += 1
    }
}
