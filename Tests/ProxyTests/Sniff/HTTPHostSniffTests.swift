import NIOCore
import Proxy
import Testing

@Suite struct HTTPHostSniffTests {
    static func sniff(_ text: String) -> HostSniffResult { HTTPHostSniff.parse(Array(text.utf8)) }

    static let requests: [(String, HostSniffResult)] = [
        ("GET /simple/ HTTP/1.1\r\nHost: PyPI.org\r\nAccept: */*\r\n\r\n",
         .request(method: "GET", target: "/simple/", host: "pypi.org", port: nil)),
        ("GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", .request(method: "GET", target: "/", host: "example.com", port: 8080)),
        ("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", .request(method: "GET", target: "/", host: "::1", port: 8080)),
        ("GET / HTTP/1.1\r\nHost: [2001:DB8::1]\r\n\r\n", .request(method: "GET", target: "/", host: "2001:db8::1", port: nil)),
        ("GET / HTTP/1.1\r\nhOsT: a.example\r\n\r\n", .request(method: "GET", target: "/", host: "a.example", port: nil)),
        ("GET / HTTP/1.0\r\nAccept: */*\r\n\r\n", .request(method: "GET", target: "/", host: nil, port: nil)),
        ("GET / HTTP/1.1\r\nHost:\r\n\r\n", .request(method: "GET", target: "/", host: nil, port: nil)),
        ("GET / HTTP/1.1\r\nHost:   a.example. \t\r\n\r\n", .request(method: "GET", target: "/", host: "a.example", port: nil)),
        ("GET / HTTP/1.1\r\nHost: a.example:\r\n\r\n", .request(method: "GET", target: "/", host: "a.example", port: nil)),
        ("GET / HTTP/1.1\r\nHost: 10.0.0.1:80\r\n\r\n", .request(method: "GET", target: "/", host: "10.0.0.1", port: 80)),
        ("CONNECT pypi.org:443 HTTP/1.1\r\nHost: pypi.org:443\r\n\r\n",
         .request(method: "CONNECT", target: "pypi.org:443", host: "pypi.org", port: 443)),
        ("GET http://a.example/x?y=1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
         .request(method: "GET", target: "http://a.example/x?y=1", host: "a.example", port: nil)),
        ("POST /upload HTTP/1.1\r\nHost: a.example\r\nContent-Length: 3\r\n\r\nabc",
         .request(method: "POST", target: "/upload", host: "a.example", port: nil)),
        ("OPTIONS * HTTP/1.1\r\nHost: a.example\r\nX-Empty:\r\nX-Odd: caf\u{e9}\r\n\r\n",
         .request(method: "OPTIONS", target: "*", host: "a.example", port: nil)),
    ]

    @Test(arguments: requests)
    func readsRequestHeads(text: String, expected: HostSniffResult) {
        #expect(Self.sniff(text) == expected)
    }

    @Test(arguments: requests)
    func everyTruncationNeedsMore(text: String, expected: HostSniffResult) {
        let bytes = Array(text.utf8)
        let headEnd = bytes.indices.first { Array(bytes[$0..<min($0 + 4, bytes.count)]) == Array("\r\n\r\n".utf8) }! + 4
        for length in 0..<headEnd {
            let result = HTTPHostSniff.parse(Array(bytes[..<length]))
            if result != .needMore { Issue.record("prefix of \(length) bytes: \(result)") }
        }
    }

    @Test func readsAByteBufferWithoutConsumingIt() {
        var buffer = ByteBuffer(string: "xxGET / HTTP/1.1\r\nHost: a.example\r\n\r\n")
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(HTTPHostSniff.parse(buffer) == .request(method: "GET", target: "/", host: "a.example", port: nil))
        #expect(buffer.readerIndex == 2)
    }

