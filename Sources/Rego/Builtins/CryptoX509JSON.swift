/// Certificates, requests and keys in the JSON shape OPA returns: Go's `encoding/json` view of
/// `x509.Certificate`, `x509.CertificateRequest`, `tls.Certificate` and the private key types
/// (byte slices as standard base64, big integers as numbers, absent slices as null).
enum X509JSON {
    static func bytes<B: Collection>(_ b: B?) -> Value where B.Element == UInt8 {
        guard let b else { return .null }
        return .string(Base64.standard.encode(b))
    }

    static func strings(_ list: [String]) -> Value { list.isEmpty ? .null : .array(list.map(Value.string)) }

    static func oid(_ arcs: [Int]) -> Value { .array(arcs.map(Value.int)) }

    /// A big integer as a JSON number (exact while it fits in 64 bits, as OPA's numbers print).
    static func number(_ n: Bignum, negative: Bool = false) -> Value {
        if let small = n.uint64Value, small <= UInt64(Int.max) { return .int(negative ? -Int(small) : Int(small)) }
        let text = (negative ? "-" : "") + decimal(n)
        return Number(literal: text).map(Value.number) ?? .null
    }

    static func decimal(_ n: Bignum) -> String {
        guard !n.isZero else { return "0" }
        var chunks: [UInt64] = []
        var rest = n
        let base = Bignum(1_000_000_000_000_000_000)
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: base)
            chunks.append(r.uint64Value!)
            rest = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 18 - digits.count) + digits
        }
        return text
    }

    static func name(_ n: X509Name) -> Value {
        func list(_ arc: Int) -> Value { strings(n.values([2, 5, 4, arc])) }
        let names: Value = n.attributes.isEmpty ? .null : .array(n.attributes.map { attribute in
            .object(RegoObject([("Type", oid(attribute.type)), ("Value", attribute.value)]))
        })
        return .object(RegoObject([
            ("Country", list(6)), ("Organization", list(10)), ("OrganizationalUnit", list(11)),
            ("Locality", list(7)), ("Province", list(8)), ("StreetAddress", list(9)), ("PostalCode", list(17)),
            ("SerialNumber", .string(n.values([2, 5, 4, 5]).last ?? "")), ("CommonName", .string(n.commonName)),
            ("Names", names), ("ExtraNames", .null),
        ]))
    }

    static func publicKey(_ key: PublicKey?) -> Value {
        switch key {
        case .rsa(let k)?: .object(RegoObject([("N", number(k.n)), ("E", number(k.e))]))
        case .ecdsa(let k)?: .object(RegoObject([("Curve", .emptyObject), ("X", number(k.x)), ("Y", number(k.y))]))
        case .ed25519(let k)?: bytes(k)
        case nil: .null
        }
    }

    static func privateKey(_ key: PrivateKey) -> Value {
        switch key {
        case .rsa(let k):
            var precomputed: [(String, Value)] = [("CRTValues", .emptyArray)]
            if let crt = k.crtValues {
                precomputed += [("Dp", number(crt.dp)), ("Dq", number(crt.dq)), ("Qinv", number(crt.qi))]
            }
            return .object(RegoObject([
                ("N", number(k.publicKey.n)), ("E", number(k.publicKey.e)), ("D", number(k.d)),
                ("Primes", .array(k.primes.map { number($0) })), ("Precomputed", .object(RegoObject(precomputed))),
            ]))
        case .ecdsa(let k):
            return .object(RegoObject([
                ("Curve", .emptyObject), ("X", number(k.publicKey.x)), ("Y", number(k.publicKey.y)), ("D", number(k.d)),
            ]))
        case .ed25519(let seed):
            return bytes(seed + Ed25519.publicKey(seed: seed))
        }
    }

    static func extensions(_ list: [X509Extension]) -> Value {
        list.isEmpty ? .null : .array(list.map { ext in
            .object(RegoObject([("Id", oid(ext.id)), ("Critical", .bool(ext.critical)), ("Value", bytes(ext.value))]))
        })
    }

    /// Go's `url.URL` for a URI name, parsed just enough for its main fields.
    static func url(_ text: String) -> Value {
        var scheme = "", rest = Substring(text), host = "", fragment = "", query = "", opaque = ""
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            scheme = String(rest[..<colon]).lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = String(rest[..<slash])
            rest = rest[slash...]
        } else if !scheme.isEmpty && !rest.hasPrefix("/") {
            opaque = String(rest)
            rest = ""
        }
        return .object(RegoObject([
            ("Scheme", .string(scheme)), ("Opaque", .string(opaque)), ("User", .null), ("Host", .string(host)),
            ("Path", .string(String(rest))), ("RawPath", .string("")), ("OmitHost", .false), ("ForceQuery", .false),
            ("RawQuery", .string(query)), ("Fragment", .string(fragment)), ("RawFragment", .string("")),
        ]))
    }

    static func certificate(_ c: X509Certificate) -> Value {
        let f = c.fields
        let uris: Value = f.uris.isEmpty ? .null : .array(f.uris.map(url))
        return .object(RegoObject([
            ("Raw", bytes(c.raw)), ("RawTBSCertificate", bytes(c.rawTBS)),
            ("RawSubjectPublicKeyInfo", bytes(c.rawSubjectPublicKeyInfo)),
            ("RawSubject", bytes(c.rawSubject)), ("RawIssuer", bytes(c.rawIssuer)),
            ("Signature", bytes(c.signature)), ("SignatureAlgorithm", .int(c.signatureAlgorithm.goValue)),
            ("PublicKeyAlgorithm", .int(c.publicKeyAlgorithm)), ("PublicKey", publicKey(c.publicKey)),
            ("Version", .int(c.version)), ("SerialNumber", number(c.serialNumber, negative: c.serialNegative)),
            ("Issuer", name(c.issuer)), ("Subject", name(c.subject)),
            ("NotBefore", .string(c.notBefore.rfc3339)), ("NotAfter", .string(c.notAfter.rfc3339)),
            ("KeyUsage", .int(f.keyUsage)), ("Extensions", extensions(c.extensions)),
            ("ExtraExtensions", .null),
            ("UnhandledCriticalExtensions", f.unhandledCritical.isEmpty ? .null : .array(f.unhandledCritical.map(oid))),
            ("ExtKeyUsage", f.extKeyUsage.isEmpty ? .null : .array(f.extKeyUsage.map(Value.int))),
            ("UnknownExtKeyUsage", f.unknownExtKeyUsage.isEmpty ? .null : .array(f.unknownExtKeyUsage.map(oid))),
            ("BasicConstraintsValid", .bool(f.basicConstraintsValid)), ("IsCA", .bool(f.isCA)),
            ("MaxPathLen", .int(f.maxPathLen)), ("MaxPathLenZero", .bool(f.basicConstraintsValid && f.maxPathLen == 0)),
            ("SubjectKeyId", bytes(f.subjectKeyId)), ("AuthorityKeyId", bytes(f.authorityKeyId)),
            ("OCSPServer", strings(f.ocspServer)), ("IssuingCertificateURL", strings(f.issuingCertificateURL)),
            ("DNSNames", strings(f.dnsNames)), ("EmailAddresses", strings(f.emailAddresses)),
            ("IPAddresses", strings(f.ipAddresses)), ("URIs", uris), ("URIStrings", strings(f.uris)),
            ("PermittedDNSDomainsCritical", .false), ("PermittedDNSDomains", .null), ("ExcludedDNSDomains", .null),
            ("PermittedIPRanges", .null), ("ExcludedIPRanges", .null), ("PermittedEmailAddresses", .null),
            ("ExcludedEmailAddresses", .null), ("PermittedURIDomains", .null), ("ExcludedURIDomains", .null),
            ("CRLDistributionPoints", strings(f.crlDistributionPoints)),
            ("PolicyIdentifiers", f.policyIdentifiers.isEmpty ? .null : .array(f.policyIdentifiers.map(oid))),
            ("Policies", f.policyIdentifiers.isEmpty ? .null : .array(f.policyIdentifiers.map { .string($0.dotted) })),
            ("InhibitAnyPolicy", .int(0)), ("InhibitAnyPolicyZero", .false),
            ("InhibitPolicyMapping", .int(0)), ("InhibitPolicyMappingZero", .false),
            ("RequireExplicitPolicy", .int(0)), ("RequireExplicitPolicyZero", .false), ("PolicyMappings", .null),
        ]))
    }
}
