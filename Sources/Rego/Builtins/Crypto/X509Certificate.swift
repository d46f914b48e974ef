/// An X.509 certificate (RFC 5280) parsed from DER with the fields Go's `x509.Certificate` has,
/// so that OPA's JSON shape can be produced from it and chains can be verified.
struct X509Certificate: Sendable {
    var raw: ArraySlice<UInt8>
    var rawTBS: ArraySlice<UInt8>
    var rawSubjectPublicKeyInfo: ArraySlice<UInt8>
    var rawSubject: ArraySlice<UInt8>
    var rawIssuer: ArraySlice<UInt8>
    var signature: [UInt8]
    var signatureAlgorithm: SignatureAlgorithm
    var publicKeyAlgorithm: Int
    var publicKey: PublicKey?
    var version: Int
    var serialNumber: Bignum
    var serialNegative: Bool
    var issuer: X509Name
    var subject: X509Name
    var notBefore: X509Time
    var notAfter: X509Time
    var extensions: [X509Extension]
    var fields = X509ExtensionFields()

    /// Every certificate in `der` (concatenated DER certificates, as Go's `ParseCertificates`).
    static func parseAll(_ der: [UInt8]) throws(CryptoError) -> [X509Certificate] {
        var reader = DERReader(der)
        var certificates: [X509Certificate] = []
        while !reader.isAtEnd {
            let element: DERElement
            do { element = try reader.next() } catch { throw CryptoError("x509: malformed certificate") }
            certificates.append(try parse(element.encoded))
        }
        return certificates
    }

    static func parse(_ der: ArraySlice<UInt8>) throws(CryptoError) -> X509Certificate {
        do {
            return try parseStrict(der)
        } catch {
            throw error.message.hasPrefix("x509: ") ? error : CryptoError("x509: malformed certificate")
        }
    }

    private static func parseStrict(_ der: ArraySlice<UInt8>) throws(CryptoError) -> X509Certificate {
        var outer = DERReader(der)
        let certificate = try outer.next(DERElement.sequence, "certificate")
        try outer.expectEnd("certificate")
        var top = try certificate.children()
        let tbs = try top.next(DERElement.sequence, "tbs certificate")
        let outerAlgorithm = try top.next(DERElement.sequence, "signature algorithm")
        let (signatureBits, _) = try top.next().bitString("signature")

        var fields = try tbs.children()
        var version = 0
        if let explicitVersion = try fields.optional(0xA0) {
            var inner = try explicitVersion.children()
            version = try inner.next().smallInteger("version")
            guard (0...2).contains(version) else { throw CryptoError("x509: malformed version") }
        }
        let serialElement = try fields.next(DERElement.integer, "serial number")
        guard !serialElement.content.isEmpty else { throw CryptoError("x509: malformed serial number") }
        let serialNegative = serialElement.content.first! & 0x80 != 0
        let serial = Bignum(bytes: serialElement.content)
        let innerAlgorithm = try fields.next(DERElement.sequence, "signature algorithm")
        guard innerAlgorithm.content.elementsEqual(outerAlgorithm.content) else {
            throw CryptoError("x509: inner and outer signature algorithm identifiers don't match")
        }
        let issuerElement = try fields.next(DERElement.sequence, "issuer")
        var validity = try fields.next(DERElement.sequence, "validity").children()
        let notBefore = try X509Time.parse(try validity.next())
        let notAfter = try X509Time.parse(try validity.next())
        let subjectElement = try fields.next(DERElement.sequence, "subject")
        let spki = try fields.next(DERElement.sequence, "public key info")
        var algorithmReader = try spki.children()
        var algorithmFields = try algorithmReader.next(DERElement.sequence, "public key algorithm").children()
        let keyOID = try algorithmFields.next().objectIdentifier("public key algorithm")
        _ = try fields.optional(0x81)
        _ = try fields.optional(0x82)
        var extensions: [X509Extension] = []
        if let explicitExtensions = try fields.optional(0xA3) {
            guard version == 2 else { throw CryptoError("x509: malformed extensions") }
            var inner = try explicitExtensions.children()
            extensions = try X509Extension.parseList(try inner.next(DERElement.sequence, "extensions"))
        }
        let publicKeyAlgorithm = publicKeyAlgorithmCode(keyOID)
        var result = X509Certificate(
            raw: certificate.encoded, rawTBS: tbs.encoded, rawSubjectPublicKeyInfo: spki.encoded,
            rawSubject: subjectElement.encoded, rawIssuer: issuerElement.encoded,
            signature: Array(signatureBits),
            signatureAlgorithm: SignatureAlgorithm(identifier: outerAlgorithm),
            publicKeyAlgorithm: publicKeyAlgorithm,
            publicKey: try KeyDER.publicKey(spki: spki.encoded),
            version: version + 1, serialNumber: serial, serialNegative: serialNegative,
            issuer: try X509Name.parse(issuerElement), subject: try X509Name.parse(subjectElement),
            notBefore: notBefore, notAfter: notAfter, extensions: extensions)
        try result.fields.read(extensions)
        return result
    }

