/// AWS Signature Version 4, header-based, single chunk, computed as OPA's `providers.aws.sign_req`
/// does (so signatures match OPA's byte for byte, including its quirks: the method is signed as
/// given, the path is Go's `URL.EscapedPath()` — empty for `https://host` — and a request header
/// named like an AWS header is signed with the request's value).
struct AWSSigV4 {
    /// Headers that proxies commonly rewrite; signing them would break the signature in transit.
    static let ignoredHeaders: Set<String> = ["authorization", "user-agent", "x-amzn-trace-id"]

    let authorization: String
    /// The headers AWS requires besides `Authorization`, by lower-case name.
    let awsHeaders: [(name: String, value: String)]

    init(
        headers: [(name: String, value: String)], method: String, url: GoURL, body: [UInt8], service: String,
        credentials: AWSCredentials, timeNanos: Int, disablePayloadSigning: Bool
    ) {
        let payloadHash = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : Hex.encode(SHA256.hash(body))
        let (date, dateTime) = AWSSigV4.timestamps(timeNanos)

        var aws: [(String, String)] = [("host", url.host), ("x-amz-date", dateTime)]
        // S3 and Glacier require the payload hash header; other services do not.
        if service == "s3" || service == "glacier" { aws.append(("x-amz-content-sha256", payloadHash)) }
        // Temporary credentials (e.g. from instance metadata) carry a session token.
        if !credentials.sessionToken.isEmpty { aws.append(("x-amz-security-token", credentials.sessionToken)) }
        awsHeaders = aws

        var signed: [String: String] = [:]
        for (name, value) in aws { signed[name] = value }
        for (name, value) in headers {
            let lower = name.lowercased()
            if !AWSSigV4.ignoredHeaders.contains(lower) { signed[lower] = value }
        }
        let names = signed.keys.sorted { Value.compareBytes($0, $1) < 0 }
        let signedHeaders = names.joined(separator: ";")

        var canonical = method + "\n" + url.escapedPath + "\n" + url.rawQuery + "\n"
        for name in names { canonical += name + ":" + signed[name, default: ""] + "\n" }
        canonical += "\n" + signedHeaders + "\n" + payloadHash

        let scope = date + "/" + credentials.region + "/" + service + "/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n" + dateTime + "\n" + scope + "\n"
            + Hex.encode(SHA256.hash(Array(canonical.utf8)))

        var key = AWSSigV4.mac(date, key: Array(("AWS4" + credentials.secretKey).utf8))
        for part in [credentials.region, service, "aws4_request"] { key = AWSSigV4.mac(part, key: key) }
        let signature = Hex.encode(AWSSigV4.mac(stringToSign, key: key))

        authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKey + "/" + scope
            + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature
    }

    private static func mac(_ message: String, key: [UInt8]) -> [UInt8] {
        HMAC.authenticate(Array(message.utf8), key: key, with: SHA256.self)
    }

    /// `20060102` and `20060102T150405Z` in UTC.
    static func timestamps(_ nanos: Int) -> (date: String, dateTime: String) {
        let seconds = TimeCalendar.floorDiv(nanos, 1_000_000_000)
        let days = TimeCalendar.floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = TimeCalendar.civil(fromDays: days)
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = pad(year, 4) + pad(month, 2) + pad(day, 2)
        let time = pad(secondOfDay / 3600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2)
        return (date, date + "T" + time + "Z")
    }
}
