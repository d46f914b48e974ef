extension Builtins {
    /// `crypto.x509.*` and `crypto.parse_private_keys`: certificates, requests and keys.
    static let x509: [Builtin] = [
        Builtin("crypto.x509.parse_certificates", arity: 1) { args, _ throws(BuiltinError) in
            let certificates = try X509Input.certificates(try args.string(1))
            return .array(certificates.map(X509JSON.certificate))
        },
        Builtin("crypto.x509.parse_and_verify_certificates", arity: 1) { args, context throws(BuiltinError) in
            let text = try args.string(1)
            let verifier = X509ChainVerifier(now: X509Input.time(nanos: context.nowNanos))
            return X509Input.verified(text, verifier, uriStrings: true)
        },
        Builtin("crypto.x509.parse_and_verify_certificates_with_options", arity: 2) { args, context throws(BuiltinError) in
            let text = try args.string(1)
            let options = try args.object(2)
            var verifier = X509ChainVerifier(now: X509Input.time(nanos: context.nowNanos))
            try X509Input.apply(options, to: &verifier)
            return X509Input.verified(text, verifier, uriStrings: false)
        },
        Builtin("crypto.x509.parse_certificate_request", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            var bytes = Array(text.utf8)
            if !text.hasPrefix("-----BEGIN CERTIFICATE REQUEST-----") {
                bytes = try X509Input.base64(text)
            }
            let (block, _) = PEM.decode(bytes[...])
            if let block {
                guard block.type == "CERTIFICATE REQUEST" else {
                    throw .builtin("invalid PEM-encoded certificate signing request")
                }
                bytes = block.bytes
            }
            do throws(CryptoError) {
                return try X509CertificateRequest.parse(bytes[...]).json
            } catch {
                throw .builtin(error.message)
            }
        },
        Builtin("crypto.x509.parse_keypair", arity: 2) { args, _ throws(BuiltinError) in
            let certificate = try args.string(1)
            let key = try args.string(2)
            return try X509KeyPair.parse(certificate: certificate, key: key)
        },
        Builtin("crypto.x509.parse_rsa_private_key", arity: 1) { args, _ throws(BuiltinError) in
            var text = try args.string(1)
            if text.isEmpty { throw .builtin("input PEM data was empty") }
            if !text.hasPrefix("-----BEGIN") {
                text = String(decoding: try X509Input.base64(text), as: UTF8.self)
            }
            let keys = try PrivateKeyPEM.parseAll(text)
            guard let first = keys.first else { return .null }
            return PrivateKeyPEM.jwk(first)
        },
        Builtin("crypto.parse_private_keys", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            if text.isEmpty { return .null }
            let keys = try PrivateKeyPEM.parseAll(text)
            return .array(keys.map(X509JSON.privateKey))
        },
    ]
}

/// How the X.509 builtins read their string operands: PEM, or base64 of PEM or DER.
enum X509Input {
    /// Inputs beyond this size are refused before parsing (certificate bundles are far smaller).
    static let maximumLength = 4 << 20

    static func base64(_ text: String) throws(BuiltinError) -> [UInt8] {
        guard text.utf8.count <= maximumLength else { throw .builtin("input too large") }
        switch Base64.standard.decode(text) {
        case .success(let bytes): return bytes
        case .failure(let error): throw .builtin(error.message)
        }
    }

    static func certificates(_ text: String) throws(BuiltinError) -> [X509Certificate] {
        guard text.utf8.count <= maximumLength else { throw .builtin("input too large") }
        if text.hasPrefix("-----BEGIN") { return try fromPEM(Array(text.utf8)) }
        let decoded = try base64(text)
        if decoded.starts(with: Array("-----BEGIN".utf8)) { return try fromPEM(decoded) }
        do { return try X509Certificate.parseAll(decoded) } catch { throw .builtin(error.message) }
    }

