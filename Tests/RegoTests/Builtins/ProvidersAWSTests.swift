import Testing

@testable import Rego

@Suite struct ProvidersAWSTests {
    static let config = json(#"""
        {"aws_access_key": "MYAWSACCESSKEYGOESHERE", "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE",
         "aws_service": "s3", "aws_region": "us-east-1"}
        """#)
    static let time = Value.int(1_451_311_705_000_000_000)

    static func config(with extra: String) -> Value {
        var object = config.objectValue!
        for (k, v) in json(extra).objectValue! { object.insert(v, forKey: k) }
        return .object(object)
    }

    static func signed(_ headers: String, signature: String, signedHeaders: String, payload: String) -> String {
        """
        {"Authorization": "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,\
        SignedHeaders=\(signedHeaders),Signature=\(signature)",
         "host": "example.com", "x-amz-content-sha256": "\(payload)", "x-amz-date": "20151228T140825Z"\(headers)}
        """
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let bodyHash = "bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07"

    /// OPA's conformance cases (topic providers-aws).
    static let cases: [BuiltinCase] = [
        .init("providers.aws.sign_req",
              [json(#"{"method": "get", "url": "http://example.com", "headers": {"foo": "bar"}}"#), config, time],
              .value(json(#"{"method": "get", "url": "http://example.com", "headers": "#
                  + signed(#", "foo": "bar""#, signature: "8f1dc7c9b9978356a0d0989fd26a95307f4f8a4aa264d8220647b7097d839952",
                           signedHeaders: "foo;host;x-amz-content-sha256;x-amz-date", payload: emptyHash) + "}"))),
        .init("providers.aws.sign_req",
              [json(#"{"method": "get", "url": "http://example.com", "body": {"example": [1, 2, 3, 4]}}"#), config, time],
              .value(json(#"{"method": "get", "url": "http://example.com", "body": {"example": [1, 2, 3, 4]}, "headers": "#
                  + signed("", signature: "5fb06ab1cfd74c8fcb3af95b8cce696708cf6155d971dac10f254d79799c6e88",
                           signedHeaders: "host;x-amz-content-sha256;x-amz-date", payload: bodyHash) + "}"))),
        // raw_body wins over body.
        .init("providers.aws.sign_req",
              [json(#"{"method": "get", "url": "http://example.com", "body": {"example": 1}, "raw_body": "{\"example\": {1, 2, 3, 4}}"}"#),
               config, time],
              .value(json(#"{"method": "get", "url": "http://example.com", "body": {"example": 1}, "raw_body": "{\"example\": {1, 2, 3, 4}}", "headers": "#
                  + signed("", signature: "5bf26e169cb8b02330dba39d53932532438fc856c2f10537689a09ed807c7195",
                           signedHeaders: "host;x-amz-content-sha256;x-amz-date",
                           payload: "22906461e2a98a3e780d0fd260e341bed5e544661e97c5936fc7f3af11aaad8b") + "}"))),
        .init("providers.aws.sign_req",
              [json(#"{"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}}"#),
               config(with: #"{"disable_payload_signing": true}"#), time],
              .value(json(#"{"method": "get", "url": "https://example.com", "headers": "#
                  + signed(#", "foo": "bar""#, signature: "c6e6db654e92172f71e18c714c123711de069ac6fd7df1348e5b28fd05532028",
                           signedHeaders: "foo;host;x-amz-content-sha256;x-amz-date", payload: "UNSIGNED-PAYLOAD") + "}"))),
        // A request header named like an AWS header is signed with the request's value but replaced
        // in the result, as OPA does.
        .init("providers.aws.sign_req",
              [json(#"{"method": "get", "url": "https://example.com", "headers": {"foo": "bar", "x-amz-content-sha256": "existing-value"}, "body": {"example": [1, 2, 3, 4]}}"#),
               config(with: #"{"disable_payload_signing": false}"#), time],
              .value(json(#"{"method": "get", "url": "https://example.com", "body": {"example": [1, 2, 3, 4]}, "headers": "#
                  + signed(#", "foo": "bar""#, signature: "42bcac7fc6d170e09be72fdf38b62e59361265bc59d5f9156f0d6faf889e98ba",
                           signedHeaders: "foo;host;x-amz-content-sha256;x-amz-date", payload: bodyHash) + "}"))),

        // Errors, in OPA's order and words.
        .init("providers.aws.sign_req", [json("{}"), config, time],
              .typeError(#"operand 1 missing required request parameters(s): {"method", "url"}"#)),
        .init("providers.aws.sign_req", [.object(RegoObject([("method", .emptySet), ("url", .emptySet)])), config, time],
              .typeError(#"operand 1 invalid values for required request parameters(s): {"method", "url"}"#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x", "bogus": 1}"#), config, time],
              .typeError(#"operand 1 invalid request parameters(s): {"bogus"}"#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), json(#"{"example": "example"}"#), time],
              .typeError(#"operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"}"#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), config(with: #"{"aws_region": 1}"#), time],
              .typeError(#"operand 2 invalid values for required AWS config parameters(s): {"aws_region"}"#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), config(with: #"{"disable_payload_signing": "false"}"#), time],
              .typeError("operand 2 invalid value for 'disable_payload_signing' in AWS config")),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x", "headers": []}"#), config, time],
              .typeError("operand 0 must be object but got array")),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), config, .double(1.5)],
              .typeError("operand 3 could not convert time_ns value into a unix timestamp")),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), config, .str("now")],
              .typeError("operand 1 must be number but got string")),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x"}"#), .null, time],
              .typeError("operand 1 must be object but got null")),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x:port"}"#), config, time],
              .builtinError(#"parse "http://x:port": invalid port ":port" after host"#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": "http://x/%zz"}"#), config, time],
              .builtinError(#"parse "http://x/%zz": invalid URL escape "%zz""#)),
        .init("providers.aws.sign_req", [json(#"{"method": "get", "url": ":x"}"#), config, time],
              .builtinError(#"parse ":x": missing protocol scheme"#)),
    ]

    @Test(arguments: cases) func signRequest(_ c: BuiltinCase) { c.check() }

    /// The worked example of AWS's Signature Version 4 documentation (IAM ListUsers, 2015-08-30).
    @Test func matchesAWSDocumentationExample() throws {
        let request = json(#"""
            {"method": "GET", "url": "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
             "headers": {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}}
            """#)
        let config = json(#"""
            {"aws_access_key": "AKIDEXAMPLE", "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
             "aws_service": "iam", "aws_region": "us-east-1"}
            """#)
        let result = try #require(try call("providers.aws.sign_req", request, config, .int(1_440_938_160_000_000_000)))
        let headers = try #require(result[.str("headers")]?.objectValue)
        #expect(headers["Authorization"] == .str(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                + "SignedHeaders=content-type;host;x-amz-date,"
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"))
        #expect(headers["x-amz-date"] == .str("20150830T123600Z"))
        #expect(headers["host"] == .str("iam.amazonaws.com"))
        // Only S3 and Glacier get the payload hash header.
        #expect(headers["x-amz-content-sha256"] == nil)
        #expect(headers["Content-Type"] == .str("application/x-www-form-urlencoded; charset=utf-8"))
    }

    @Test func sessionTokensAreSentAndSignedAndProxyHeadersAreNotSigned() throws {
        let request = json(#"{"method": "get", "url": "http://example.com", "headers": {"User-Agent": "x", "Authorization": "old"}}"#)
        let result = try #require(try call("providers.aws.sign_req", request, Self.config(with: #"{"aws_session_token": "TOKEN"}"#), Self.time))
        let headers = try #require(result[.str("headers")]?.objectValue)
        #expect(headers["x-amz-security-token"] == .str("TOKEN"))
        #expect(headers["User-Agent"] == .str("x"))
        let authorization = try #require(headers["Authorization"]?.stringValue)
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    @Test(arguments: [
        ("http://example.com", "example.com", "", ""),
        ("https://user:pw@example.com:8443/a/b?x=1&y=2#frag", "example.com:8443", "/a/b", "x=1&y=2"),
        ("http://[::1]:80/a%20b", "[::1]:80", "/a%20b", ""),
        ("http://h/a b", "h", "/a%20b", ""),
        ("http://h/a%2Fb", "h", "/a%2Fb", ""),
        // A valid escaping is kept as written, as Go keeps RawPath.
        ("http://h/%7e", "h", "/%7e", ""),
    ])
    func urlsAreReadAsGoReadsThem(_ text: String, _ host: String, _ path: String, _ query: String) throws {
        let url = try GoURL.parse(text)
        #expect(url.host == host)
        #expect(url.escapedPath == path)
        #expect(url.rawQuery == query)
    }

    @Test func timestampsAreUTC() {
        #expect(AWSSigV4.timestamps(1_451_311_705_000_000_000) == ("20151228", "20151228T140825Z"))
        #expect(AWSSigV4.timestamps(0) == ("19700101", "19700101T000000Z"))
        #expect(AWSSigV4.timestamps(-1) == ("19691231", "19691231T235959Z"))
    }
}
