/// `io.jwt.decode_verify(token, constraints)`: `[valid, header, payload]`, where valid means the
/// signature verifies with the given key(s) or secret and every claim constraint holds. Malformed
/// tokens and constraints are errors; a token that merely fails a check is `[false, {}, {}]`.
enum JWTDecodeVerify {
    struct Constraints {
        var secret = ""
        var alg = ""
        var iss = ""
        var aud = ""
        var keys: [JWTVerificationKey]?
        /// Nanoseconds since the epoch.
        var time: Double = -1

        init(_ object: RegoObject, now: Int) throws(BuiltinError) {
            for (key, value) in object {
                guard case .string(let name) = key else { throw .builtin("unknown token validation constraint: \(key)") }
                switch name {
                case "cert":
                    guard case .string(let text) = value else { throw .builtin("cert constraint: must be a string") }
                    keys = try JWTVerificationKey.parse(text)
                case "secret", "alg", "iss", "aud":
                    guard case .string(let text) = value else { throw .builtin("\(name) constraint: must be a string") }
                    switch name {
                    case "secret": secret = text
                    case "alg": alg = text
                    case "iss": iss = text
                    default: aud = text
                    }
                case "time":
                    time = try Constraints.time(value)
                default:
                    throw .builtin("unknown token validation constraint: \(name)")
                }
            }
            if time == -1 { time = try Constraints.time(.int(now)) }
            let keyCount = (keys == nil ? 0 : 1) + (secret.isEmpty ? 0 : 1)
            if keyCount > 1 { throw .builtin("duplicate key constraints") }
            if keyCount < 1 { throw .builtin("no key constraint") }
        }

        private static func time(_ value: Value) throws(BuiltinError) -> Double {
            guard case .number(let n) = value else { throw .builtin("token time constraint: must be a number") }
            let t = n.doubleValue
            guard t.isFinite else { throw .builtin("token time constraint: unvalid float64") }
            guard t >= 0 else { throw .builtin("token time constraint: must not be negative") }
            return t
        }

        /// Whether the signature verifies with the trusted key(s) or secret under `alg`.
        func verify(kid: String, alg: String, input: [UInt8], signature: [UInt8]) -> Bool {
            guard let algorithm = JWSAlgorithm(rawValue: alg) else { return false }
            if let keys {
                func check(_ key: JWTVerificationKey) -> Bool {
                    if let publicKey = key.key { return algorithm.verify(input, signature: signature, key: publicKey) }
                    if let secret = key.secret { return algorithm.verify(input, signature: signature, secret: secret) }
                    return false
                }
                if !kid.isEmpty, let key = keys.first(where: { $0.keyID == kid }) { return check(key) }
                return keys.contains { key in (key.algorithm.isEmpty || key.algorithm == alg) && check(key) }
            }
            return algorithm.verify(input, signature: signature, secret: Array(secret.utf8))
        }

        func acceptsAudience(_ value: Value) -> Bool {
            switch value {
            case .string(let s): return s == aud
            case .array(let list): return list.contains { $0 == .string(aud) }
            default: return false
            }
        }
    }

    static let unverified = Value.array([.false, .emptyObject, .emptyObject])

    static func evaluate(_ args: [Value], _ context: BuiltinContext) throws(BuiltinError) -> Value {
        let constraints = try Constraints(try args.object(2), now: context.nowNanos)
        var current = args[0]
        var header = RegoObject()
        var payloadBytes: [UInt8] = []
        for depth in 0... {
            guard depth <= JWTDecoding.maximumNesting else { throw .builtin("JWT nesting is too deep") }
            guard case .string(let text) = current else { throw .operand(1, mustBe: "string", got: current) }
            let token = try JWTToken(text)
            header = try token.decodedHeader()
            let parameters = try JWTHeader(header)
            guard parameters.isValid else { return unverified }
            if !constraints.alg.isEmpty && constraints.alg != parameters.alg { return unverified }
            let signature = try token.decodedSignature()
            guard constraints.verify(kid: parameters.kid, alg: parameters.alg, input: token.signingInput, signature: signature) else {
                return unverified
            }
            payloadBytes = try token.decodedPayloadBytes()
            // A nested token (RFC 7519, 5.2): verify the inner one too, with the same constraints.
            guard parameters.cty.lowercased() == "jwt" else { break }
            current = .string(String(decoding: payloadBytes, as: UTF8.self))
        }
        let payload = try JWTToken.jsonObject(payloadBytes)

        if !constraints.iss.isEmpty {
            guard case .string(let iss) = payload["iss"], iss == constraints.iss else { return unverified }
        }
        if let aud = payload["aud"] {
            guard constraints.acceptsAudience(aud) else { return unverified }
        } else if !constraints.aud.isEmpty {
            return unverified
        }
        let seconds = constraints.time / 1_000_000_000
        if let exp = payload["exp"] {
            guard case .number(let n) = exp else { throw .builtin("exp value must be a number") }
            guard seconds < n.doubleValue else { return unverified }
        }
        if let nbf = payload["nbf"] {
            guard case .number(let n) = nbf else { throw .builtin("nbf value must be a number") }
            guard seconds >= n.doubleValue else { return unverified }
        }
        return .array([.true, .object(header), .object(payload)])
    }
}
