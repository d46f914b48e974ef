extension Builtins {
    /// The `crypto` family's digests: `crypto.md5/sha1/sha256` and `crypto.hmac.*`, hex-encoded
    /// in lowercase as OPA prints them. (X.509, JWK and RSA helpers are not provided.)
    static let crypto: [Builtin] = [
        digest("crypto.md5", MD5.self),
        digest("crypto.sha1", SHA1.self),
        digest("crypto.sha256", SHA256.self),
        hmac("crypto.hmac.md5", MD5.self),
        hmac("crypto.hmac.sha1", SHA1.self),
        hmac("crypto.hmac.sha256", SHA256.self),
        hmac("crypto.hmac.sha512", SHA512.self),
        // Compares in time independent of where the inputs differ, as Go's hmac.Equal.
        Builtin("crypto.hmac.equal", arity: 2) { args, _ throws(BuiltinError) in
            let (a, b) = (Array(try args.string(1).utf8), Array(try args.string(2).utf8))
            guard a.count == b.count else { return .false }
            var difference: UInt8 = 0
            for i in a.indices { difference |= a[i] ^ b[i] }
            return .bool(difference == 0)
        },
    ]

    private static func digest<D: Digest>(_ name: String, _ algorithm: D.Type) -> Builtin {
        Builtin(name, arity: 1) { args, _ throws(BuiltinError) in
            .string(Hex.encode(D.hash(Array(try args.string(1).utf8))))
        }
    }

    private static func hmac<D: Digest>(_ name: String, _ algorithm: D.Type) -> Builtin {
        Builtin(name, arity: 2) { args, _ throws(BuiltinError) in
            let message = Array(try args.string(1).utf8)
            let key = Array(try args.string(2).utf8)
            return .string(Hex.encode(HMAC.authenticate(message, key: key, with: D.self)))
        }
    }
}
