import Testing

@testable import Rego

@Suite struct JWTTests {
    /// RFC 7515, appendix A.1's key (an `oct` JWK) and OPA's HS256 example token.
    static let octKey = #"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#
    static let simple = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY"
    static let hsToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoiYWxpY2UiLCJhenAiOiJhbGljZSIsInN1Ym9yZGluYXRlcyI6W10sImhyIjpmYWxzZX0.rz3jTY033z-NrKfwrK89_dcLF7TN4gwCMj-fVBDyLoM"

    static let cases: [BuiltinCase] = [
        .init("io.jwt.decode", [.str(simple)], .value(json(#"[{"alg":"HS256","typ":"JWT"},{"iss":"opa","sub":"0"},"5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576"]"#))),
        .init("io.jwt.decode", [.str("abc")], .builtinError("encoded JWT had no period separators")),
        .init("io.jwt.decode", [.str("a.b.c.d")], .builtinError("encoded JWT must have 3 sections, found 4")),
        .init("io.jwt.decode", [.str("e30.e30.!!")], .builtinError("JWT signature had invalid encoding: illegal base64 data at input byte 0")),
        .init("io.jwt.decode", [.str("W10.e30.")], .builtinError("bad JWT header: decoded JSON type was not an Object")),
        .init("io.jwt.decode", [.str("e30.W10.")], .builtinError("decoded JSON type was not an Object")),
        .init("io.jwt.decode", [.str("e30.e3!.")], .builtinError("JWT payload had invalid encoding: illegal base64 data at input byte 2")),
        .init("io.jwt.decode", [.str("e30.eyJ.")], .builtinError("invalid JSON: unexpected EOF")),
        .init("io.jwt.decode", [.str("eyJlbmMiOiJBMTI4R0NNIn0.e30.")], .builtinError("JWT is a JWE object, which is not supported")),
        .init("io.jwt.decode", [.int(1)], .typeError("operand 1 must be string but got number")),
        .init("io.jwt.verify_hs256", [.str(hsToken), .str("secret")], .value(.true)),
        .init("io.jwt.verify_hs256", [.str(hsToken), .str("Secret")], .value(.false)),
        .init("io.jwt.verify_hs384", [.str(hsToken), .str("secret")], .value(.false)),
        .init("io.jwt.verify_hs256", [.str("e30.e30"), .str("secret")], .builtinError("encoded JWT must have 3 sections, found 2")),
        .init("io.jwt.verify_hs256", [.str(hsToken), .int(1)], .typeError("operand 2 must be string but got number")),
        .init("io.jwt.verify_rs256", [.str(simple), .str(#"{"kty":"bogus"}"#)], .builtinError("failed to parse a JWK key (set)")),
        .init("io.jwt.verify_rs256", [.str(simple), .str("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")],
              .builtinError("failed to parse a PEM certificate")),
        .init("io.jwt.verify_rs256", [.str(simple), .str("-----BEGIN FOO-----\nAAAA\n-----END FOO-----")],
              .builtinError("failed to extract a Key from the PEM certificate")),
        .init("io.jwt.verify_rs256", [.str(simple), .str("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\nmore")],
              .builtinError("extra data after a PEM certificate block")),
        // RFC 7515, appendix A.1 (OPA marshals the header and payload with sorted keys).
        .init("io.jwt.encode_sign", [json(#"{"alg":"HS256","typ":"JWT"}"#), json("{}"), json(octKey)],
              .value(.str("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.6cvao8lnOu6FAdK68jQFcDMXOmaWNwWiYhCgijd-AD8"))),
        .init("io.jwt.encode_sign_raw", [.str(#"{"alg":"none"}"#), .str("{}"), .str(octKey)], .builtinError("unknown JWS algorithm: none")),
        .init("io.jwt.encode_sign_raw", [.str(""), .str("{}"), .str(octKey)],
              .builtinError("missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string")),
        .init("io.jwt.encode_sign_raw", [.str(#"{"alg":"HS256"}"#), .str("not json"), .str(octKey)],
              .builtinError("type is JWT but payload is not JSON")),
        .init("io.jwt.encode_sign_raw", [.str(#"{"alg":"RS256"}"#), .str("{}"), .str(octKey)],
              .builtinError("failed to sign payload")),
        .init("io.jwt.encode_sign_raw", [.str(#"{"alg":"HS256"}"#), .str("{}"), .str(#"{"keys":[]}"#)],
              .builtinError("no keys found in JWK set")),
    ]

    @Test(arguments: cases) func builtin(_ c: BuiltinCase) { c.check() }

    /// Cases from OPA's public test suite beyond the conformance subset kept in the tree.
    static let opaCases: [BuiltinCase] = [
        .init("io.jwt.decode", [.str("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6IkpXVCJ9.ImV5SmhiR2NpT2lKSVV6STFOaUlzSW5SNWNDSTZJa3BYVkNJc0ltTjBlU0k2SWtwWFZDSjkuSW1WNVNtaGlSMk5wVDJsS1NWVjZTVEZPYVVselNXNVNOV05EU1RaSmEzQllWa05LT1M1bGVVcDZaRmRKYVU5cFNYZEphWGRwWVZoT2VrbHFiMmxpTTBKb1NXNHdMbGh0Vm05TWIwaEpNM0I0VFhSTlQxOVhVazlPVFZOS2VrZFZSRkE1Y0VScWVUaEtjREJmZEdSU1dGa2kuOFcwcXg0bUx4c2xtWmw3d0VNVVdCeEg3dFNUM1hzRXVXWHhlc1hxRm5SSSI.U8rwnGAJ-bJoGrAYKEzNtbJQWd3x1eW0Y25nLKHDCgo")],
              .value(json(#"[{"alg":"HS256","typ":"JWT"},{"iss":"opa","sub":"0"},"5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576"]"#))),
        .init("io.jwt.decode", [.str("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIiwiZXh0Ijp7ImFiYyI6IjEyMyIsImNiYSI6WzEwLCIxMCJdfX0.IIxF-uJ6i4K5Dj71xNLnUeqB9jmujl6ujTInhii1PxE")],
              .value(json(#"[{"alg":"HS256","typ":"JWT"},{"ext":{"abc":"123","cba":[10,"10"]},"iss":"opa","sub":"0"},"208c45fae27a8b82b90e3ef5c4d2e751ea81f639ae8e5eae8d32278628b53f11"]"#))),
        .init("io.jwt.verify_es512", [
            .str("eyJhbGciOiJFUzUxMiJ9.eyJTY29wZXMiOlsiZm9vIiwiYmFyIl0sIm5iZiI6MTQ1MTYwNjQwMH0.AYpssEoEqq9We9aKsnRykpECAVEOBRJJu8UgDzoL-F8fmB2LPxpS4Gl7D-9wAO5AJt4-9YSsgOb5FLc20MrZN30AAFYopZf75T1pEJQFrdDmOKT45abbrorcR7G_AHDbhBdDNM_R6GojYFg_HPxHndof745Yq5Tfw9PpJc-9kSyk6kqO"),
            .str("-----BEGIN PUBLIC KEY-----\nMIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQBy5tyDA//PLwv0tXAk8o6wo8ByBrI\n4mxQcDwV7d+mCgo1HUu44iSUeWEFT8qUr+4D2iip9RPAqpH1XXd666dU6HABJrOF\n74oLVmQWc338PccmQoJrUNnUx7Ln4v+Vv2MfDd1MPg9sJdSynCa2qLqPqoGphn7q\nLulmwKDxLXToNPgeIxc=\n-----END PUBLIC KEY-----"),
        ], .value(.true)),
        .init("io.jwt.verify_ps384", [
            .str("eyJhbGciOiJQUzM4NCJ9.eyJTY29wZXMiOlsiZm9vIiwiYmFyIl0sIm5iZiI6MTQ1MTYwNjQwMH0.EHPUvPr6uJOYqdza95WbM1SYD8atZHJEVRggpwOWnHGsjQBoEarJb8QgW7TY22OXwGw2HWluTiyT_MAz02NaHRzZv6AgrmxCLChMWkCHLwPxqjs0xSvVAMLzHHq2X2Bcujo9KORGudR7zKz8pOX5Mfnm7Z6OGtqPCPLaIdVJlddNsG6a571NOuVuDWbcg0omeRDANZpCZMJeAQN2M-4Q61ef6zcQHK1R-QqzBhw6HzMgqR1LRJ0xbrmD-L5o53JM3pV1e1juKNXVK3vWkDQRCQORFn1lyH5isfSsiiHW-x90sUC7TrU_cOji4MMmOCME6kkwxe57ZgpeXtdVTvldpw"),
            .str(#"{"kty":"RSA","n":"7clVh9hRPHFPC0XAKx-E8A4QThXJiRdvC670Tm3Gw2LGnuqxMG8tGkYEsY0xDIMhgY66AUpdtsDkgPd5MMeKbqX1xKm8MsJ_RYcigW_zl0EoJT5sK6Zs0LTyRswR53C_jz40YT36opsH-2SDygAICM_TuqaRoRP8eAreOOI7YVCAWbhuXFF4YIjwUHSENyvPEIYFcHLn02ZDR4-Ikg34ZVRQx1Y143dgf8hjg48r9E8goVdGATRozL-2BS1piBVBcyvuqjUsbuHMz7UZMn8GldhlvzwU-X_H3OnyoEGepOgSyuvqYtIj4eU1Is8h7arbnlg26yfsH3SYpUEvA_hBqw","e":"AQAB"}"#),
        ], .value(.true)),
    ]

    @Test(arguments: opaCases) func opaCase(_ c: BuiltinCase) { c.check() }

    static func decodeVerify(_ token: String, _ constraints: String, now: Int = 0) throws(BuiltinError) -> Value? {
        try call("io.jwt.decode_verify", .str(token), json(constraints), now: now)
    }

    static func sign(_ header: String, _ payload: String, _ key: String) throws -> String {
        try #require(call("io.jwt.encode_sign_raw", .str(header), .str(payload), .str(key))?.stringValue)
    }

    /// Every algorithm signs and then verifies with the public half of its key, and only that.
    @Test(arguments: [
        ("RS256", CryptoFixtures.rsaJWK, CryptoFixtures.rsaPublicJWK, "io.jwt.verify_rs256"),
        ("PS384", CryptoFixtures.rsaJWK, CryptoFixtures.rsaPublicJWK, "io.jwt.verify_ps384"),
        ("ES256", CryptoFixtures.ecJWK, CryptoFixtures.ecPublicJWK, "io.jwt.verify_es256"),
        ("EdDSA", CryptoFixtures.edJWK, CryptoFixtures.edPublicJWK, "io.jwt.verify_eddsa"),
    ])
    func signAndVerifyRoundTrip(_ alg: String, _ privateJWK: String, _ publicJWK: String, _ verifier: String) throws {
        let token = try Self.sign(#"{"alg":"\#(alg)","typ":"JWT"}"#, #"{"iss":"airlock","exp":2000}"#, privateJWK)
        #expect(try call(verifier, .str(token), .str(publicJWK)) == .true)
        #expect(try call("io.jwt.verify_rs512", .str(token), .str(publicJWK)) == .false)
        let valid = try Self.decodeVerify(token, #"{"cert":\#(Value.string(publicJWK).jsonText()),"iss":"airlock","time":1000000000000}"#)
        #expect(valid == json(#"[true,{"alg":"\#(alg)","typ":"JWT"},{"exp":2000,"iss":"airlock"}]"#))
        // Tampered payload: same signature, other claims.
        let parts = token.split(separator: ".")
        let forged = parts[0] + "." + Base64.rawURL.encode(Array(#"{"iss":"airlock","exp":9000}"#.utf8)) + "." + parts[2]
        #expect(try call(verifier, .str(String(forged)), .str(publicJWK)) == .false)
    }

    @Test func decodeVerifyChecksClaimsAndTime() throws {
        let token = try Self.sign(#"{"alg":"HS256"}"#, #"{"iss":"a","aud":["x","y"],"nbf":100,"exp":200}"#, Self.octKey)
        // An `oct` JWK as the "cert" constraint acts as the shared secret.
        let key = Value.string(Self.octKey).jsonText()
        let at150 = 150 * 1_000_000_000
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"y"}"#, now: at150)?.arrayValue?.first == .true)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"z"}"#, now: at150) == JWTDecodeVerify.unverified)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key)}"#, now: at150) == JWTDecodeVerify.unverified)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"x","iss":"b"}"#, now: at150) == JWTDecodeVerify.unverified)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"x","time":99000000000}"#) == JWTDecodeVerify.unverified)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"x","time":200000000000}"#) == JWTDecodeVerify.unverified)
        #expect(try Self.decodeVerify(token, #"{"cert":\#(key),"aud":"x","alg":"HS512"}"#, now: at150) == JWTDecodeVerify.unverified)
    }

    @Test func decodeVerifyRejectsBadConstraints() {
        let cases: [(String, String)] = [
            (#"{}"#, "no key constraint"),
            (#"{"secret":"a","cert":"{\"kty\":\"oct\",\"k\":\"AA\"}"}"#, "duplicate key constraints"),
            (#"{"secret":"a","colour":"red"}"#, "unknown token validation constraint: colour"),
            (#"{"secret":"a","time":-1}"#, "token time constraint: must not be negative"),
            (#"{"secret":"a","time":"now"}"#, "token time constraint: must be a number"),
            (#"{"secret":1}"#, "secret constraint: must be a string"),
            (#"{"cert":1}"#, "cert constraint: must be a string"),
        ]
        for (constraints, message) in cases {
            #expect(throws: BuiltinError.builtin(message)) { try Self.decodeVerify(Self.hsToken, constraints) }
        }
    }

    @Test func decodeVerifyRequiresNumericExpiry() throws {
        let token = try Self.sign(#"{"alg":"HS256"}"#, #"{"exp":"soon"}"#, #"{"kty":"oct","k":"NDI"}"#)
        #expect(throws: BuiltinError.builtin("exp value must be a number")) { try Self.decodeVerify(token, #"{"secret":"42"}"#) }
    }

    /// A JWKS: the key whose `kid` matches is used alone; keys naming another `alg` are skipped.
    @Test func keySetSelection() throws {
        let token = try Self.sign(#"{"alg":"ES256","kid":"good"}"#, "{}", CryptoFixtures.ecJWK)
        func set(_ keys: String...) -> Value { .str(#"{"keys":[\#(keys.joined(separator: ","))]}"#) }
        let good = CryptoFixtures.ecPublicJWK.dropLast() + #","kid":"good"}"#
        let other = CryptoFixtures.rsaPublicJWK.dropLast() + #","kid":"other"}"#
        let wrongAlg = CryptoFixtures.ecPublicJWK.dropLast() + #","alg":"ES384"}"#
        #expect(try call("io.jwt.verify_es256", .str(token), set(String(other), String(good))) == .true)
        #expect(try call("io.jwt.verify_es256", .str(token), set(String(other))) == .false)
        #expect(try call("io.jwt.verify_es256", .str(token), set(String(wrongAlg))) == .false)
        #expect(try call("io.jwt.verify_es256", .str(token), set(CryptoFixtures.ecPublicJWK)) == .true)
    }

    /// Hostile tokens end in errors or `false`, never in a crash or unbounded work.
    @Test func hostileTokens() throws {
        let huge = String(repeating: "a", count: JWTToken.maximumLength) + ".e30.e30"
        #expect(throws: BuiltinError.builtin("encoded JWT is too large")) { try call("io.jwt.decode", .str(huge)) }
        // A nested token whose inner token is itself: rejected once the nesting limit is reached.
        var nested = "e30.e30.e30"
        for _ in 0..<20 {
            nested = Base64.rawURL.encode(Array(#"{"cty":"JWT","alg":"HS256"}"#.utf8)) + "." + Base64.rawURL.encode(Array(nested.utf8)) + ".e30"
        }
        #expect(throws: BuiltinError.builtin("JWT nesting is too deep")) { try call("io.jwt.decode", .str(nested)) }
        // Oversized or truncated signatures are simply invalid.
        let header = Base64.rawURL.encode(Array(#"{"alg":"ES512"}"#.utf8))
        let longSignature = Base64.rawURL.encode([UInt8](repeating: 0xFF, count: 4096))
        #expect(try call("io.jwt.verify_es256", .str("\(header).e30.\(longSignature)"), .str(CryptoFixtures.ecPublicJWK)) == .false)
        #expect(try call("io.jwt.verify_rs256", .str("\(header).e30.\(longSignature)"), .str(CryptoFixtures.rsaPublicJWK)) == .false)
        #expect(try call("io.jwt.verify_eddsa", .str("\(header).e30."), .str(CryptoFixtures.edPublicJWK)) == .false)
        // A JWK whose RSA exponent is enormous is refused rather than used.
        let bigExponent = #"{"kty":"RSA","n":"AQAB","e":"\#(Base64.rawURL.encode([UInt8](repeating: 0xFF, count: 512)))"}"#
        #expect(throws: BuiltinError.self) { try call("io.jwt.verify_rs256", .str(Self.simple), .str(bigExponent)) }
    }
}
