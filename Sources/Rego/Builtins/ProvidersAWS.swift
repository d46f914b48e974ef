extension Builtins {
    /// The `providers.aws` family: `providers.aws.sign_req(request, aws_config, time_ns)` signs an
    /// `http.send` request object with AWS Signature Version 4 and returns it with the signed headers.
    /// Only computation: Airlock policies never send the request themselves.
    static let providersAWS: [Builtin] = [
        Builtin("providers.aws.sign_req", arity: 3) { args, _ throws(BuiltinError) in
            let request = try AWSSignRequest(args)
            return .object(request.signed())
        }
    ]
}

/// The operands of `providers.aws.sign_req`, checked in OPA's order and with OPA's messages (which
/// name operand 1 for the second and third operands' kinds, and operand 0 for bad headers: kept
/// because policies' tests compare the texts).
struct AWSSignRequest {
    static let requiredConfigKeys = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"]
    static let requiredRequestKeys = ["method", "url"]
    /// The request keys `http.send` accepts; `sign_req` refuses others as `http.send` would.
    static let allowedRequestKeys: Set<String> = [
        "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode", "headers",
        "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable",
        "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key",
        "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name",
        "timeout", "cache", "force_cache", "force_cache_duration_seconds", "raise_error", "caching_mode",
        "max_retry_attempts", "cache_ignored_headers",
    ]

    let request: RegoObject
    let headers: [(name: String, value: String)]
    let method: String
    let url: GoURL
    let body: [UInt8]
    let credentials: AWSCredentials
    let service: String
    let timeNanos: Int
    let disablePayloadSigning: Bool

    init(_ args: [Value]) throws(BuiltinError) {
        request = try args.object(1)
        guard case .object(let config) = args[1] else { throw .operand(1, mustBe: "object", got: args[1]) }
        try AWSSignRequest.validate(config: config)
        service = config["aws_service"]?.stringValue ?? ""
        credentials = AWSCredentials(config)

        guard case .number(let time) = args[2] else { throw .operand(1, mustBe: "number", got: args[2]) }
        guard let nanos = time.intValue else {
            throw BuiltinError(.type, "operand 3 could not convert time_ns value into a unix timestamp")
        }
        timeNanos = nanos

        try AWSSignRequest.validate(request: request)
        var headers: [(String, String)] = []
        if let given = request["headers"] {
            guard case .object(let object) = given else { throw .operand(0, mustBe: "object", got: given) }
            // OPA reads names and values as strings, using "" for anything else.
            headers = object.map { ($0.key.stringValue ?? "", $0.value.stringValue ?? "") }
        }
        self.headers = headers

        let given = request
        let invalid = ["method", "url"].filter { given[$0]?.stringValue == nil }
        if !invalid.isEmpty {
            throw BuiltinError(
                .type, "operand 1 invalid values for required request parameters(s): \(AWSSignRequest.setText(invalid))")
        }
        method = request["method"]?.stringValue ?? ""
        url = try GoURL.parse(request["url"]?.stringValue ?? "")

        if let raw = request["raw_body"] {
            body = Array((raw.stringValue ?? "").utf8)
        } else if let value = request["body"] {
            body = Array(value.jsonText().utf8)
        } else {
            body = []
        }

        switch config["disable_payload_signing"] {
        case nil: disablePayloadSigning = false
        case .bool(let b)?: disablePayloadSigning = b
        default: throw BuiltinError(.type, "operand 2 invalid value for 'disable_payload_signing' in AWS config")
        }
    }

    private static func validate(config: RegoObject) throws(BuiltinError) {
        let missing = requiredConfigKeys.filter { config[$0] == nil }
        if !missing.isEmpty {
            throw BuiltinError(.type, "operand 2 missing required AWS config parameters(s): \(setText(missing))")
        }
        let invalid = requiredConfigKeys.filter { config[$0]?.stringValue == nil }
        if !invalid.isEmpty {
            throw BuiltinError(.type, "operand 2 invalid values for required AWS config parameters(s): \(setText(invalid))")
        }
    }

    private static func validate(request: RegoObject) throws(BuiltinError) {
        let invalid = request.keys.filter { key in
            guard case .string(let name) = key else { return true }
            return !allowedRequestKeys.contains(name)
        }
        if !invalid.isEmpty {
            throw BuiltinError(.type, "operand 1 invalid request parameters(s): \(Value.set(RegoSet(invalid)))")
        }
        let missing = requiredRequestKeys.filter { request[$0] == nil }
        if !missing.isEmpty {
            throw BuiltinError(.type, "operand 1 missing required request parameters(s): \(setText(missing))")
        }
    }

    /// A set of names as OPA prints one in messages: `{"a", "b"}`, sorted.
    private static func setText(_ names: [String]) -> String {
        Value.set(RegoSet(names.map(Value.string))).description
    }

    /// The request with its headers replaced by the given ones plus `Authorization` and the AWS
    /// headers (`host`, `x-amz-date`, and for S3/Glacier `x-amz-content-sha256`, and
    /// `x-amz-security-token` with a session token).
    func signed() -> RegoObject {
        let signature = AWSSigV4(
            headers: headers, method: method, url: url, body: body, service: service,
            credentials: credentials, timeNanos: timeNanos, disablePayloadSigning: disablePayloadSigning)
        var out = RegoObject()
        for (name, value) in headers { out.insert(.string(value), forKey: .string(name)) }
        out.insert(.string(signature.authorization), forKey: .string("Authorization"))
        for (name, value) in signature.awsHeaders { out.insert(.string(value), forKey: .string(name)) }
        return request.inserting(.object(out), forKey: .string("headers"))
    }
}

struct AWSCredentials {
    var accessKey: String
    var secretKey: String
    var region: String
    var sessionToken: String

    init(_ config: RegoObject) {
        accessKey = config["aws_access_key"]?.stringValue ?? ""
        secretKey = config["aws_secret_access_key"]?.stringValue ?? ""
        region = config["aws_region"]?.stringValue ?? ""
        sessionToken = config["aws_session_token"]?.stringValue ?? ""
    }
}
