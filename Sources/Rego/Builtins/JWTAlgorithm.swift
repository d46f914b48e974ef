/// The JWS algorithms OPA supports (RFC 7518, RFC 8037), with signing and verification.
enum JWSAlgorithm: String, Sendable, CaseIterable {
    case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"
    case edDSA = "EdDSA"

    var hash: HashAlgorithm {
        switch self {
        case .hs256, .rs256, .ps256, .es256, .edDSA: .sha256
        case .hs384, .rs384, .ps384, .es384: .sha384
        case .hs512, .rs512, .ps512, .es512: .sha512
        }
    }

    /// Verifies with an asymmetric key, as the `io.jwt.verify_*` builtins do: ECDSA signatures
    /// are split in two halves whatever their length (OPA's `verifyES`).
    func verify(_ message: [UInt8], signature: [UInt8], key: PublicKey) -> Bool {
        switch (self, key) {
        case (.rs256, .rsa(let k)), (.rs384, .rsa(let k)), (.rs512, .rsa(let k)):
            return k.verifyPKCS1v15(digest: hash.hash(message), signature: signature, hash: hash)
        case (.ps256, .rsa(let k)), (.ps384, .rsa(let k)), (.ps512, .rsa(let k)):
            return k.verifyPSS(digest: hash.hash(message), signature: signature, hash: hash)
        case (.es256, .ecdsa(let k)), (.es384, .ecdsa(let k)), (.es512, .ecdsa(let k)):
            let half = signature.count / 2
            // Bound the work: r and s can never be longer than the curve's order.
            guard half > 0, half <= k.curve.byteSize + 1 else { return false }
            let r = Bignum(bytes: signature[0..<half]), s = Bignum(bytes: signature[half...])
            return k.verify(digest: hash.hash(message), r: r, s: s)
        case (.edDSA, .ed25519(let k)):
            return Ed25519.verify(publicKey: k, message: message, signature: signature)
        default:
            return false
        }
    }

    /// Verifies with a shared secret (HS*); false for other algorithms.
    func verify(_ message: [UInt8], signature: [UInt8], secret: [UInt8]) -> Bool {
        switch self {
        case .hs256, .hs384, .hs512: constantTimeEqual(hash.hmac(message, key: secret), signature)
        default: false
        }
    }

    func sign(_ message: [UInt8], with key: JWK.Material) throws(BuiltinError) -> [UInt8] {
        do throws(CryptoError) {
            switch (self, key) {
            case (.hs256, .secret(let k)), (.hs384, .secret(let k)), (.hs512, .secret(let k)):
                return hash.hmac(message, key: k)
            case (.rs256, .privateKey(.rsa(let k))), (.rs384, .privateKey(.rsa(let k))), (.rs512, .privateKey(.rsa(let k))):
                return try k.signPKCS1v15(digest: hash.hash(message), hash: hash)
            case (.ps256, .privateKey(.rsa(let k))), (.ps384, .privateKey(.rsa(let k))), (.ps512, .privateKey(.rsa(let k))):
                return try k.signPSS(digest: hash.hash(message), hash: hash)
            case (.es256, .privateKey(.ecdsa(let k))), (.es384, .privateKey(.ecdsa(let k))), (.es512, .privateKey(.ecdsa(let k))):
                let (r, s) = k.sign(digest: hash.hash(message), hash: hash)
                let size = k.publicKey.curve.byteSize
                return r.bytes(length: size)! + s.bytes(length: size)!
            case (.edDSA, .privateKey(.ed25519(let seed))):
                return Ed25519.sign(seed: seed, message: message)
            default:
                throw CryptoError("invalid key type for algorithm \(rawValue)")
            }
        } catch {
            throw .builtin("failed to sign payload: \(error.message)")
        }
    }
}
