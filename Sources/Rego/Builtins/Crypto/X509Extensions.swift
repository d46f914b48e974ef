/// The certificate extensions Go's x509 package decodes into fields of its own.
struct X509ExtensionFields: Sendable {
    var keyUsage = 0
    var extKeyUsage: [Int] = []
    var unknownExtKeyUsage: [[Int]] = []
    var basicConstraintsValid = false
    var isCA = false
    var maxPathLen = 0
    var subjectKeyId: [UInt8]?
    var authorityKeyId: [UInt8]?
    var ocspServer: [String] = []
    var issuingCertificateURL: [String] = []
    var dnsNames: [String] = []
    var emailAddresses: [String] = []
    var ipAddresses: [String] = []
    var uris: [String] = []
    var crlDistributionPoints: [String] = []
    var policyIdentifiers: [[Int]] = []
    var unhandledCritical: [[Int]] = []

    mutating func read(_ extensions: [X509Extension]) throws(CryptoError) {
        for ext in extensions {
            var handled = true
            switch ext.id {
            case [2, 5, 29, 15]: try readKeyUsage(ext.value)
            case [2, 5, 29, 37]: try readExtKeyUsage(ext.value)
            case [2, 5, 29, 19]: try readBasicConstraints(ext.value)
            case [2, 5, 29, 14]:
                var reader = DERReader(ext.value)
                subjectKeyId = Array(try reader.next(DERElement.octetString, "subject key identifier").content)
            case [2, 5, 29, 35]:
                var reader = DERReader(ext.value)
                var fields = try reader.next(DERElement.sequence, "authority key identifier").children()
                if let id = try fields.optional(0x80) { authorityKeyId = Array(id.content) }
            case [2, 5, 29, 17]: try readSubjectAltNames(ext.value)
            case [1, 3, 6, 1, 5, 5, 7, 1, 1]: try readAuthorityInfoAccess(ext.value)
            case [2, 5, 29, 31]: try readCRLDistributionPoints(ext.value)
            case [2, 5, 29, 32]: try readPolicies(ext.value)
            default: handled = false
            }
            if ext.critical && !handled { unhandledCritical.append(ext.id) }
        }
    }

    private mutating func readKeyUsage(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        let (bytes, _) = try reader.next().bitString("key usage")
        for i in 0..<9 {
            let byteIndex = i / 8
            guard byteIndex < bytes.count else { break }
            if bytes[bytes.startIndex + byteIndex] >> (7 - UInt8(i % 8)) & 1 == 1 { keyUsage |= 1 << i }
        }
    }

    private static let extKeyUsages: [[Int]: Int] = [
        [2, 5, 29, 37, 0]: 0,
        [1, 3, 6, 1, 5, 5, 7, 3, 1]: 1, [1, 3, 6, 1, 5, 5, 7, 3, 2]: 2, [1, 3, 6, 1, 5, 5, 7, 3, 3]: 3,
        [1, 3, 6, 1, 5, 5, 7, 3, 4]: 4, [1, 3, 6, 1, 5, 5, 7, 3, 5]: 5, [1, 3, 6, 1, 5, 5, 7, 3, 6]: 6,
        [1, 3, 6, 1, 5, 5, 7, 3, 7]: 7, [1, 3, 6, 1, 5, 5, 7, 3, 8]: 8, [1, 3, 6, 1, 5, 5, 7, 3, 9]: 9,
        [1, 3, 6, 1, 4, 1, 311, 10, 3, 3]: 10, [2, 16, 840, 1, 113730, 4, 1]: 11,
        [1, 3, 6, 1, 4, 1, 311, 2, 1, 22]: 12, [1, 3, 6, 1, 4, 1, 311, 61, 1, 1]: 13,
    ]

    private mutating func readExtKeyUsage(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var list = try reader.next(DERElement.sequence, "extended key usage").children()
        while !list.isAtEnd {
            let oid = try list.next().objectIdentifier("extended key usage")
            if let known = X509ExtensionFields.extKeyUsages[oid] { extKeyUsage.append(known) } else { unknownExtKeyUsage.append(oid) }
        }
    }