    @Test func otherProtocolsAreNotHTTP() {
        #expect(HTTPHostSniff.parse(ClientHelloFixtures.tls13PyPI) == .notHTTP)
        #expect(HTTPHostSniff.parse([0]) == .notHTTP)
        for text in [
            "SSH-2.0-OpenSSH_9.6\r\n", "\r\nGET / HTTP/1.1\r\n", "*1\r\n$4\r\nPING\r\n", String(repeating: "A", count: 33),
            "GET\t/ HTTP/1.1\r\n",
        ] {
            #expect(Self.sniff(text) == .notHTTP, "\(text.debugDescription)")
        }
    }

    static let malformed: [(String, String)] = [
        ("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", "duplicate Host header"),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "duplicate Host header"),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "whitespace before a header's colon"),
        ("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", "obsolete line folding in the header"),
        ("GET / HTTP/1.1\n", "request line ends in a bare LF"),
        ("GET / HTTP/1.1\r\nHost: a\n\r\n", "header line ends in a bare LF"),
        ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", "header value contains byte 0x0d"),
        ("GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", "header value contains byte 0x00"),
        ("GET / HTTP/1.1\rX", "request line has a bare CR"),
        ("GET / HTTP/2.0\r\n\r\n", "request line does not end in HTTP/1.x"),
        ("GET / HTTP/1.10\r\n\r\n", "request line does not end in HTTP/1.x"),
        ("GET  / HTTP/1.1\r\n\r\n", "empty request target"),
        ("GET /\u{7}x HTTP/1.1\r\n\r\n", "request target contains byte 0x07"),
        ("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "Host contains byte 0x20"),
        ("GET / HTTP/1.1\r\nHost: exa%6dple.com\r\n\r\n", "Host contains byte 0x25"),
        ("GET / HTTP/1.1\r\nHost: a..b\r\n\r\n", "Host has an empty label"),
        ("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", "Host has an invalid IPv6 literal"),
        ("GET / HTTP/1.1\r\nHost: [1.2.3.4]\r\n\r\n", "Host has an invalid IPv6 literal"),
        ("GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", "Host has bytes after the IPv6 literal"),
        ("GET / HTTP/1.1\r\nHost: ::1\r\n\r\n", "Host is empty"),
        ("GET / HTTP/1.1\r\nHost: a:0\r\n\r\n", "Host port 0 out of range"),
        ("GET / HTTP/1.1\r\nHost: a:65536\r\n\r\n", "Host port 65536 out of range"),
        ("GET / HTTP/1.1\r\nHost: a:80a\r\n\r\n", "Host has an invalid port"),
        ("GET / HTTP/1.1\r\nHost: a:1:2\r\n\r\n", "Host has an invalid port"),
        ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", "header line without a colon"),
        ("GET / HTTP/1.1\r\n: x\r\n\r\n", "header line without a name"),
        ("GET / HTTP/1.1\r\nX(y): z\r\n\r\n", "header name contains byte 0x28"),
    ]

    @Test(arguments: malformed)
    func grammarBreaksAreMalformed(text: String, reason: String) {
        #expect(Self.sniff(text) == .malformed(reason))
    }

    @Test func headersAreBounded() {
        let line = "GET / HTTP/1.1\r\nHost: a.example\r\nX-Pad: "
        let end = "\r\n\r\n"
        let padding = HTTPHostSniff.maximumHeaderBytes - line.utf8.count - end.utf8.count
        // Exactly at the bound: accepted.
        let fits = line + String(repeating: "p", count: padding) + end
        #expect(Self.sniff(fits) == .request(method: "GET", target: "/", host: "a.example", port: nil))
        // One byte over: refused once the bound is reached, and waited for until then.
        let over = Array((line + String(repeating: "p", count: padding + 1) + end).utf8)
        #expect(HTTPHostSniff.parse(over) == .malformed("header too large (over 32768 bytes)"))
        #expect(HTTPHostSniff.parse(Array(over[..<(HTTPHostSniff.maximumHeaderBytes - 1)])) == .needMore)
    }
}
