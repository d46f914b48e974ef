/// Private keys in PEM (`RSA PRIVATE KEY`, `PRIVATE KEY`, `EC PRIVATE KEY`), as OPA's
/// `getPrivateKeysFromPEMData` reads them, and their JWK form.
enum PrivateKeyPEM {
    static func parseAll(_ input: String) throws(BuiltinError) -> [PrivateKey] {
        guard input.utf8.count <= X509Input.maximumLength else { throw .builtin("input too large") }
        var bytes = Array(input.utf8)
        // Base64 of PEM is accepted too.
        if case .success(let decoded) = Base64.standard.decode(input) { bytes = decoded }
        var rest = bytes[...]
        var keys: [PrivateKey] = []
        while !rest.isEmpty {
            let before = rest.count
            let (block, after) = PEM.decode(rest)
            rest = after
            guard let block else { break }
            if rest.count == before { break }
            do throws(CryptoError) {
                switch block.type {
                case "RSA PRIVATE KEY": keys.append(.rsa(try KeyDER.rsaPrivateKey(pkcs1: block.bytes[...])))
                case "PRIVATE KEY": keys.append(try KeyDER.pkcs8PrivateKey(block.bytes[...]))
                case "EC PRIVATE KEY": keys.append(.ecdsa(try KeyDER.ecPrivateKey(sec1: block.bytes[...], curve: nil)))
                default: break
                }
            } catch {
                throw .builtin(error.message)
            }
        }
        return keys
    }

    /// The key as a JWK object (RFC 7518 member names, unpadded base64url values).
    static func jwk(_ key: PrivateKey) -> Value {
        func b64(_ n: Bignum) -> Value { .string(Base64.rawURL.encode(n.bytes)) }
        func b64(_ n: Bignum, _ length: Int) -> Value { .string(Base64.rawURL.encode(n.bytes(length: length) ?? n.bytes)) }
        switch key {
        case .rsa(let k):
            var members: [(String, Value)] = [("kty", .string("RSA")), ("n", b64(k.publicKey.n)), ("e", b64(k.publicKey.e)), ("d", b64(k.d))]
            if k.primes.count == 2 { members += [("p", b64(k.primes[0])), ("q", b64(k.primes[1]))] }
            if let crt = k.crtValues { members += [("dp", b64(crt.dp)), ("dq", b64(crt.dq)), ("qi", b64(crt.qi))] }
            return .object(RegoObject(members))
        case .ecdsa(let k):
            let size = k.publicKey.curve.byteSize
            return .object(RegoObject([
                ("kty", .string("EC")), ("crv", .string(k.publicKey.curve.name)),
                ("x", b64(k.publicKey.x, size)), ("y", b64(k.publicKey.y, size)), ("d", b64(k.d, size)),
            ]))
        case .ed25519(let seed):
            return .object(RegoObject([
                ("kty", .string("OKP")), ("crv", .string("Ed25519")),
                ("x", .string(Base64.rawURL.encode(Ed25519.publicKey(seed: seed)))), ("d", .string(Base64.rawURL.encode(seed))),
            ]))
        }
    }
}

/// `crypto.x509.parse_keypair`: Go's `tls.X509KeyPair` over PEM (or base64 of PEM or DER) inputs.
enum X509KeyPair {
    static func parse(certificate: String, key: String) throws(BuiltinError) -> Value {
        let begin = Array("-----BEGIN ".utf8)
        var certificateBytes = Array(certificate.utf8)
        var keyBytes = Array(key.utf8)
        if !certificateBytes.starts(with: begin) { certificateBytes = try X509Input.base64(certificate) }
        if !keyBytes.starts(with: begin) { keyBytes = try X509Input.base64(key) }
        if !certificateBytes.starts(with: begin) {
            certificateBytes = Array(PEM.encode(type: "CERTIFICATE", bytes: certificateBytes).utf8)
        }
        if !keyBytes.starts(with: Array("-----BEGIN".utf8)) {
            keyBytes = Array(PEM.encode(type: "PRIVATE KEY", bytes: keyBytes).utf8)
        }

        var chain: [[UInt8]] = []
        var rest = certificateBytes[...]
        var skippedTypes: [String] = []
        while true {
            let (block, after) = PEM.decode(rest)
            guard let block else { break }
            if block.type == "CERTIFICATE" { chain.append(block.bytes) } else { skippedTypes.append(block.type) }
            rest = after
        }
        guard !chain.isEmpty else {
            if skippedTypes.isEmpty { throw .builtin("tls: failed to find any PEM data in certificate input") }
            throw .builtin("tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [\(skippedTypes.joined(separator: " "))]")
        }

        var keyBlock: PEMBlock?
        rest = keyBytes[...]
        while true {
            let (block, after) = PEM.decode(rest)
            guard let block else { break }
            if block.type == "PRIVATE KEY" || block.type.hasSuffix(" PRIVATE KEY") {
                keyBlock = block
                break
            }
            rest = after
        }
        guard let keyBlock else { throw .builtin("tls: failed to find any PEM data in key input") }

        let privateKey: PrivateKey
        if let k = try? KeyDER.rsaPrivateKey(pkcs1: keyBlock.bytes[...]) {
            privateKey = .rsa(k)
        } else if let k = try? KeyDER.pkcs8PrivateKey(keyBlock.bytes[...]) {
            privateKey = k
        } else if let k = try? KeyDER.ecPrivateKey(sec1: keyBlock.bytes[...], curve: nil) {
            privateKey = .ecdsa(k)
        } else {
            throw .builtin("tls: failed to parse private key")
        }

        let leaf: X509Certificate
        do { leaf = try X509Certificate.parse(chain[0][...]) } catch { throw .builtin(error.message) }
        switch (leaf.publicKey, privateKey.publicKey) {
        case (.rsa(let a)?, .rsa(let b)):
            guard a == b else { throw .builtin("tls: private key does not match public key") }
        case (.ecdsa(let a)?, .ecdsa(let b)):
            guard a == b else { throw .builtin("tls: private key does not match public key") }
        case (.ed25519(let a)?, .ed25519(let b)):
            guard a == b else { throw .builtin("tls: private key does not match public key") }
        case (nil, _):
            throw .builtin("tls: unknown public key algorithm")
        default:
            throw .builtin("tls: private key type does not match public key type")
        }

        return .object(RegoObject([
            ("Certificate", .array(chain.map { X509JSON.bytes($0) })),
            ("PrivateKey", X509JSON.privateKey(privateKey)),
            ("SupportedSignatureAlgorithms", .null), ("OCSPStaple", .null), ("SignedCertificateTimestamps", .null),
            ("Leaf", X509JSON.certificate(leaf)),
        ]))
    }
}
