/// Ed25519 (RFC 8032, 5.1): signing and verification on edwards25519, in extended coordinates
/// with the complete addition law (one formula for every pair of points, doubling included).
enum Ed25519 {
    static let field = PrimeField(p: (Bignum.one << 255) - Bignum(19))
    /// The group order L = 2^252 + 27742317777372353535851937790883648493.
    static let order = Bignum(hex: "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed")!
    static let d = Bignum(hex: "52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3")!
    static let d2 = field.add(d, d)
    /// √−1 = 2^((p−1)/4).
    static let sqrtMinusOne = Bignum(hex: "2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0")!
    static let base = Point(
        x: Bignum(hex: "216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a")!,
        y: Bignum(hex: "6666666666666666666666666666666666666666666666666666666666666658")!)

    struct Point: Sendable {
        var x, y, z, t: Bignum

        init(x: Bignum, y: Bignum) {
            self.x = x
            self.y = y
            self.z = .one
            self.t = Ed25519.field.mul(x, y)
        }

        init(x: Bignum, y: Bignum, z: Bignum, t: Bignum) {
            self.x = x
            self.y = y
            self.z = z
            self.t = t
        }

        static let identity = Point(x: .zero, y: .one)
    }

    static func add(_ p: Point, _ q: Point) -> Point {
        let f = field
        let a = f.mul(f.sub(p.y, p.x), f.sub(q.y, q.x))
        let b = f.mul(f.add(p.y, p.x), f.add(q.y, q.x))
        let c = f.mul(f.mul(p.t, d2), q.t)
        let dd = f.mul(f.add(p.z, p.z), q.z)
        let e = f.sub(b, a), ff = f.sub(dd, c), g = f.add(dd, c), h = f.add(b, a)
        return Point(x: f.mul(e, ff), y: f.mul(g, h), z: f.mul(ff, g), t: f.mul(e, h))
    }

    static func multiply(_ scalar: Bignum, _ p: Point) -> Point {
        var result = Point.identity
        var i = scalar.bitWidth - 1
        while i >= 0 {
            result = add(result, result)
            if scalar.bit(i) { result = add(result, p) }
            i -= 1
        }
        return result
    }

    static func encode(_ p: Point) -> [UInt8] {
        let zInverse = field.inverse(p.z)
        let x = field.mul(p.x, zInverse), y = field.mul(p.y, zInverse)
        var bytes = Array(y.bytes(length: 32)!.reversed())
        if x.isOdd { bytes[31] |= 0x80 }
        return bytes
    }

    /// RFC 8032, 5.1.3; nil for bytes that are not a point.
    static func decode(_ bytes: [UInt8]) -> Point? {
        guard bytes.count == 32 else { return nil }
        let sign = bytes[31] >> 7 == 1
        var yBytes = bytes
        yBytes[31] &= 0x7F
        let y = Bignum(bytes: yBytes.reversed())
        guard y < field.p else { return nil }
        let f = field
        let y2 = f.square(y)
        let u = f.sub(y2, .one)
        let v = f.add(f.mul(d, y2), .one)
        let w = f.mul(u, f.inverse(v))
        var x = w.power((f.p + Bignum(3)) >> 3, modulus: f.p)
        if f.square(x) != w {
            guard f.square(x) == f.negate(w) else { return nil }
            x = f.mul(x, sqrtMinusOne)
        }
        if x.isZero && sign { return nil }
        if x.isOdd != sign { x = f.negate(x) }
        return Point(x: x, y: y)
    }

    private static func scalar(fromLittleEndian bytes: [UInt8]) -> Bignum { Bignum(bytes: bytes.reversed()) }

    private static func littleEndian(_ n: Bignum) -> [UInt8] { Array(n.bytes(length: 32)!.reversed()) }

    /// Whether `signature` (R || S) is valid for `message` under `publicKey` (32 bytes).
    static func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard publicKey.count == 32, signature.count == 64 else { return false }
        let s = scalar(fromLittleEndian: Array(signature[32..<64]))
        guard s < order, let a = decode(publicKey) else { return false }
        let k = scalar(fromLittleEndian: SHA512.hash(Array(signature[0..<32]) + publicKey + message)) % order
        let minusA = Point(x: field.negate(a.x), y: a.y, z: a.z, t: field.negate(a.t))
        let r = add(multiply(s, base), multiply(k, minusA))
        return encode(r) == Array(signature[0..<32])
    }

    /// The public key of a 32-byte private seed.
    static func publicKey(seed: [UInt8]) -> [UInt8] {
        encode(multiply(clampedScalar(seed: seed), base))
    }

    private static func clampedScalar(seed: [UInt8]) -> Bignum {
        var h = Array(SHA512.hash(seed).prefix(32))
        h[0] &= 248
        h[31] &= 127
        h[31] |= 64
        return scalar(fromLittleEndian: h)
    }

    static func sign(seed: [UInt8], message: [UInt8]) -> [UInt8] {
        let h = SHA512.hash(seed)
        let s = clampedScalar(seed: seed)
        let publicKey = encode(multiply(s, base))
        let r = scalar(fromLittleEndian: SHA512.hash(Array(h[32..<64]) + message)) % order
        let rEncoded = encode(multiply(r, base))
        let k = scalar(fromLittleEndian: SHA512.hash(rEncoded + publicKey + message)) % order
        let bigS = (r + k * s) % order
        return rEncoded + littleEndian(bigS)
    }
}