    /// Every CERTIFICATE block, concatenated and parsed as Go's `ParseCertificates` does.
    private static func fromPEM(_ bytes: [UInt8]) throws(BuiltinError) -> [X509Certificate] {
        var rest = bytes[...]
        var der: [UInt8] = []
        while !rest.isEmpty {
            let (block, after) = PEM.decode(rest)
            guard let block else { break }
            guard block.type == "CERTIFICATE" else {
                throw .builtin("PEM block type is '\(block.type)', expected CERTIFICATE")
            }
            der += block.bytes
            rest = after
        }
        do { return try X509Certificate.parseAll(der) } catch { throw .builtin(error.message) }
    }

    static func time(nanos: Int) -> X509Time {
        X509Time(seconds: nanos >= 0 ? nanos / 1_000_000_000 : (nanos + 1) / 1_000_000_000 - 1)
    }

    /// `[true, chain]` or `[false, []]`: any parse or verification failure is just "not valid".
    static func verified(_ text: String, _ verifier: X509ChainVerifier, uriStrings: Bool) -> Value {
        let failed = Value.array([.false, .emptyArray])
        guard let certificates = try? certificates(text), let chain = verifier.verify(certificates) else { return failed }
        let values = chain.map { certificate -> Value in
            let value = X509JSON.certificate(certificate)
            guard !uriStrings, case .object(let object) = value else { return value }
            return .object(object.removing(.string("URIStrings")))
        }
        return .array([.true, .array(values)])
    }

    private static let keyUsageNames: [String: Int] = [
        "KeyUsageAny": 0, "KeyUsageServerAuth": 1, "KeyUsageClientAuth": 2, "KeyUsageCodeSigning": 3,
        "KeyUsageEmailProtection": 4, "KeyUsageIPSECEndSystem": 5, "KeyUsageIPSECTunnel": 6,
        "KeyUsageIPSECUser": 7, "KeyUsageTimeStamping": 8, "KeyUsageOCSPSigning": 9,
        "KeyUsageMicrosoftServerGatedCrypto": 10, "KeyUsageNetscapeServerGatedCrypto": 11,
        "KeyUsageMicrosoftCommercialCodeSigning": 12, "KeyUsageMicrosoftKernelCodeSigning": 13,
    ]

    /// OPA's `extractVerifyOpts`.
    static func apply(_ options: RegoObject, to verifier: inout X509ChainVerifier) throws(BuiltinError) {
        var usages: [Int] = []
        for (key, value) in options {
            guard case .string(let name) = key else { continue }
            switch name {
            case "DNSName":
                guard case .string(let s) = value else { throw .builtin("'DNSName' should be a string") }
                verifier.dnsName = s.trimmingCharacters("\"")
            case "CurrentTime":
                guard case .number(let n) = value else { throw .builtin("'CurrentTime' should be a number") }
                guard let nanos = n.intValue else { throw .builtin("'CurrentTime' should be a valid int64 number") }
                verifier.now = time(nanos: nanos)
            case "MaxConstraintComparisons":
                guard case .number(let n) = value else { throw .builtin("'MaxConstraintComparisons' should be a number") }
                guard n.intValue != nil else { throw .builtin("'MaxConstraintComparisons' should be a valid number") }
            case "KeyUsages":
                let list: [Value]
                switch value {
                case .array(let a): list = a
                case .set(let s): list = s.sorted
                default: throw .builtin("'KeyUsages' should be an Array or Set")
                }
                var invalid: [String] = []
                for element in list {
                    guard case .string(let s) = element else { continue }
                    let trimmed = s.trimmingCharacters("\"")
                    if let usage = keyUsageNames[trimmed] { usages.append(usage) } else { invalid.append(trimmed) }
                }
                if !invalid.isEmpty {
                    throw .builtin("invalid entries for 'KeyUsages' found: [\(invalid.joined(separator: " "))]")
                }
            default:
                throw .builtin("invalid key option")
            }
        }
        if !usages.isEmpty { verifier.keyUsages = usages }
    }
}

private extension String {
    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
