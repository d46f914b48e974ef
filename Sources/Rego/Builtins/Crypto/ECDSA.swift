/// ECDSA over the NIST prime curves P-256, P-384 and P-521 (FIPS 186-4, SEC 1), in Jacobian
/// coordinates. Verification checks everything Go's crypto/ecdsa does: the key lies on the curve,
/// r and s are in [1, n-1].
struct EllipticCurve: Sendable, Equatable {
    let name: String
    let field: PrimeField
    let b: Bignum
    let gx: Bignum
    let gy: Bignum
    let n: Bignum
    /// Coordinate size in bytes.
    let byteSize: Int

    static let p256 = EllipticCurve(
        name: "P-256",
        p: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        gx: "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        gy: "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        n: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", byteSize: 32)

    static let p384 = EllipticCurve(
        name: "P-384",
        p: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
        gx: "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
        gy: "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
        n: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        byteSize: 48)

    static let p521 = EllipticCurve(
        name: "P-521",
        p: "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        b: "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
        gx: "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
        gy: "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
        n: "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
        byteSize: 66)

    private init(name: String, p: String, b: String, gx: String, gy: String, n: String, byteSize: Int) {
        self.name = name
        self.field = PrimeField(p: Bignum(hex: p)!)
        self.b = Bignum(hex: b)!
        self.gx = Bignum(hex: gx)!
        self.gy = Bignum(hex: gy)!
        self.n = Bignum(hex: n)!
        self.byteSize = byteSize
    }

    static func named(_ name: String) -> EllipticCurve? {
        switch name {
        case "P-256": .p256
        case "P-384": .p384
        case "P-521": .p521
        default: nil
        }
    }

    /// Whether (x, y) is a point of the curve: y² = x³ − 3x + b.
    func contains(x: Bignum, y: Bignum) -> Bool {
        let f = field
        guard x < f.p, y < f.p else { return false }
        let x3 = f.mul(f.square(x), x)
        let rhs = f.add(f.sub(x3, f.times(3, x)), b)
        return f.square(y) == rhs
    }

    // MARK: Jacobian points

    struct Point: Sendable {
        var x: Bignum
        var y: Bignum
        var z: Bignum
        var isInfinity: Bool { z.isZero }
        static let infinity = Point(x: .one, y: .one, z: .zero)
    }

    func double(_ p: Point) -> Point {
        if p.isInfinity || p.y.isZero { return .infinity }
        let f = field
        let delta = f.square(p.z)
        let gamma = f.square(p.y)
        let beta = f.mul(p.x, gamma)
        let alpha = f.times(3, f.mul(f.sub(p.x, delta), f.add(p.x, delta)))
        let x3 = f.sub(f.square(alpha), f.times(8, beta))
        let z3 = f.sub(f.sub(f.square(f.add(p.y, p.z)), gamma), delta)
        let y3 = f.sub(f.mul(alpha, f.sub(f.times(4, beta), x3)), f.times(8, f.square(gamma)))
        return Point(x: x3, y: y3, z: z3)
    }

    func add(_ p: Point, _ q: Point) -> Point {
        if p.isInfinity { return q }
        if q.isInfinity { return p }
        let f = field
        let z1z1 = f.square(p.z), z2z2 = f.square(q.z)
        let u1 = f.mul(p.x, z2z2), u2 = f.mul(q.x, z1z1)
        let s1 = f.mul(f.mul(p.y, q.z), z2z2), s2 = f.mul(f.mul(q.y, p.z), z1z1)
        let h = f.sub(u2, u1)
        let r = f.times(2, f.sub(s2, s1))
        if h.isZero { return r.isZero ? double(p) : .infinity }
        let i = f.square(f.times(2, h))
        let j = f.mul(h, i)
        let v = f.mul(u1, i)
        let x3 = f.sub(f.sub(f.square(r), j), f.times(2, v))
        let y3 = f.sub(f.mul(r, f.sub(v, x3)), f.times(2, f.mul(s1, j)))
        let z3 = f.mul(f.sub(f.sub(f.square(f.add(p.z, q.z)), z1z1), z2z2), h)
        return Point(x: x3, y: y3, z: z3)
    }

    /// `a·P + b·Q` by Shamir's trick (one pass over the bits).
    func combined(_ a: Bignum, _ p: Point, _ b: Bignum, _ q: Point) -> Point {
        let pq = add(p, q)
        var result = Point.infinity
        var i = max(a.bitWidth, b.bitWidth) - 1
        while i >= 0 {
            result = double(result)
            switch (a.bit(i), b.bit(i)) {
            case (true, true): result = add(result, pq)
            case (true, false): result = add(result, p)
            case (false, true): result = add(result, q)
            case (false, false): break
            }
            i -= 1
        }
        return result
    }

    /// Affine x coordinate (nil at infinity).
    func affineX(_ p: Point) -> Bignum? {
        guard !p.isInfinity else { return nil }
        let zInverse = field.inverse(p.z)
        return field.mul(p.x, field.square(zInverse))
    }

    var generator: Point { Point(x: gx, y: gy, z: .one) }

    /// The digest as an integer, truncated to the order's bit length (SEC 1, 4.1.3 step 5).
    func integer(fromDigest digest: [UInt8]) -> Bignum {
        let orderBits = n.bitWidth
        let orderBytes = (orderBits + 7) / 8
        let e = Bignum(bytes: digest.prefix(orderBytes))
        let excess = min(digest.count, orderBytes) * 8 - orderBits
        return excess > 0 ? e >> excess : e
    }
}

struct ECDSAPublicKey: Sendable, Equatable {
    let curve: EllipticCurve
    let x: Bignum
    let y: Bignum

