import Testing

@testable import Rego

@Suite struct CryptoX509Tests {
    static func nanos(year: Int, month: Int, day: Int) -> Int {
        X509Time.daysFromCivil(year, month, day) * 86400 * 1_000_000_000
    }

    @Test func parsesCertificateFields() throws {
        let result = try #require(try call("crypto.x509.parse_certificates", .str(CryptoFixtures.richCertificate)))
        let certificate = try #require(result.arrayValue?.first?.objectValue)
        #expect(certificate["Version"] == .int(3))
        #expect(certificate["SerialNumber"] == json("85968058272638546416180"))
        #expect(certificate["NotBefore"] == .str("2026-11-24T02:23:50Z"))
        #expect(certificate["NotAfter"] == .str("2036-11-21T02:23:50Z"))
        #expect(certificate["SignatureAlgorithm"] == .int(4))
        #expect(certificate["PublicKeyAlgorithm"] == .int(1))
        #expect(certificate["DNSNames"] == json(#"["rich.example.com","*.rich.example.com"]"#))
        #expect(certificate["IPAddresses"] == json(#"["10.1.2.3","2001:db8::1"]"#))
        #expect(certificate["EmailAddresses"] == json(#"["ops@example.com"]"#))
        #expect(certificate["URIStrings"] == json(#"["spiffe://example.com/agent"]"#))
        #expect(certificate["URIs"]?.arrayValue?.first?["Host"] == .str("example.com"))
        #expect(certificate["KeyUsage"] == .int(5))
        #expect(certificate["ExtKeyUsage"] == json("[1,2]"))
        #expect(certificate["BasicConstraintsValid"] == .true)
        #expect(certificate["IsCA"] == .false)
        let subject = try #require(certificate["Subject"]?.objectValue)
        #expect(subject["CommonName"] == .str("rich.example.com"))
        #expect(subject["Organization"] == json(#"["Airlock Test"]"#))
        #expect(subject["Country"] == json(#"["US"]"#))
        #expect(subject["Locality"] == .null)
        #expect(subject["Names"]?.arrayValue?.count == 4)
        #expect(certificate["PublicKey"]?["E"] == .int(65537))
        // The same certificate as base64 of its PEM, and as base64 of its DER.
        let pemBase64 = Base64.standard.encode(Array(CryptoFixtures.richCertificate.utf8))
        #expect(try call("crypto.x509.parse_certificates", .str(pemBase64)) == result)
        let der = try #require(PEM.decode(CryptoFixtures.richCertificate).block?.bytes)
        #expect(try call("crypto.x509.parse_certificates", .str(Base64.standard.encode(der))) == result)
    }

    static let errorCases: [BuiltinCase] = [
        .init("crypto.x509.parse_certificates", [.str("foobar")], .builtinError("illegal base64 data at input byte 4")),
        .init("crypto.x509.parse_certificates", [.str("YmFkc3RyaW5n")], .builtinError("x509: malformed certificate")),
        .init("crypto.x509.parse_certificates", [.str("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")],
              .builtinError("PEM block type is 'PUBLIC KEY', expected CERTIFICATE")),
        .init("crypto.x509.parse_certificates", [.int(1)], .typeError("operand 1 must be string but got number")),
        .init("crypto.x509.parse_certificate_request", [.str("foobar")], .builtinError("illegal base64")),
        .init("crypto.x509.parse_rsa_private_key", [.str("")], .builtinError("input PEM data was empty")),
        .init("crypto.parse_private_keys", [.str("")], .value(.null)),
        .init("crypto.parse_private_keys", [.str("nope")], .value(.emptyArray)),
        .init("crypto.x509.parse_and_verify_certificates", [.str("nope")], .value(json("[false, []]"))),
        .init("crypto.x509.parse_and_verify_certificates", [.str(CryptoFixtures.richCertificate)], .value(json("[false, []]"))),
    ]

    @Test(arguments: errorCases) func errors(_ c: BuiltinCase) { c.check() }

    @Test func verifiesChainAtTheEvaluationTime() throws {
        let during = Self.nanos(year: 2025, month: 1, day: 1)
        let result = try #require(try call("crypto.x509.parse_and_verify_certificates", .str(CryptoFixtures.chain), now: during))
        #expect(result.arrayValue?.first == .true)
        let names = result.arrayValue?[1].arrayValue?.map { $0["Subject"]?["CommonName"] }
        #expect(names == [.str("notarealsite.opa.localhost"), .str("OPA Test Intermediate CA"), .str("OPA Test Root CA")])
        // Expired, not yet valid, or in the wrong order (the leaf first, taken as the root): not verified.
        for now in [Self.nanos(year: 2040, month: 1, day: 1), Self.nanos(year: 2020, month: 1, day: 1)] {
            #expect(try call("crypto.x509.parse_and_verify_certificates", .str(CryptoFixtures.chain), now: now) == json("[false, []]"))
        }
        let blocks = CryptoFixtures.chain.components(separatedBy: "-----END CERTIFICATE-----\n")
        let reordered = blocks[2] + "\n" + blocks[1] + "-----END CERTIFICATE-----\n" + blocks[0] + "-----END CERTIFICATE-----\n"
        #expect(try call("crypto.x509.parse_and_verify_certificates", .str(reordered), now: during) == json("[false, []]"))
    }

