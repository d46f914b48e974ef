/// A PKCS #10 certificate signing request (RFC 2986) with the fields of Go's
/// `x509.CertificateRequest`.
struct X509CertificateRequest: Sendable {
    var raw: ArraySlice<UInt8>
    var rawTBS: ArraySlice<UInt8>
    var rawSubjectPublicKeyInfo: ArraySlice<UInt8>
    var rawSubject: ArraySlice<UInt8>
    var version: Int
    var signature: [UInt8]
    var signatureAlgorithm: SignatureAlgorithm
    var publicKeyAlgorithm: Int
    var publicKey: PublicKey?
    var subject: X509Name
    var extensions: [X509Extension]
    var fields = X509ExtensionFields()

    static let extensionRequest = [1, 2, 840, 113549, 1, 9, 14]

    static func parse(_ der: ArraySlice<UInt8>) throws(CryptoError) -> X509CertificateRequest {
        do {
            return try parseStrict(der)
        } catch {
            throw error.message.hasPrefix("x509: ") ? error : CryptoError("x509: malformed certificate request")
        }
    }

    private static func parseStrict(_ der: ArraySlice<UInt8>) throws(CryptoError) -> X509CertificateRequest {
        var outer = DERReader(der)
        let request = try outer.next(DERElement.sequence, "certificate request")
        var top = try request.children()
        let info = try top.next(DERElement.sequence, "certificate request info")
        let algorithm = try top.next(DERElement.sequence, "signature algorithm")
        let (signatureBits, _) = try top.next().bitString("signature")
        var fields = try info.children()
        let version = try fields.next().smallInteger("version")
        let subjectElement = try fields.next(DERElement.sequence, "subject")
        let spki = try fields.next(DERElement.sequence, "public key info")
        var algorithmReader = try spki.children()
        var algorithmFields = try algorithmReader.next(DERElement.sequence, "public key algorithm").children()
        let keyOID = try algorithmFields.next().objectIdentifier("public key algorithm")
        var extensions: [X509Extension] = []
        if let attributes = try fields.optional(0xA0) {
            var list = try attributes.children()
            while !list.isAtEnd {
                var attribute = try list.next(DERElement.sequence, "attribute").children()
                let type = try attribute.next().objectIdentifier("attribute type")
                guard type == extensionRequest else { continue }
                var values = try attribute.next(DERElement.set, "attribute values").children()
                while !values.isAtEnd {
                    extensions += try X509Extension.parseList(try values.next(DERElement.sequence, "extensions"))
                }
            }
        }
        let publicKeyAlgorithm = publicKeyAlgorithmCode(keyOID)
        var result = X509CertificateRequest(
            raw: request.encoded, rawTBS: info.encoded, rawSubjectPublicKeyInfo: spki.encoded,
            rawSubject: subjectElement.encoded, version: version, signature: Array(signatureBits),
            signatureAlgorithm: SignatureAlgorithm(identifier: algorithm), publicKeyAlgorithm: publicKeyAlgorithm,
            publicKey: try KeyDER.publicKey(spki: spki.encoded), subject: try X509Name.parse(subjectElement),
            extensions: extensions)
        try result.fields.read(extensions)
        return result
    }

    var json: Value {
        .object(RegoObject([
            ("Raw", X509JSON.bytes(raw)), ("RawTBSCertificateRequest", X509JSON.bytes(rawTBS)),
            ("RawSubjectPublicKeyInfo", X509JSON.bytes(rawSubjectPublicKeyInfo)), ("RawSubject", X509JSON.bytes(rawSubject)),
            ("Version", .int(version)), ("Signature", X509JSON.bytes(signature)),
            ("SignatureAlgorithm", .int(signatureAlgorithm.goValue)), ("PublicKeyAlgorithm", .int(publicKeyAlgorithm)),
            ("PublicKey", X509JSON.publicKey(publicKey)), ("Subject", X509JSON.name(subject)),
            ("Attributes", .null), ("Extensions", X509JSON.extensions(extensions)), ("ExtraExtensions", .null),
            ("DNSNames", X509JSON.strings(fields.dnsNames)), ("EmailAddresses", X509JSON.strings(fields.emailAddresses)),
            ("IPAddresses", X509JSON.strings(fields.ipAddresses)),
            ("URIs", fields.uris.isEmpty ? .null : .array(fields.uris.map(X509JSON.url))),
        ]))
    }
}
