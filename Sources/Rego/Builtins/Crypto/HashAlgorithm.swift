/// The hash functions that JWS and X.509 signatures name, with what RSA needs of each.
enum HashAlgorithm: Sendable, Equatable {
    case sha1, sha256, sha384, sha512

    func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: SHA1.hash(message)
        case .sha256: SHA256.hash(message)
        case .sha384: SHA384.hash(message)
        case .sha512: SHA512.hash(message)
        }
    }

    func hmac(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: HMAC.authenticate(message, key: key, with: SHA1.self)
        case .sha256: HMAC.authenticate(message, key: key, with: SHA256.self)
        case .sha384: HMAC.authenticate(message, key: key, with: SHA384.self)
        case .sha512: HMAC.authenticate(message, key: key, with: SHA512.self)
        }
    }

    var size: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The DER `DigestInfo` prefix that PKCS #1 v1.5 puts before the digest (RFC 8017, 9.2).
    var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha1: [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14]
        case .sha256:
            [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        case .sha384:
            [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]
        case .sha512:
            [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]
        }
    }
}

/// Byte strings compared in time independent of where they differ (MACs, signatures).
func constantTimeEqual<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
where A.Element == UInt8, B.Element == UInt8 {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}
