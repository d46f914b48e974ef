/// Unsigned arbitrary-precision integers for the public-key primitives (RSA, ECDSA, Ed25519).
///
/// Little-endian 64-bit limbs, always normalised (no high zero limbs; zero has none). Sizes are
/// bounded by the callers (keys and signatures are capped before they get here), so the
/// quadratic schoolbook algorithms are fine. Not constant time: verification handles public
/// data only; signing keys come from the policy itself.
struct Bignum: Sendable, Equatable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt64]

    static let zero = Bignum(limbs: [])
    static let one = Bignum(1)

    init(_ value: UInt64) { limbs = value == 0 ? [] : [value] }

    init(limbs: [UInt64]) {
        self.limbs = limbs
        normalise()
    }

    /// From big-endian bytes (leading zeros allowed).
    init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        var result: [UInt64] = []
        result.reserveCapacity(bytes.count / 8 + 1)
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes.reversed() {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                result.append(word)
                word = 0
                shift = 0
            }
        }
        if shift > 0 { result.append(word) }
        self.init(limbs: result)
    }

    /// From hexadecimal digits (test vectors and curve constants); nil on a non-hex digit.
    init?(hex: String) {
        var bytes: [UInt8] = []
        var digits = Array(hex.utf8)
        if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
        var i = 0
        while i < digits.count {
            guard let hi = Bignum.hexValue(digits[i]), let lo = Bignum.hexValue(digits[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        self.init(bytes: bytes)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private mutating func normalise() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// Number of significant bits (0 for zero).
    var bitWidth: Int {
        guard let last = limbs.last else { return 0 }
        return limbs.count * 64 - last.leadingZeroBitCount
    }

    var byteWidth: Int { (bitWidth + 7) / 8 }

    func bit(_ index: Int) -> Bool {
        let limb = index / 64
        guard limb < limbs.count else { return false }
        return limbs[limb] >> UInt64(index % 64) & 1 == 1
    }

    /// The value as a UInt64 when it fits.
    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return limbs[0]
        default: return nil
        }
    }

    /// Big-endian bytes, left-padded with zeros to `length` (nil when the value needs more).
    func bytes(length: Int) -> [UInt8]? {
        guard byteWidth <= length else { return nil }
        var out = [UInt8](repeating: 0, count: length)
        var index = length - 1
        for limb in limbs {
            for j in 0..<8 {
                guard index >= 0 else { break }
                out[index] = UInt8(truncatingIfNeeded: limb >> UInt64(8 * j))
                index -= 1
            }
        }
        return out
    }

    /// Minimal big-endian bytes (empty for zero).
    var bytes: [UInt8] { bytes(length: byteWidth)! }

    var description: String { bytes.isEmpty ? "0x0" : "0x" + Hex.encode(bytes) }

    // MARK: Comparison

    static func < (lhs: Bignum, rhs: Bignum) -> Bool { compare(lhs.limbs, rhs.limbs) < 0 }

    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    // MARK: Arithmetic

    static func + (lhs: Bignum, rhs: Bignum) -> Bignum {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var out = long
        var carry: UInt64 = 0
        for i in 0..<out.count {
            let (s1, o1) = out[i].addingReportingOverflow(i < short.count ? short[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            if carry == 0 && i >= short.count { break }
        }
        if carry > 0 { out.append(carry) }
        return Bignum(limbs: out)
    }

    /// `lhs - rhs`; the caller guarantees `lhs >= rhs`.
    static func - (lhs: Bignum, rhs: Bignum) -> Bignum {
        precondition(lhs >= rhs, "Bignum subtraction underflow")
        var out = lhs.limbs
        var borrow: UInt64 = 0
        for i in 0..<out.count {
            let (d1, o1) = out[i].subtractingReportingOverflow(i < rhs.limbs.count ? rhs.limbs[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            if borrow == 0 && i >= rhs.limbs.count { break }
        }
        return Bignum(limbs: out)
    }

    static func * (lhs: Bignum, rhs: Bignum) -> Bignum {
        if lhs.isZero || rhs.isZero { return .zero }
        let a = lhs.limbs, b = rhs.limbs
        var out = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = a[i]
            for j in 0..<b.count {
                let (hi, lo) = ai.multipliedFullWidth(by: b[j])
                let (s1, o1) = lo.addingReportingOverflow(out[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            out[i + b.count] = carry
        }
        return Bignum(limbs: out)
    }

    static func << (lhs: Bignum, shift: Int) -> Bignum {
        guard !lhs.isZero, shift > 0 else { return lhs }
        let limbShift = shift / 64, bitShift = UInt64(shift % 64)
        var out = [UInt64](repeating: 0, count: lhs.limbs.count + limbShift + 1)
        for (i, limb) in lhs.limbs.enumerated() {
            out[i + limbShift] |= limb << bitShift
            if bitShift > 0 { out[i + limbShift + 1] |= limb >> (64 - bitShift) }
        }
        return Bignum(limbs: out)
    }

    static func >> (lhs: Bignum, shift: Int) -> Bignum {
        guard shift > 0 else { return lhs }
        let limbShift = shift / 64, bitShift = UInt64(shift % 64)
        guard limbShift < lhs.limbs.count else { return .zero }
        var out = [UInt64](repeating: 0, count: lhs.limbs.count - limbShift)
        for i in 0..<out.count {
            out[i] = lhs.limbs[i + limbShift] >> bitShift
            if bitShift > 0, i + limbShift + 1 < lhs.limbs.count {
                out[i] |= lhs.limbs[i + limbShift + 1] << (64 - bitShift)
            }
        }
        return Bignum(limbs: out)
    }

    /// Quotient and remainder (Knuth, TAOCP vol. 2, 4.3.1, algorithm D). `divisor` must not be zero.
    func quotientAndRemainder(dividingBy divisor: Bignum) -> (quotient: Bignum, remainder: Bignum) {
        precondition(!divisor.isZero, "Bignum division by zero")
        if self < divisor { return (.zero, self) }
        if divisor.limbs.count == 1 {
            let d = divisor.limbs[0]
            var q = [UInt64](repeating: 0, count: limbs.count)
            var r: UInt64 = 0
            var i = limbs.count - 1
            while i >= 0 {
                (q[i], r) = d.dividingFullWidth((r, limbs[i]))
                i -= 1
            }
            return (Bignum(limbs: q), Bignum(r))
        }
        // Normalise so the divisor's top limb has its high bit set; then each quotient digit
        // estimate is at most two too large.
        let s = divisor.limbs.last!.leadingZeroBitCount
        let v = (divisor << s).limbs
        var u = (self << s).limbs
        let n = v.count
        while u.count < limbs.count + 1 { u.append(0) }
        let m = u.count - n - 1
        var q = [UInt64](repeating: 0, count: m + 1)
        let vTop = v[n - 1], vNext = v[n - 2]
        var j = m
        while j >= 0 {
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if u[j + n] >= vTop {
                qhat = UInt64.max
                let (r, o) = u[j + n - 1].addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
            }
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                guard ph > rhat || (ph == rhat && pl > u[j + n - 2]) else { break }
                qhat -= 1
                let (r, o) = rhat.addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
            }
            // u[j...j+n] -= qhat * v
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            for i in 0..<n {
                let (ph, pl) = qhat.multipliedFullWidth(by: v[i])
                let (p, o) = pl.addingReportingOverflow(carry)
                carry = ph &+ (o ? 1 : 0)
                let (d1, b1) = u[i + j].subtractingReportingOverflow(p)
                let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
            }
            let (d1, b1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if b1 || b2 {
                // The estimate was one too large: add the divisor back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let (s1, o1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, o2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
        let remainder = Bignum(limbs: Array(u[0..<n])) >> s
        return (Bignum(limbs: q), remainder)
    }

    static func % (lhs: Bignum, rhs: Bignum) -> Bignum { lhs.quotientAndRemainder(dividingBy: rhs).remainder }
    static func / (lhs: Bignum, rhs: Bignum) -> Bignum { lhs.quotientAndRemainder(dividingBy: rhs).quotient }

    /// `self^exponent mod modulus`, left-to-right square and multiply. The exponent's size is
    /// bounded by the caller (RSA keys are capped), so the loop is too.
    func power(_ exponent: Bignum, modulus: Bignum) -> Bignum {
        precondition(!modulus.isZero)
        if modulus == .one { return .zero }
        let base = self % modulus
        var result = Bignum.one
        var i = exponent.bitWidth - 1
        while i >= 0 {
            result = (result * result) % modulus
            if exponent.bit(i) { result = (result * base) % modulus }
            i -= 1
        }
        return result
    }

    /// The inverse modulo a prime `p` (Fermat: `self^(p-2)`); zero for zero.
    func inversePrime(modulus p: Bignum) -> Bignum {
        power(p - Bignum(2), modulus: p)
    }

    /// The inverse modulo any `modulus` when it exists (extended Euclid), for RSA's CRT values.
    func inverse(modulus: Bignum) -> Bignum? {
        // Track coefficients modulo `modulus` to stay unsigned: invariant a_i ≡ x_i * self.
        var (r0, r1) = (modulus, self % modulus)
        var (t0, t1) = (Bignum.zero, Bignum.one)
        while !r1.isZero {
            let (q, r) = r0.quotientAndRemainder(dividingBy: r1)
            let qt = (q * t1) % modulus
            let t2 = t0 >= qt ? t0 - qt : modulus - (qt - t0)
            (r0, r1) = (r1, r)
            (t0, t1) = (t1, t2)
        }
        guard r0 == .one else { return nil }
        return t0 % modulus
    }
}
