/// A JWS in compact serialisation split into its three base64url sections, decoded the way OPA's
/// `io.jwt.*` builtins decode them (with their error messages).
struct JWTToken {
    let header: String
    let payload: String
    let signature: String

    /// Tokens longer than this are refused before any decoding work (a policy sees HTTP headers,
    /// which are far smaller).
    static let maximumLength = 1 << 20

    init(_ text: String) throws(BuiltinError) {
        guard text.utf8.count <= JWTToken.maximumLength else { throw .builtin("encoded JWT is too large") }
        guard text.utf8.contains(UInt8(ascii: ".")) else { throw .builtin("encoded JWT had no period separators") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .builtin("encoded JWT must have 3 sections, found \(parts.count)") }
        header = String(parts[0])
        payload = String(parts[1])
        signature = String(parts[2])
    }

    /// The signing input: `header.payload` as sent.
    var signingInput: [UInt8] { Array((header + "." + payload).utf8) }

    /// OPA's `base64url.decode`: padding restored when missing (RFC 7515, appendix C).
    static func base64URLDecode(_ text: String) throws(BuiltinError) -> [UInt8] {
        var s = text
        if !s.hasSuffix("=") {
            switch s.utf8.count % 4 {
            case 0: break
            case 2: s += "=="
            case 3: s += "="
            default: throw .builtin("illegal base64url string: \(text)")
            }
        }
        switch Base64.url.decode(s) {
        case .success(let bytes): return bytes
        case .failure(let error): throw .builtin(error.message)
        }
    }

    /// The header object; a JWE (with `enc`) is refused.
    func decodedHeader() throws(BuiltinError) -> RegoObject {
        let bytes: [UInt8]
        do { bytes = try JWTToken.base64URLDecode(header) } catch { throw .builtin("JWT header had invalid encoding: \(error.message)") }
        let object: RegoObject
        do { object = try JWTToken.jsonObject(bytes) } catch { throw .builtin("bad JWT header: \(error.message)") }
        if object["enc"] != nil { throw .builtin("JWT is a JWE object, which is not supported") }
        return object
    }

    func decodedPayloadBytes() throws(BuiltinError) -> [UInt8] {
        do { return try JWTToken.base64URLDecode(payload) } catch { throw .builtin("JWT payload had invalid encoding: \(error.message)") }
    }

    /// The raw signature bytes; the decoding error is reported as is, as OPA does.
    func decodedSignature() throws(BuiltinError) -> [UInt8] {
        try JWTToken.base64URLDecode(signature)
    }

    /// OPA's `extractJSONObject`: JSON that must be an object (duplicate keys: the last wins).
    static func jsonObject(_ bytes: [UInt8]) throws(BuiltinError) -> RegoObject {
        let value: Value
        do { value = try JSONTextParser.parse(String(decoding: bytes, as: UTF8.self)) } catch {
            throw .builtin("invalid JSON: \(error.message)")
        }
        guard case .object(let object) = value else { throw .builtin("decoded JSON type was not an Object") }
        return object
    }
}

/// The header parameters OPA checks before verifying (RFC 7515, 4.1).
struct JWTHeader {
    var alg = ""
    var kid = ""
    var typ = ""
    var cty = ""
    var crit: Set<String> = []
    var unknown: [String] = []

    init(_ object: RegoObject) throws(BuiltinError) {
        for (key, value) in object {
            guard case .string(let name) = key else { continue }
            switch name {
            case "alg", "kid", "typ", "cty":
                guard case .string(let s) = value else { throw .builtin("\(name): must be a string") }
                switch name {
                case "alg": alg = s
                case "kid": kid = s
                case "typ": typ = s
                default: cty = s
                }
            case "crit":
                guard case .array(let list) = value else { throw .builtin("crit: must be a list") }
                for element in list { if case .string(let s) = element { crit.insert(s) } }
                if crit.isEmpty { throw .builtin("crit: must be a nonempty list") }
            default:
                unknown.append(name)
            }
        }
    }

    /// `alg` present, and no critical parameter that is not understood (RFC 7515, 4.1.11).
    var isValid: Bool { !alg.isEmpty && !unknown.contains { crit.contains($0) } }
}

/// A key that may verify a token: from a certificate, a PEM public key, or a JWK (set).
struct JWTVerificationKey {
    let key: PublicKey?
    let secret: [UInt8]?
    let algorithm: String
    let keyID: String

    /// OPA's `getKeysFromCertOrJWK`: PEM first (a certificate or a public key), else JWK JSON.
    static func parse(_ text: String) throws(BuiltinError) -> [JWTVerificationKey] {
        let (block, rest) = PEM.decode(text)
        if let block {
            guard rest.isEmpty else { throw .builtin("extra data after a PEM certificate block") }
            switch block.type {
            case "CERTIFICATE":
                do throws(CryptoError) {
                    let certificate = try X509Certificate.parse(block.bytes[...])
                    return [JWTVerificationKey(key: certificate.publicKey, secret: nil, algorithm: "", keyID: "")]
                } catch {
                    throw .builtin("failed to parse a PEM certificate: \(error.message)")
                }
            case "PUBLIC KEY":
                do throws(CryptoError) {
                    guard let key = try KeyDER.publicKey(spki: block.bytes[...]) else {
                        throw CryptoError("x509: unknown public key algorithm")
                    }
                    return [JWTVerificationKey(key: key, secret: nil, algorithm: "", keyID: "")]
                } catch {
                    throw .builtin("failed to parse a PEM public key: \(error.message)")
                }
            default:
                throw .builtin("failed to extract a Key from the PEM certificate")
            }
        }
        let keys: [JWK]
        do { keys = try JWK.parseSet(text) } catch { throw .builtin("failed to parse a JWK key (set): \(error.message)") }
        return keys.compactMap { jwk in
            // Keys naming an algorithm OPA does not know are skipped.
            if !jwk.algorithm.isEmpty && JWSAlgorithm(rawValue: jwk.algorithm) == nil { return nil }
            var secret: [UInt8]?
            if case .secret(let bytes) = jwk.material { secret = bytes }
            return JWTVerificationKey(key: jwk.verificationKey, secret: secret, algorithm: jwk.algorithm, keyID: jwk.keyID)
        }
    }
}