    private mutating func readBasicConstraints(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var fields = try reader.next(DERElement.sequence, "basic constraints").children()
        basicConstraintsValid = true
        if let flag = try fields.optional(DERElement.boolean) { isCA = flag.content.first.map { $0 != 0 } ?? false }
        maxPathLen = -1
        if let length = try fields.optional(DERElement.integer) { maxPathLen = try length.smallInteger("path length") }
    }

    /// GeneralNames: `[1]` email, `[2]` DNS name, `[6]` URI, `[7]` IP address.
    private mutating func readSubjectAltNames(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var names = try reader.next(DERElement.sequence, "subject alternative names").children()
        while !names.isAtEnd {
            let name = try names.next()
            switch name.tag {
            case 0x81: emailAddresses.append(name.utf8Text)
            case 0x82: dnsNames.append(name.utf8Text)
            case 0x86: uris.append(name.utf8Text)
            case 0x87:
                guard let ip = X509ExtensionFields.ipText(name.content) else { throw CryptoError("x509: cannot parse IP address of length \(name.content.count)") }
                ipAddresses.append(ip)
            default: break
            }
        }
    }

    private mutating func readAuthorityInfoAccess(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var list = try reader.next(DERElement.sequence, "authority info access").children()
        while !list.isAtEnd {
            var description = try list.next(DERElement.sequence, "access description").children()
            let method = try description.next().objectIdentifier("access method")
            let location = try description.next()
            guard location.tag == 0x86 else { continue }
            if method == [1, 3, 6, 1, 5, 5, 7, 48, 1] { ocspServer.append(location.utf8Text) }
            if method == [1, 3, 6, 1, 5, 5, 7, 48, 2] { issuingCertificateURL.append(location.utf8Text) }
        }
    }

    private mutating func readCRLDistributionPoints(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var points = try reader.next(DERElement.sequence, "CRL distribution points").children()
        while !points.isAtEnd {
            var point = try points.next(DERElement.sequence, "distribution point").children()
            guard let name = try point.optional(0xA0) else { continue }
            var nameFields = try name.children()
            guard let fullName = try nameFields.optional(0xA0) else { continue }
            var generalNames = try fullName.children()
            while !generalNames.isAtEnd {
                let general = try generalNames.next()
                if general.tag == 0x86 { crlDistributionPoints.append(general.utf8Text) }
            }
        }
    }

    private mutating func readPolicies(_ value: ArraySlice<UInt8>) throws(CryptoError) {
        var reader = DERReader(value)
        var list = try reader.next(DERElement.sequence, "certificate policies").children()
        while !list.isAtEnd {
            var information = try list.next(DERElement.sequence, "policy information").children()
            policyIdentifiers.append(try information.next().objectIdentifier("policy"))
        }
    }

    /// Go's `net.IP.String()` for 4- and 16-byte addresses.
    static func ipText(_ bytes: ArraySlice<UInt8>) -> String? {
        let b = Array(bytes)
        if b.count == 4 { return b.map(String.init).joined(separator: ".") }
        guard b.count == 16 else { return nil }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
            return b[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = (0..<8).map { Int(b[2 * $0]) << 8 | Int(b[2 * $0 + 1]) }
        // The longest run of two or more zero groups becomes "::" (first one on ties).
        var bestStart = -1, bestLength = 0, i = 0
        while i < 8 {
            guard groups[i] == 0 else { i += 1; continue }
            var j = i
            while j < 8 && groups[j] == 0 { j += 1 }
            if j - i > bestLength && j - i >= 2 { (bestStart, bestLength) = (i, j - i) }
            i = j
        }
        var text = ""
        i = 0
        while i < 8 {
            if i == bestStart {
                text += "::"
                i += bestLength
                continue
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            text += String(groups[i], radix: 16)
            i += 1
        }
        return text
    }
}