    /// Whether `issuer`'s key made this certificate's signature.
    func isSigned(by issuer: X509Certificate) -> Bool {
        guard let key = issuer.publicKey else { return false }
        return signatureAlgorithm.verify(message: Array(rawTBS), signature: signature, key: key)
    }
}

/// The signature algorithms Go knows, with its enumeration numbers (`x509.SignatureAlgorithm`).
struct SignatureAlgorithm: Sendable, Equatable {
    enum Scheme: Sendable, Equatable { case pkcs1v15, pss, ecdsa, ed25519, unsupported }

    let goValue: Int
    let scheme: Scheme
    let hash: HashAlgorithm?

    init(goValue: Int, scheme: Scheme, hash: HashAlgorithm?) {
        self.goValue = goValue
        self.scheme = scheme
        self.hash = hash
    }

    init(identifier: DERElement) {
        var fields = (try? identifier.children()) ?? DERReader([])
        guard let oid = try? fields.next().objectIdentifier("algorithm") else {
            self.init(goValue: 0, scheme: .unsupported, hash: nil)
            return
        }
        switch oid {
        case [1, 2, 840, 113549, 1, 1, 2]: self.init(goValue: 1, scheme: .unsupported, hash: nil)
        case [1, 2, 840, 113549, 1, 1, 4]: self.init(goValue: 2, scheme: .unsupported, hash: nil)
        // SHA-1 signatures are refused by Go's verifier; only the number is reported.
        case [1, 2, 840, 113549, 1, 1, 5]: self.init(goValue: 3, scheme: .unsupported, hash: .sha1)
        case [1, 2, 840, 113549, 1, 1, 11]: self.init(goValue: 4, scheme: .pkcs1v15, hash: .sha256)
        case [1, 2, 840, 113549, 1, 1, 12]: self.init(goValue: 5, scheme: .pkcs1v15, hash: .sha384)
        case [1, 2, 840, 113549, 1, 1, 13]: self.init(goValue: 6, scheme: .pkcs1v15, hash: .sha512)
        case [1, 2, 840, 10040, 4, 3]: self.init(goValue: 7, scheme: .unsupported, hash: nil)
        case [2, 16, 840, 1, 101, 3, 4, 3, 2]: self.init(goValue: 8, scheme: .unsupported, hash: nil)
        case [1, 2, 840, 10045, 4, 1]: self.init(goValue: 9, scheme: .unsupported, hash: .sha1)
        case [1, 2, 840, 10045, 4, 3, 2]: self.init(goValue: 10, scheme: .ecdsa, hash: .sha256)
        case [1, 2, 840, 10045, 4, 3, 3]: self.init(goValue: 11, scheme: .ecdsa, hash: .sha384)
        case [1, 2, 840, 10045, 4, 3, 4]: self.init(goValue: 12, scheme: .ecdsa, hash: .sha512)
        case [1, 2, 840, 113549, 1, 1, 10]:
            let hash = SignatureAlgorithm.pssHash(&fields)
            let value = switch hash {
            case .sha256: 13
            case .sha384: 14
            case .sha512: 15
            default: 0
            }
            self.init(goValue: value, scheme: value == 0 ? .unsupported : .pss, hash: hash)
        case OID.ed25519: self.init(goValue: 16, scheme: .ed25519, hash: nil)
        default: self.init(goValue: 0, scheme: .unsupported, hash: nil)
        }
    }

    /// The hash of RSASSA-PSS parameters (RFC 4055): `[0] AlgorithmIdentifier` of the hash.
    private static func pssHash(_ fields: inout DERReader) -> HashAlgorithm? {
        guard let parameters = try? fields.next(), var list = try? parameters.children(),
              let hashField = try? list.optional(0xA0), var hashReader = try? hashField.children(),
              let hashIdentifier = try? hashReader.next(), var hashFields = try? hashIdentifier.children(),
              let oid = try? hashFields.next().objectIdentifier("hash")
        else { return nil }
        switch oid {
        case [2, 16, 840, 1, 101, 3, 4, 2, 1]: return .sha256
        case [2, 16, 840, 1, 101, 3, 4, 2, 2]: return .sha384
        case [2, 16, 840, 1, 101, 3, 4, 2, 3]: return .sha512
        default: return nil
        }
    }

    func verify(message: [UInt8], signature: [UInt8], key: PublicKey) -> Bool {
        switch (scheme, key) {
        case (.pkcs1v15, .rsa(let k)):
            guard let hash else { return false }
            return k.verifyPKCS1v15(digest: hash.hash(message), signature: signature, hash: hash)
        case (.pss, .rsa(let k)):
            guard let hash else { return false }
            return k.verifyPSS(digest: hash.hash(message), signature: signature, hash: hash)
        case (.ecdsa, .ecdsa(let k)):
            guard let hash else { return false }
            var outer = DERReader(signature)
            guard let sequence = try? outer.next(DERElement.sequence, "signature"), outer.isAtEnd,
                  var parts = try? sequence.children(),
                  let r = try? parts.next().unsignedInteger("r"), let s = try? parts.next().unsignedInteger("s"),
                  parts.isAtEnd
            else { return false }
            return k.verify(digest: hash.hash(message), r: r, s: s)
        case (.ed25519, .ed25519(let k)):
            return Ed25519.verify(publicKey: k, message: message, signature: signature)
        default:
            return false
        }
    }
}

