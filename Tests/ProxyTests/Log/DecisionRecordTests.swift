import Foundation
import Policy
import Proxy
import Testing

@Suite struct DecisionRecordTests {
    static let full = DecisionRecord(
        time: "2026-12-04T21:15:02.123Z", decision: .deny, audit: true, kind: .httpRequest, listener: .explicit,
        pid: 4711, exe: "/usr/bin/python3.11", ancestors: ["/usr/bin/bash"], cmdline: ["python3", "fetch.py"],
        host: "pypi.org", ip: "151.101.0.223", port: 443, hostSource: .httpHost, unixPath: "/run/x.sock",
        httpMethod: "GET", httpPath: "/simple/", policy: "pypi", reason: "denied", hints: ["h1", "h2"],
        bytesUp: 10, bytesDown: -3, durationMilliseconds: 0, error: "connect refused")

    @Test func everyKeyInTheDocumentedOrder() {
        #expect(
            Self.full.jsonLine
                == #"{"time":"2026-12-04T21:15:02.123Z","decision":"deny","audit":true,"kind":"http_request","listener":"explicit","pid":4711,"exe":"/usr/bin/python3.11","ancestors":["/usr/bin/bash"],"cmdline":["python3","fetch.py"],"host":"pypi.org","ip":"151.101.0.223","port":443,"host_source":"http_host","unix_path":"/run/x.sock","http_method":"GET","http_path":"/simple/","policy":"pypi","reason":"denied","hints":["h1","h2"],"bytes_up":10,"bytes_down":-3,"duration_ms":0,"error":"connect refused"}"#
        )
    }

    @Test func absentFieldsAreLeftOut() {
        let record = DecisionRecord(
            time: "2026-12-04T21:15:02.123Z", decision: .allow, kind: .unixConnect, listener: .supervisor, reason: "ok")
        #expect(record.jsonLine == #"{"time":"2026-12-04T21:15:02.123Z","decision":"allow","kind":"unix_connect","listener":"supervisor","reason":"ok"}"#)
    }

    @Test func fullRecordRoundTrips() throws {
        #expect(try DecisionRecord(jsonLine: Self.full.jsonLine) == Self.full)
    }

    static let awkward: [String] = [
        "quotes \" and \\ backslashes \\\" and /slashes/",
        "new\nline, carriage\rreturn, tab\t, bell\u{07}, escape \u{1B}[31mred\u{1B}[0m, nul \u{0}.",
        String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "\u{7F}\u{80}\u{85}\u{9F}",
        "line\u{2028}separator\u{2029}paragraph",
        "naïve café, 日本語, emoji 👩‍💻, combining e\u{301}, BOM \u{FEFF}",
        "",
    ]

    @Test(arguments: awkward) func awkwardTextRoundTripsAndStaysOneSafeLine(_ text: String) throws {
        var record = Self.full
        record.reason = text
        record.hints = [text, "plain"]
        record.exe = text
        record.cmdline = [text]
        let line = record.jsonLine
        // One line, no raw control characters (C0, DEL, C1), no raw U+2028/2029.
        for scalar in line.unicodeScalars {
            #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value))
            #expect(scalar != "\u{2028}" && scalar != "\u{2029}")
        }
        #expect(try DecisionRecord(jsonLine: line) == record)
        // Another JSON reader agrees.
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(parsed?["reason"] as? String == text)
    }

    /// The encoder skips plain ASCII 8 bytes at a time: a special character at any offset, in any
    /// block and in the tail, must still be escaped.
    @Test(arguments: ["\"", "\\", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{85}", "\u{2028}", "👩‍💻", "\n"])
    func specialCharactersAtEveryOffset(_ special: String) throws {
        for length in [1, 7, 8, 9, 16, 17, 25] {
            for offset in 0..<length {
                var text = String(repeating: "a", count: length)
                let index = text.index(text.startIndex, offsetBy: offset)
                text.replaceSubrange(index...index, with: special)
                var record = Self.full
                record.reason = text
                let line = record.jsonLine
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                #expect(try DecisionRecord(jsonLine: line).reason == text)
            }
        }
    }

    @Test func nonASCIIIsKeptAsUTF8() {
        var record = Self.full
        record.reason = "café 日本 👩‍💻"
        #expect(record.jsonLine.contains(#""reason":"café 日本 👩‍💻""#))
        record.reason = "\u{1B}\u{85}\u{2028}\u{8}\u{C}"
        #expect(record.jsonLine.contains(#""reason":"\u001b\u0085\u2028\b\f""#))
    }

    @Test func unknownKeysAndNullsAreIgnored() throws {
        let line =
            #"{"future":{"nested":[1,{"x":null}]},"time":"t","decision":"allow","kind":"tcp_connect","listener":"transparent","pid":null,"port":443,"reason":"r","zzz":true}"#
        let record = try DecisionRecord(jsonLine: line)
        #expect(record.pid == nil)
        #expect(record.port == 443)
        #expect(record.audit == false)
        #expect(record.hints == [])
    }

    @Test(arguments: [
        ("{\"time\":", "column"),
        ("[1,2]", "expected a JSON object, found array"),
        (#"{"decision":"allow","kind":"tcp_connect","listener":"explicit","reason":"r"}"#, #"missing key "time""#),
        (#"{"time":"t","decision":"allow","kind":"tcp_connect","listener":"explicit"}"#, #"missing key "reason""#),
        (
            #"{"time":"t","decision":"maybe","kind":"tcp_connect","listener":"explicit","reason":"r"}"#,
            #"key "decision": unknown value "maybe" (expected allow, deny)"#
        ),
        (
            #"{"time":"t","decision":"allow","kind":"smtp","listener":"explicit","reason":"r"}"#,
            #"key "kind": unknown value "smtp" (expected tcp_connect, http_request, unix_connect, udp_send, dns_query)"#
        ),
        (
            #"{"time":"t","decision":"allow","kind":"tcp_connect","listener":"explicit","reason":"r","port":"443"}"#,
            #"key "port": expected an integer, found string"#
        ),
        (
            #"{"time":"t","decision":"allow","kind":"tcp_connect","listener":"explicit","reason":"r","port":4.5}"#,
            #"key "port": expected an integer, found number"#
        ),
        (
            #"{"time":"t","decision":"allow","kind":"tcp_connect","listener":"explicit","reason":"r","hints":["a",1]}"#,
            #"key "hints": expected an array of strings, found an array holding a number"#
        ),
        (
            #"{"time":"t","decision":"allow","kind":"tcp_connect","listener":"explicit","reason":"r","audit":"yes"}"#,
            #"key "audit": expected a boolean, found string"#
        ),
    ])
    func malformedLinesSayWhatIsWrong(_ line: String, _ message: String) {
        #expect {
            try DecisionRecord(jsonLine: line)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func recordOfADecisionOnFacts() {
        let facts = ConnectionFacts.tcp(
            .init(pid: 42, exe: "/usr/bin/curl", ancestors: ["/bin/sh"], cmdline: ["curl", "x"]), host: "example.com",
            ip: "93.184.216.34", port: 443, source: .sni)
        let denial = Decision(allow: false, policy: nil, reason: "no policy allows it", hints: ["add an endpoint"])
        let record = DecisionRecord(decision: denial, facts: facts, listener: .transparent, time: "T")
        #expect(record.decision == .deny && !record.audit && record.isWouldBeDenial)
        #expect(record.pid == 42 && record.exe == "/usr/bin/curl" && record.ancestors == ["/bin/sh"])
        #expect(record.host == "example.com" && record.ip == "93.184.216.34" && record.port == 443)
        #expect(record.hostSource == .sni && record.reason == "no policy allows it" && record.hints == ["add an endpoint"])
        #expect(record.kind == .tcpConnect && record.listener == .transparent && record.time == "T")

        let audited = DecisionRecord(decision: denial, facts: facts, listener: .transparent, auditMode: true)
        #expect(audited.decision == .allow && audited.audit && audited.isWouldBeDenial)
        let allowed = DecisionRecord(
            decision: Decision(allow: true, policy: "web", reason: "ok"), facts: .unix(.init(exe: "/d"), path: "/s"),
            listener: .supervisor, auditMode: true)
        #expect(allowed.decision == .allow && !allowed.audit && allowed.policy == "web" && allowed.unixPath == "/s")
    }

    @Test func timesAreUTCWithMilliseconds() {
        #expect(DecisionRecord.formatTime(secondsSinceEpoch: 0, milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(DecisionRecord.formatTime(secondsSinceEpoch: 1_796_418_902, milliseconds: 123) == "2026-12-04T21:15:02.123Z")
        #expect(DecisionRecord.formatTime(secondsSinceEpoch: 951_782_400, milliseconds: 7) == "2000-02-29T00:00:00.007Z")
        let now = DecisionRecord.currentTime()
        #expect(now.count == 24 && now.hasSuffix("Z") && now.hasPrefix("20"), "\(now)")
    }
}
