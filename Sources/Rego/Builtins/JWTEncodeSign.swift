/// `io.jwt.encode_sign` and `io.jwt.encode_sign_raw`: a compact JWS over the header and payload
/// bytes exactly as given, signed with the first key of a JWK (set).
enum JWTEncodeSign {
    static func sign(header: [UInt8], payload: [UInt8], key: String) throws(BuiltinError) -> String {
        let keys: [JWK]
        do { keys = try JWK.parseSet(key) } catch { throw .builtin("failed to parse JWK: \(error.message)") }
        guard let first = keys.first else { throw .builtin("no keys found in JWK set") }

        let headerText = String(decoding: header, as: UTF8.self)
        let algorithmName = try headerString(headerText, "alg", required: true)!
        guard let algorithm = JWSAlgorithm(rawValue: algorithmName) else {
            throw .builtin("unknown JWS algorithm: \(algorithmName)")
        }
        let typ = try? headerString(headerText, "typ", required: true)
        if typ == nil || typ == "JWT" {
            guard JSONTextParser.isValid(String(decoding: payload, as: UTF8.self)) else {
                throw .builtin("type is JWT but payload is not JSON")
            }
        }
        let input = Base64.rawURL.encode(header) + "." + Base64.rawURL.encode(payload)
        let signature = try algorithm.sign(Array(input.utf8), with: first.material)
        return input + "." + Base64.rawURL.encode(signature)
    }

    /// A string member of the header, with the messages OPA's JWS library gives.
    private static func headerString(_ text: String, _ name: String, required: Bool) throws(BuiltinError) -> String? {
        let prefix = "missing or invalid '\(name)' header: "
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw .builtin(prefix + "cannot parse JSON: cannot parse empty string")
        }
        guard case .object(let object)? = try? JSONTextParser.parse(text), let value = object[name] else {
            throw .builtin(prefix + "jwsbb: header \"\(name)\" not found")
        }
        guard case .string(let s) = value else { throw .builtin(prefix + "jwsbb: header \"\(name)\" is not a string") }
        return s
    }
}
