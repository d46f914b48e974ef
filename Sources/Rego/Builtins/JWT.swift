extension Builtins {
    /// `io.jwt.*`: decoding, signature verification, full validation and signing of JWS tokens.
    static let jwt: [Builtin] = [
        Builtin("io.jwt.decode", arity: 1) { args, _ throws(BuiltinError) in
            try JWTDecoding.decode(try args.string(1), depth: 0)
        },
        hmacVerifier("io.jwt.verify_hs256", .hs256),
        hmacVerifier("io.jwt.verify_hs384", .hs384),
        hmacVerifier("io.jwt.verify_hs512", .hs512),
        keyVerifier("io.jwt.verify_rs256", .rs256),
        keyVerifier("io.jwt.verify_rs384", .rs384),
        keyVerifier("io.jwt.verify_rs512", .rs512),
        keyVerifier("io.jwt.verify_ps256", .ps256),
        keyVerifier("io.jwt.verify_ps384", .ps384),
        keyVerifier("io.jwt.verify_ps512", .ps512),
        keyVerifier("io.jwt.verify_es256", .es256),
        keyVerifier("io.jwt.verify_es384", .es384),
        keyVerifier("io.jwt.verify_es512", .es512),
        keyVerifier("io.jwt.verify_eddsa", .edDSA),
        Builtin("io.jwt.decode_verify", arity: 2) { args, context throws(BuiltinError) in
            try JWTDecodeVerify.evaluate(args, context)
        },
        // Signing: PS* salts are random, so results may differ between calls.
        Builtin("io.jwt.encode_sign", arity: 3, nondeterministic: true) { args, _ throws(BuiltinError) in
            .string(try JWTEncodeSign.sign(
                header: Array(args[0].jsonText().utf8), payload: Array(args[1].jsonText().utf8),
                key: args[2].jsonText()))
        },
        Builtin("io.jwt.encode_sign_raw", arity: 3, nondeterministic: true) { args, _ throws(BuiltinError) in
            let key = try args.string(3)
            let header = try args.string(1)
            let payload = try args.string(2)
            return .string(try JWTEncodeSign.sign(header: Array(header.utf8), payload: Array(payload.utf8), key: key))
        },
    ]

    private static func hmacVerifier(_ name: String, _ algorithm: JWSAlgorithm) -> Builtin {
        Builtin(name, arity: 2) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            let secret = try args.string(2)
            let token = try JWTToken(text)
            let signature = try token.decodedSignature()
            return .bool(algorithm.verify(token.signingInput, signature: signature, secret: Array(secret.utf8)))
        }
    }

    /// OPA's `builtinJWTVerify`: the builtin fixes the algorithm; a key whose `kid` matches the
    /// header's is tried alone, otherwise every key without a conflicting `alg`.
    private static func keyVerifier(_ name: String, _ algorithm: JWSAlgorithm) -> Builtin {
        Builtin(name, arity: 2) { args, _ throws(BuiltinError) in
            guard case .string(let text) = args[0] else { throw .operand(1, mustBe: "string", got: args[0]) }
            let token = try JWTToken(text)
            let keys = try JWTVerificationKey.parse(try args.string(2))
            let signature = try token.decodedSignature()
            let header = try JWTHeader(try token.decodedHeader())
            let input = token.signingInput
            func check(_ key: JWTVerificationKey) -> Bool {
                guard let publicKey = key.key else { return false }
                return algorithm.verify(input, signature: signature, key: publicKey)
            }
            if !header.kid.isEmpty, let key = keys.first(where: { $0.keyID == header.kid }) {
                return .bool(check(key))
            }
            for key in keys where key.algorithm.isEmpty || key.algorithm == header.alg {
                if check(key) { return .true }
            }
            return .false
        }
    }
}

enum JWTDecoding {
    /// Nested tokens deeper than this are refused (each level is a complete token inside the
    /// previous payload, so real ones are one or two deep).
    static let maximumNesting = 16

    /// `io.jwt.decode`: `[header, payload, signature as hex]`, following `cty: JWT` nesting.
    static func decode(_ text: String, depth: Int) throws(BuiltinError) -> Value {
        guard depth <= maximumNesting else { throw .builtin("JWT nesting is too deep") }
        let token = try JWTToken(text)
        let header = try token.decodedHeader()
        let payload = try token.decodedPayloadBytes()
        if case .string("JWT") = header["cty"] {
            // A nested token may be quoted (as jwt.io writes it): strip quotes at both ends.
            var inner = Substring(String(decoding: payload, as: UTF8.self))
            while let first = inner.first, first == "\"" || first == "'" { inner = inner.dropFirst() }
            while let last = inner.last, last == "\"" || last == "'" { inner = inner.dropLast() }
            return try decode(String(inner), depth: depth + 1)
        }
        let claims = try JWTToken.jsonObject(payload)
        let signature: [UInt8]
        do { signature = try token.decodedSignature() } catch {
            throw .builtin("JWT signature had invalid encoding: \(error.message)")
        }
        return .array([.object(header), .object(claims), .string(Hex.encode(signature))])
    }
}
