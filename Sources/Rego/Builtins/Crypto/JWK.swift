/// JSON Web Keys (RFC 7517, 7518, 8037): one key or a `{"keys": [...]}` set, as OPA's JWT
/// builtins accept them.
struct JWK: Sendable {
    enum Material: Sendable {
        case publicKey(PublicKey)
        case privateKey(PrivateKey)
        /// A symmetric (`oct`) key.
        case secret([UInt8])
    }

    let material: Material
    let algorithm: String
    let keyID: String

    /// The key as a verifier needs it (the public half of a private key).
    var verificationKey: PublicKey? {
        switch material {
        case .publicKey(let k): k
        case .privateKey(let k): k.publicKey
        case .secret: nil
        }
    }

    /// A set, or a single key taken as a set of one.
    static func parseSet(_ text: String) throws(CryptoError) -> [JWK] {
        let value: Value
        do { value = try JSONTextParser.parse(text) } catch { throw CryptoError("failed to unmarshal JWK: \(error.message)") }
        guard case .object(let object) = value else { throw CryptoError("failed to unmarshal JWK: not an object") }
        if let keys = object[.string("keys")] {
            guard case .array(let list) = keys else { throw CryptoError("failed to parse JWK set: \"keys\" must be an array") }
            var result: [JWK] = []
            for entry in list {
                guard case .object(let key) = entry else { throw CryptoError("failed to parse JWK set: key must be an object") }
                result.append(try parse(key))
            }
            return result
        }
        return [try parse(object)]
    }

    static func parse(_ object: RegoObject) throws(CryptoError) -> JWK {
        func string(_ name: String) throws(CryptoError) -> String? {
            guard let value = object[.string(name)] else { return nil }
            guard case .string(let s) = value else { throw CryptoError("invalid JWK: \"\(name)\" must be a string") }
            return s
        }
        func bytes(_ name: String) throws(CryptoError) -> [UInt8]? {
            guard let text = try string(name) else { return nil }
            guard let decoded = JWK.base64URLDecode(text) else { throw CryptoError("invalid JWK: failed to decode \"\(name)\"") }
            return decoded
        }
        func required(_ name: String) throws(CryptoError) -> [UInt8] {
            guard let value = try bytes(name) else { throw CryptoError("invalid JWK: required field \"\(name)\" is missing") }
            return value
        }
        guard let kty = try string("kty") else { throw CryptoError("invalid JWK: \"kty\" is missing") }
        let algorithm = try string("alg") ?? ""
        let keyID = try string("kid") ?? ""
        let material: Material
        switch kty {
        case "RSA":
            let publicKey = try RSAPublicKey(n: Bignum(bytes: try required("n")), e: Bignum(bytes: try required("e")))
            if let d = try bytes("d") {
                var primes: [Bignum] = []
                if let p = try bytes("p"), let q = try bytes("q") { primes = [Bignum(bytes: p), Bignum(bytes: q)] }
                material = .privateKey(.rsa(try RSAPrivateKey(publicKey: publicKey, d: Bignum(bytes: d), primes: primes)))
            } else {
                material = .publicKey(.rsa(publicKey))
            }
        case "EC":
            guard let curve = EllipticCurve.named(try string("crv") ?? "") else { throw CryptoError("invalid JWK: unsupported curve") }
            if let d = try bytes("d") {
                guard d.count <= curve.byteSize else { throw CryptoError("invalid JWK: invalid EC private key") }
                material = .privateKey(.ecdsa(try ECDSAPrivateKey(curve: curve, d: Bignum(bytes: d))))
            } else {
                let x = try required("x"), y = try required("y")
                guard x.count <= curve.byteSize, y.count <= curve.byteSize else { throw CryptoError("invalid JWK: invalid EC point") }
                material = .publicKey(.ecdsa(try ECDSAPublicKey(curve: curve, x: Bignum(bytes: x), y: Bignum(bytes: y))))
            }
        case "OKP":
            guard try string("crv") == "Ed25519" else { throw CryptoError("invalid JWK: unsupported curve") }
            if let d = try bytes("d") {
                guard d.count == 32 else { throw CryptoError("invalid JWK: invalid Ed25519 private key") }
                material = .privateKey(.ed25519(d))
            } else {
                let x = try required("x")
                guard x.count == 32 else { throw CryptoError("invalid JWK: invalid Ed25519 public key") }
                material = .publicKey(.ed25519(x))
            }
        case "oct":
            material = .secret(try required("k"))
        default:
            throw CryptoError("invalid key type from JSON (\(kty))")
        }
        return JWK(material: material, algorithm: algorithm, keyID: keyID)
    }

    /// Base64url with or without padding (some issuers pad, and some use the standard alphabet).
    static func base64URLDecode(_ text: String) -> [UInt8]? {
        var trimmed = Substring(text)
        while trimmed.hasSuffix("=") { trimmed = trimmed.dropLast() }
        if case .success(let bytes) = Base64.rawURL.decode(String(trimmed)) { return bytes }
        let standard = String(trimmed) + String(repeating: "=", count: (4 - trimmed.utf8.count % 4) % 4)
        if case .success(let bytes) = Base64.standard.decode(standard) { return bytes }
        return nil
    }
}