/// A distinguished name: Go's `pkix.Name` fields plus every attribute in order (`Names`).
struct X509Name: Sendable {
    var attributes: [(type: [Int], value: Value)] = []

    static func parse(_ element: DERElement) throws(CryptoError) -> X509Name {
        var name = X509Name()
        var rdns = try element.children()
        while !rdns.isAtEnd {
            var set = try rdns.next(DERElement.set, "name").children()
            while !set.isAtEnd {
                var pair = try set.next(DERElement.sequence, "name attribute").children()
                let type = try pair.next().objectIdentifier("attribute type")
                let value = try pair.next()
                name.attributes.append((type, X509Name.text(value)))
            }
        }
        return name
    }

    /// String-typed attribute values as text; anything else as its base64 DER (rare in practice).
    static func text(_ element: DERElement) -> Value {
        switch element.tag {
        case DERElement.bmpString:
            var units: [UInt16] = []
            var i = element.content.startIndex
            while i + 1 < element.content.endIndex {
                units.append(UInt16(element.content[i]) << 8 | UInt16(element.content[i + 1]))
                i += 2
            }
            return .string(String(decoding: units, as: UTF16.self))
        case DERElement.utf8String, DERElement.printableString, DERElement.t61String, DERElement.ia5String,
             DERElement.numericString, DERElement.universalString:
            return .string(element.utf8Text)
        default:
            return .string(Base64.standard.encode(element.encoded))
        }
    }

    func values(_ oid: [Int]) -> [String] {
        attributes.compactMap { attribute in
            guard attribute.type == oid, case .string(let s) = attribute.value else { return nil }
            return s
        }
    }

    var commonName: String { values([2, 5, 4, 3]).last ?? "" }
}

/// A UTCTime or GeneralizedTime instant, kept as Unix seconds.
struct X509Time: Sendable, Equatable {
    let seconds: Int

    static func parse(_ element: DERElement) throws(CryptoError) -> X509Time {
        let text = Array(element.content)
        let yearDigits: Int
        switch element.tag {
        case DERElement.utcTime: yearDigits = 2
        case DERElement.generalizedTime: yearDigits = 4
        default: throw CryptoError("x509: malformed validity")
        }
        guard text.count == yearDigits + 11, text.last == UInt8(ascii: "Z"),
              text.dropLast().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { throw CryptoError("x509: malformed validity") }
        func number(_ start: Int, _ count: Int) -> Int {
            text[start..<start + count].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        var year = number(0, yearDigits)
        if yearDigits == 2 { year += year < 50 ? 2000 : 1900 }
        let o = yearDigits
        let (month, day, hour, minute, second) = (number(o, 2), number(o + 2, 2), number(o + 4, 2), number(o + 6, 2), number(o + 8, 2))
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            throw CryptoError("x509: malformed validity")
        }
        return X509Time(seconds: X509Time.daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second)
    }

    init(seconds: Int) { self.seconds = seconds }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// RFC 3339 in UTC, as Go marshals a `time.Time` parsed from a certificate.
    var rfc3339: String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondsOfDay = seconds - days * 86400
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var yearText = String(year)
        while yearText.count < 4 { yearText = "0" + yearText }
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))Z"
    }
}

struct X509Extension: Sendable {
    let id: [Int]
    let critical: Bool
    let value: ArraySlice<UInt8>

    static func parse(_ element: DERElement) throws(CryptoError) -> X509Extension {
        var fields = try element.children()
        let id = try fields.next().objectIdentifier("extension")
        var critical = false
        if let flag = try fields.optional(DERElement.boolean) {
            guard flag.content.count == 1 else { throw CryptoError("x509: malformed extension critical field") }
            critical = flag.content.first! != 0
        }
        let value = try fields.next(DERElement.octetString, "extension value").content
        return X509Extension(id: id, critical: critical, value: value)
    }

    /// `Extensions ::= SEQUENCE OF Extension`, as certificates and certificate requests carry them.
    static func parseList(_ sequence: DERElement) throws(CryptoError) -> [X509Extension] {
        var extensions: [X509Extension] = []
        var list = try sequence.children()
        while !list.isAtEnd {
            extensions.append(try parse(try list.next(DERElement.sequence, "extension")))
        }
        return extensions
    }
}

/// Go's `x509.PublicKeyAlgorithm` number for a SubjectPublicKeyInfo algorithm (0 = unknown).
func publicKeyAlgorithmCode(_ keyOID: [Int]) -> Int {
    switch keyOID {
    case OID.rsaEncryption: 1
    case OID.ecPublicKey: 3
    case OID.ed25519: 4
    default: 0
    }
}
