/// RSA signatures (RFC 8017): PKCS #1 v1.5 and PSS, verification and signing, as Go's
/// crypto/rsa accepts them.
struct RSAPublicKey: Sendable, Equatable {
    let n: Bignum
    let e: Bignum

    /// Go refuses keys below 1024 bits for signatures; the upper cap bounds the work a hostile
    /// key can cause. The exponent is capped as Go caps it (it must fit in 31 bits).
    static let minimumBits = 1024
    static let maximumBits = 16384

    init(n: Bignum, e: Bignum) throws(CryptoError) {
        guard n.bitWidth <= RSAPublicKey.maximumBits else { throw CryptoError("rsa: modulus too large") }
        guard n.isOdd, n.bitWidth > 1 else { throw CryptoError("rsa: invalid modulus") }
        guard let small = e.uint64Value, small >= 2 else { throw CryptoError("rsa: public exponent too small") }
        guard small <= 0x7FFF_FFFF else { throw CryptoError("rsa: public exponent too large") }
        self.n = n
        self.e = e
    }

    var size: Int { n.byteWidth }

    /// `signature^e mod n` as `size` bytes, or nil when the signature is malformed or the key too
    /// small to be trusted.
    private func encrypt(_ signature: [UInt8]) -> [UInt8]? {
        guard n.bitWidth >= RSAPublicKey.minimumBits, signature.count == size else { return nil }
        let s = Bignum(bytes: signature)
        guard s < n else { return nil }
        return s.power(e, modulus: n).bytes(length: size)
    }

    func verifyPKCS1v15(digest: [UInt8], signature: [UInt8], hash: HashAlgorithm) -> Bool {
        guard digest.count == hash.size, let em = encrypt(signature) else { return false }
        guard let expected = RSA.pkcs1v15Encoding(digest: digest, hash: hash, length: size) else { return false }
        return constantTimeEqual(em, expected)
    }

    /// PSS with the salt length read from the signature (Go's `PSSSaltLengthAuto`).
    func verifyPSS(digest: [UInt8], signature: [UInt8], hash: HashAlgorithm) -> Bool {
        guard digest.count == hash.size, let decrypted = encrypt(signature) else { return false }
        let emBits = n.bitWidth - 1
        let emLength = (emBits + 7) / 8
        // When emBits is a multiple of 8 the leading byte of the k-byte value must be zero.
        let extra = decrypted.count - emLength
        guard extra >= 0, decrypted.prefix(extra).allSatisfy({ $0 == 0 }) else { return false }
        let em = Array(decrypted.suffix(emLength))
        let hLength = hash.size
        guard emLength >= hLength + 2, em[emLength - 1] == 0xBC else { return false }
        var db = Array(em[0..<(emLength - hLength - 1)])
        let h = Array(em[(emLength - hLength - 1)..<(emLength - 1)])
        let topMask = UInt8(truncatingIfNeeded: 0xFF >> (8 * emLength - emBits))
        guard em[0] & ~topMask == 0 else { return false }
        let mask = RSA.mgf1(seed: h, length: db.count, hash: hash)
        for i in db.indices { db[i] ^= mask[i] }
        db[0] &= topMask
        guard let one = db.firstIndex(where: { $0 != 0 }), db[one] == 0x01 else { return false }
        let salt = Array(db[(one + 1)...])
        let computed = hash.hash([UInt8](repeating: 0, count: 8) + digest + salt)
        return constantTimeEqual(computed, h)
    }
}

struct RSAPrivateKey: Sendable, Equatable {
    let publicKey: RSAPublicKey
    let d: Bignum
    let primes: [Bignum]

    /// Signing costs grow with the cube of the key size; larger private keys are not accepted.
    static let maximumBits = 8192

    init(publicKey: RSAPublicKey, d: Bignum, primes: [Bignum]) throws(CryptoError) {
        guard publicKey.n.bitWidth <= RSAPrivateKey.maximumBits else { throw CryptoError("rsa: private key too large") }
        guard !d.isZero, d < publicKey.n else { throw CryptoError("rsa: invalid private exponent") }
        guard primes.allSatisfy({ $0 < publicKey.n }) else { throw CryptoError("rsa: invalid prime") }
        self.publicKey = publicKey
        self.d = d
        self.primes = primes
    }

    /// The CRT values OPA's JWK output carries (`dp`, `dq`, `qi`), when both primes are known.
    var crtValues: (dp: Bignum, dq: Bignum, qi: Bignum)? {
        guard primes.count == 2 else { return nil }
        let (p, q) = (primes[0], primes[1])
        guard p > .one, q > .one, let qi = q.inverse(modulus: p) else { return nil }
        return (d % (p - .one), d % (q - .one), qi)
    }

    private func decrypt(_ em: [UInt8]) throws(CryptoError) -> [UInt8] {
        let m = Bignum(bytes: em)
        guard m < publicKey.n else { throw CryptoError("rsa: message too long for RSA key size") }
        let s = m.power(d, modulus: publicKey.n)
        // A wrong private key would leak through a bad signature; check it as Go does.
        guard s.power(publicKey.e, modulus: publicKey.n) == m else { throw CryptoError("rsa: internal error") }
        return s.bytes(length: publicKey.size)!
    }

    func signPKCS1v15(digest: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
        guard let em = RSA.pkcs1v15Encoding(digest: digest, hash: hash, length: publicKey.size) else {
            throw CryptoError("crypto/rsa: key size too small for PKCS#1 v1.5 signature")
        }
        return try decrypt(em)
    }

    /// PSS with a salt as long as the hash (what JWS signers use), from the system's generator.
    func signPSS(digest: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<hash.size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try signPSS(digest: digest, hash: hash, salt: salt)
    }

    func signPSS(digest: [UInt8], hash: HashAlgorithm, salt: [UInt8]) throws(CryptoError) -> [UInt8] {
        let emBits = publicKey.n.bitWidth - 1
        let emLength = (emBits + 7) / 8
        let hLength = hash.size
        guard emLength >= hLength + salt.count + 2 else { throw CryptoError("crypto/rsa: key size too small for PSS signature") }
        let h = hash.hash([UInt8](repeating: 0, count: 8) + digest + salt)
        var db = [UInt8](repeating: 0, count: emLength - salt.count - hLength - 2) + [0x01] + salt
        let mask = RSA.mgf1(seed: h, length: db.count, hash: hash)
        for i in db.indices { db[i] ^= mask[i] }
        db[0] &= UInt8(truncatingIfNeeded: 0xFF >> (8 * emLength - emBits))
        return try decrypt(db + h + [0xBC])
    }
}

enum RSA {
    /// EMSA-PKCS1-v1_5: `00 01 FF… 00 DigestInfo`, nil when the key is too small for it.
    static func pkcs1v15Encoding(digest: [UInt8], hash: HashAlgorithm, length: Int) -> [UInt8]? {
        let t = hash.digestInfoPrefix + digest
        guard length >= t.count + 11 else { return nil }
        return [0x00, 0x01] + [UInt8](repeating: 0xFF, count: length - t.count - 3) + [0x00] + t
    }

    /// MGF1 (RFC 8017, B.2.1).
    static func mgf1(seed: [UInt8], length: Int, hash: HashAlgorithm) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(length + hash.size)
        var counter: UInt32 = 0
        while out.count < length {
            let c = [UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                     UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter)]
            out += hash.hash(seed + c)
            counter += 1
        }
        return Array(out.prefix(length))
    }
}

/// Why a key, certificate or signature was refused; the text follows Go's where OPA shows it.
struct CryptoError: Error, Sendable, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
