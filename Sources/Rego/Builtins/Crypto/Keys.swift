/// Public and private keys as the JWT and X.509 builtins use them, and their DER forms:
/// SubjectPublicKeyInfo (RFC 5280), PKCS #1 (RFC 8017), PKCS #8 (RFC 5208), SEC 1 (RFC 5915).
enum PublicKey: Sendable, Equatable {
    case rsa(RSAPublicKey)
    case ecdsa(ECDSAPublicKey)
    case ed25519([UInt8])
}

enum PrivateKey: Sendable, Equatable {
    case rsa(RSAPrivateKey)
    case ecdsa(ECDSAPrivateKey)
    /// The 32-byte seed.
    case ed25519([UInt8])

    var publicKey: PublicKey {
        switch self {
        case .rsa(let k): .rsa(k.publicKey)
        case .ecdsa(let k): .ecdsa(k.publicKey)
        case .ed25519(let seed): .ed25519(Ed25519.publicKey(seed: seed))
        }
    }
}

enum OID {
    static let rsaEncryption = [1, 2, 840, 113549, 1, 1, 1]
    static let ecPublicKey = [1, 2, 840, 10045, 2, 1]
    static let ed25519 = [1, 3, 101, 112]
    static let p256 = [1, 2, 840, 10045, 3, 1, 7]
    static let p384 = [1, 3, 132, 0, 34]
    static let p521 = [1, 3, 132, 0, 35]

    static func curve(_ oid: [Int]) -> EllipticCurve? {
        switch oid {
        case p256: .p256
        case p384: .p384
        case p521: .p521
        default: nil
        }
    }
}

enum KeyDER {
    /// A SubjectPublicKeyInfo; nil for a well-formed key of an algorithm we do not know (Go
    /// then leaves the certificate's key unset rather than failing).
    static func publicKey(spki: ArraySlice<UInt8>) throws(CryptoError) -> PublicKey? {
        do throws(DERError) {
            var outer = DERReader(spki)
            let info = try outer.next(DERElement.sequence, "public key info")
            var fields = try info.children()
            let algorithm = try fields.next(DERElement.sequence, "public key algorithm")
            var algorithmFields = try algorithm.children()
            let oid = try algorithmFields.next().objectIdentifier("public key algorithm")
            let parameters = algorithmFields.isAtEnd ? nil : try algorithmFields.next()
            let (keyBytes, unused) = try fields.next().bitString("public key")
            guard unused == 0 else { throw DERError("invalid public key bit string") }
            switch oid {
            case OID.rsaEncryption:
                return .rsa(try rsaPublicKey(pkcs1: keyBytes))
            case OID.ecPublicKey:
                guard let parameters, let curve = OID.curve(try parameters.objectIdentifier("curve")) else {
                    throw CryptoError("x509: unsupported elliptic curve")
                }
                return .ecdsa(try ECDSAPublicKey(curve: curve, uncompressed: keyBytes))
            case OID.ed25519:
                guard parameters == nil, keyBytes.count == 32 else { throw CryptoError("x509: wrong Ed25519 public key size") }
                return .ed25519(Array(keyBytes))
            default:
                return nil
            }
        } catch {
            throw CryptoError("x509: malformed public key: \(error.message)")
        }
    }

    /// PKCS #1 RSAPublicKey.
    static func rsaPublicKey(pkcs1: ArraySlice<UInt8>) throws(CryptoError) -> RSAPublicKey {
        do throws(DERError) {
            var outer = DERReader(pkcs1)
            var fields = try outer.next(DERElement.sequence, "RSA public key").children()
            let n = try fields.next().unsignedInteger("RSA modulus")
            let e = try fields.next().unsignedInteger("RSA public exponent")
            return try RSAPublicKey(n: n, e: e)
        } catch {
            throw CryptoError("x509: invalid RSA public key")
        }
    }

    /// PKCS #1 RSAPrivateKey.
    static func rsaPrivateKey(pkcs1: ArraySlice<UInt8>) throws(CryptoError) -> RSAPrivateKey {
        do throws(DERError) {
            var outer = DERReader(pkcs1)
            var fields = try outer.next(DERElement.sequence, "RSA private key").children()
            let version = try fields.next().smallInteger("version")
            guard version == 0 else { throw CryptoError("x509: unsupported private key version") }
            var values: [Bignum] = []
            for _ in 0..<8 { values.append(try fields.next().unsignedInteger("RSA private key")) }
            let publicKey = try RSAPublicKey(n: values[0], e: values[1])
            return try RSAPrivateKey(publicKey: publicKey, d: values[2], primes: [values[3], values[4]])
        } catch {
            throw CryptoError("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)")
        }
    }

    /// PKCS #8 PrivateKeyInfo.
    static func pkcs8PrivateKey(_ der: ArraySlice<UInt8>) throws(CryptoError) -> PrivateKey {
        do throws(DERError) {
            var outer = DERReader(der)
            var fields = try outer.next(DERElement.sequence, "PKCS#8").children()
            _ = try fields.next().smallInteger("version")
            var algorithm = try fields.next(DERElement.sequence, "algorithm").children()
            let oid = try algorithm.next().objectIdentifier("algorithm")
            let parameters = algorithm.isAtEnd ? nil : try algorithm.next()
            let key = try fields.next(DERElement.octetString, "private key").content
            switch oid {
            case OID.rsaEncryption:
                return .rsa(try rsaPrivateKey(pkcs1: key))
            case OID.ecPublicKey:
                var curve: EllipticCurve?
                if let parameters { curve = OID.curve(try parameters.objectIdentifier("curve")) }
                return .ecdsa(try ecPrivateKey(sec1: key, curve: curve))
            case OID.ed25519:
                var inner = DERReader(key)
                let seed = try inner.next(DERElement.octetString, "Ed25519 key").content
                guard seed.count == 32 else { throw CryptoError("x509: invalid Ed25519 private key length") }
                return .ed25519(Array(seed))
            default:
                throw CryptoError("x509: PKCS#8 wrapping contained private key with unknown algorithm: \(oid.dotted)")
            }
        } catch {
            throw CryptoError("x509: failed to parse private key: \(error.message)")
        }
    }

    /// SEC 1 ECPrivateKey; `curve` comes from the PKCS #8 wrapper when there is one.
    static func ecPrivateKey(sec1: ArraySlice<UInt8>, curve known: EllipticCurve?) throws(CryptoError) -> ECDSAPrivateKey {
        do throws(DERError) {
            var outer = DERReader(sec1)
            var fields = try outer.next(DERElement.sequence, "EC private key").children()
            guard try fields.next().smallInteger("version") == 1 else { throw CryptoError("x509: unknown EC private key version") }
            let d = try fields.next(DERElement.octetString, "EC private key").content
            var curve = known
            if let parameters = try fields.optional(0xA0) {
                var inner = try parameters.children()
                curve = OID.curve(try inner.next().objectIdentifier("curve"))
            }
            guard let curve else { throw CryptoError("x509: unknown elliptic curve") }
            guard d.count <= curve.byteSize else { throw CryptoError("x509: invalid private key length") }
            return try ECDSAPrivateKey(curve: curve, d: Bignum(bytes: d))
        } catch {
            throw CryptoError("x509: failed to parse EC private key: \(error.message)")
        }
    }
}