    @Test func verifiesChainWithOptions() throws {
        let during = Self.nanos(year: 2025, month: 1, day: 1)
        func verify(_ options: String) throws -> Value? {
            try call("crypto.x509.parse_and_verify_certificates_with_options", .str(CryptoFixtures.chain), json(options), now: during)
        }
        #expect(try verify(#"{"DNSName":"notarealsite.opa.localhost"}"#)?.arrayValue?.first == .true)
        #expect(try verify(#"{"DNSName":"elsewhere.example.com"}"#) == json("[false, []]"))
        #expect(try verify(#"{"KeyUsages":["KeyUsageClientAuth"]}"#)?.arrayValue?.first == .true)
        #expect(try verify(#"{"KeyUsages":["KeyUsageCodeSigning"]}"#) == json("[false, []]"))
        #expect(try verify(#"{"CurrentTime":\#(Self.nanos(year: 2040, month: 1, day: 1))}"#) == json("[false, []]"))
        #expect(throws: BuiltinError.builtin("invalid key option")) { try verify(#"{"Colour":"red"}"#) }
        #expect(throws: BuiltinError.builtin("invalid entries for 'KeyUsages' found: [Nope]")) { try verify(#"{"KeyUsages":["Nope"]}"#) }
    }

    @Test func parsesCertificateRequest() throws {
        let result = try #require(try call("crypto.x509.parse_certificate_request", .str(CryptoFixtures.certificateRequest)))
        #expect(result["Subject"]?["CommonName"] == .str("csr.example.com"))
        #expect(result["DNSNames"] == json(#"["csr.example.com"]"#))
        #expect(result["PublicKeyAlgorithm"] == .int(1))
        let base64 = Base64.standard.encode(Array(CryptoFixtures.certificateRequest.utf8))
        #expect(try call("crypto.x509.parse_certificate_request", .str(base64)) == result)
    }

    @Test func parsesPrivateKeys() throws {
        #expect(try call("crypto.x509.parse_rsa_private_key", .str(CryptoFixtures.richKey)) == CryptoFixtures.richKeyJWK)
        let all = CryptoFixtures.richKey + "\n" + CryptoFixtures.ecKey + "\n" + CryptoFixtures.edKey
        let keys = try #require(try call("crypto.parse_private_keys", .str(all))?.arrayValue)
        #expect(keys.count == 3)
        #expect(keys[0]["E"] == .int(65537))
        #expect(keys[0]["Primes"]?.arrayValue?.count == 2)
        #expect(keys[1]["Curve"] == .emptyObject)
        #expect(keys[2].stringValue.map { Base64.standard.decode($0) }.flatMap { try? $0.get().count } == 64)
        let ecJWK = try #require(try call("crypto.x509.parse_rsa_private_key", .str(CryptoFixtures.ecKey)))
        #expect(ecJWK == json(CryptoFixtures.ecJWK))
        let edJWK = try #require(try call("crypto.x509.parse_rsa_private_key", .str(CryptoFixtures.edKey)))
        #expect(edJWK == json(CryptoFixtures.edJWK))
    }

    @Test func parsesKeyPair() throws {
        let result = try #require(try call("crypto.x509.parse_keypair", .str(CryptoFixtures.richCertificate), .str(CryptoFixtures.richKey)))
        let der = try #require(PEM.decode(CryptoFixtures.richCertificate).block?.bytes)
        #expect(result["Certificate"] == .array([.str(Base64.standard.encode(der))]))
        #expect(result["Leaf"]?["Subject"]?["CommonName"] == .str("rich.example.com"))
        #expect(throws: BuiltinError.builtin("tls: private key type does not match public key type")) {
            try call("crypto.x509.parse_keypair", .str(CryptoFixtures.richCertificate), .str(CryptoFixtures.ecKey))
        }
        #expect(throws: BuiltinError.builtin("tls: failed to find any PEM data in key input")) {
            try call("crypto.x509.parse_keypair", .str(CryptoFixtures.richCertificate), .str("-----BEGIN X-----\nAAAA\n-----END X-----\n"))
        }
    }

    /// Truncations and bit flips of a real certificate: errors or values, never a crash.
    @Test func survivesCorruptedCertificates() throws {
        let der = try #require(PEM.decode(CryptoFixtures.richCertificate).block?.bytes)
        for cut in stride(from: 0, to: der.count, by: 7) {
            _ = try? X509Certificate.parseAll(Array(der.prefix(cut)))
        }
        for index in stride(from: 0, to: der.count, by: 3) {
            var flipped = der
            flipped[index] ^= 0xA5
            _ = try? X509Certificate.parseAll(flipped)
        }
    }
}

private extension Value {
    /// A member of an object by name (nil for other values).
    subscript(_ name: String) -> Value? { self[.string(name)] }
}