    init(curve: EllipticCurve, x: Bignum, y: Bignum) throws(CryptoError) {
        guard curve.contains(x: x, y: y) else { throw CryptoError("ecdsa: invalid public key") }
        self.curve = curve
        self.x = x
        self.y = y
    }

    /// From SEC 1's uncompressed encoding `04 || X || Y`.
    init(curve: EllipticCurve, uncompressed bytes: ArraySlice<UInt8>) throws(CryptoError) {
        let size = curve.byteSize
        guard bytes.count == 1 + 2 * size, bytes.first == 0x04 else {
            throw CryptoError("x509: failed to unmarshal elliptic curve point")
        }
        let body = bytes.dropFirst()
        do {
            try self.init(curve: curve, x: Bignum(bytes: body.prefix(size)), y: Bignum(bytes: body.suffix(size)))
        } catch {
            throw CryptoError("x509: failed to unmarshal elliptic curve point")
        }
    }

    var uncompressed: [UInt8] { [0x04] + x.bytes(length: curve.byteSize)! + y.bytes(length: curve.byteSize)! }

    func verify(digest: [UInt8], r: Bignum, s: Bignum) -> Bool {
        let n = curve.n
        guard !r.isZero, !s.isZero, r < n, s < n else { return false }
        let e = curve.integer(fromDigest: digest)
        let w = s.inversePrime(modulus: n)
        let u1 = (e * w) % n
        let u2 = (r * w) % n
        let point = curve.combined(u1, curve.generator, u2, EllipticCurve.Point(x: x, y: y, z: .one))
        guard let px = curve.affineX(point) else { return false }
        return px % n == r
    }
}

struct ECDSAPrivateKey: Sendable, Equatable {
    let publicKey: ECDSAPublicKey
    let d: Bignum

    init(curve: EllipticCurve, d: Bignum) throws(CryptoError) {
        guard !d.isZero, d < curve.n else { throw CryptoError("x509: invalid elliptic curve private key value") }
        let q = curve.combined(d, curve.generator, .zero, .infinity)
        let zInverse = curve.field.inverse(q.z)
        let x = curve.field.mul(q.x, curve.field.square(zInverse))
        let y = curve.field.mul(q.y, curve.field.mul(curve.field.square(zInverse), zInverse))
        self.publicKey = try ECDSAPublicKey(curve: curve, x: x, y: y)
        self.d = d
    }

    /// Deterministic signature (RFC 6979 nonces), so no randomness source is needed.
    func sign(digest: [UInt8], hash: HashAlgorithm) -> (r: Bignum, s: Bignum) {
        let curve = publicKey.curve
        let n = curve.n
        let e = curve.integer(fromDigest: digest)
        var nonces = RFC6979Nonces(curve: curve, d: d, digest: digest, hash: hash)
        while true {
            let k = nonces.next()
            let point = curve.combined(k, curve.generator, .zero, .infinity)
            guard let x = curve.affineX(point) else { continue }
            let r = x % n
            if r.isZero { continue }
            let s = (k.inversePrime(modulus: n) * ((e % n + (r * d) % n) % n)) % n
            if s.isZero { continue }
            return (r, s)
        }
    }
}

/// RFC 6979, 3.2: HMAC-DRBG nonces derived from the key and the digest.
struct RFC6979Nonces {
    private let n: Bignum
    private let hash: HashAlgorithm
    private var k: [UInt8]
    private var v: [UInt8]
    private var first = true

    init(curve: EllipticCurve, d: Bignum, digest: [UInt8], hash: HashAlgorithm) {
        n = curve.n
        self.hash = hash
        let length = (n.bitWidth + 7) / 8
        let x = d.bytes(length: length)!
        let h1 = (curve.integer(fromDigest: digest) % n).bytes(length: length)!
        v = [UInt8](repeating: 0x01, count: hash.size)
        k = [UInt8](repeating: 0x00, count: hash.size)
        k = hash.hmac(v + [0x00] + x + h1, key: k)
        v = hash.hmac(v, key: k)
        k = hash.hmac(v + [0x01] + x + h1, key: k)
        v = hash.hmac(v, key: k)
    }

    mutating func next() -> Bignum {
        if !first {
            k = hash.hmac(v + [0x00], key: k)
            v = hash.hmac(v, key: k)
        }
        first = false
        let qlen = n.bitWidth
        while true {
            var t: [UInt8] = []
            while t.count * 8 < qlen {
                v = hash.hmac(v, key: k)
                t += v
            }
            var candidate = Bignum(bytes: t)
            if t.count * 8 > qlen { candidate = candidate >> (t.count * 8 - qlen) }
            if !candidate.isZero && candidate < n { return candidate }
            k = hash.hmac(v + [0x00], key: k)
            v = hash.hmac(v, key: k)
        }
    }
}
