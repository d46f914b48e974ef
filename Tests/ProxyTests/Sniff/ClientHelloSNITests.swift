import NIOCore
import Proxy
import Testing

@Suite struct ClientHelloSNITests {
    static let fixtures: [([UInt8], SNIResult)] = [
        (ClientHelloFixtures.tls13PyPI, .serverName("pypi.org")),
        (ClientHelloFixtures.tls12MixedCase, .serverName("files.pythonhosted.org")),
        (ClientHelloFixtures.withoutServerName, .noServerName),
    ]

    @Test(arguments: fixtures)
    func readsRealClientHellos(hello: [UInt8], expected: SNIResult) {
        #expect(ClientHelloSNI.parse(hello) == expected)
        // Whatever follows the hello (early data, the next record) does not change the answer.
        #expect(ClientHelloSNI.parse(hello + [0x17, 0x03, 0x03, 0x00, 0x01, 0xAA]) == expected)
    }

    @Test(arguments: fixtures)
    func everyTruncationNeedsMore(hello: [UInt8], expected: SNIResult) {
        for length in 0..<hello.count {
            let result = ClientHelloSNI.parse(Array(hello[..<length]))
            if result != .needMore { Issue.record("prefix of \(length) bytes: \(result)") }
        }
    }

    @Test(arguments: [1, 2, 7, 100, 300])
    func reassemblesFragmentedRecords(size: Int) {
        let fragmented = Self.refragment(ClientHelloFixtures.tls13PyPI, size: size)
        #expect(ClientHelloSNI.parse(fragmented) == .serverName("pypi.org"))
        if size >= 7 {
            for length in 0..<fragmented.count where ClientHelloSNI.parse(Array(fragmented[..<length])) != .needMore {
                Issue.record("fragments of \(size): prefix of \(length) bytes")
            }
        }
    }

    @Test func readsAByteBufferWithoutConsumingIt() {
        var buffer = ByteBuffer(bytes: [0xFF, 0xFF] + ClientHelloFixtures.tls13PyPI)
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(ClientHelloSNI.parse(buffer) == .serverName("pypi.org"))
        #expect(buffer.readerIndex == 2)
        #expect(buffer.readableBytes == ClientHelloFixtures.tls13PyPI.count)
    }

    @Test(arguments: [
        Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), Array("SSH-2.0-OpenSSH_9.6\r\n".utf8), [0x16, 0x02],
        [0x80, 0x2E, 0x01, 0x03, 0x01], [0x00],
    ])
    func otherProtocolsAreNotTLS(bytes: [UInt8]) {
        #expect(ClientHelloSNI.parse(bytes) == .notTLS)
    }

    // MARK: - Hand-built hellos, to break one length at a time

    static func refragment(_ hello: [UInt8], size: Int) -> [UInt8] {
        let message = hello[5...]
        var out: [UInt8] = []
        var start = message.startIndex
        while start < message.endIndex {
            let end = min(start + size, message.endIndex)
            out += [0x16, 0x03, 0x01, UInt8((end - start) >> 8), UInt8((end - start) & 0xFF)] + message[start..<end]
            start = end
        }
        return out
    }

    static func u16(_ n: Int) -> [UInt8] { [UInt8(n >> 8), UInt8(n & 0xFF)] }

    static func serverName(_ names: [(UInt8, [UInt8])]) -> [UInt8] {
        let list = names.flatMap { [$0.0] + u16($0.1.count) + $0.1 }
        return u16(list.count) + list
    }

    static func hello(
        version: [UInt8] = [3, 3], sessionID: [UInt8] = Array(repeating: 7, count: 32), ciphers: [UInt8] = [0x13, 0x01],
        compression: [UInt8] = [0], extensions: [(Int, [UInt8])]? = [(0, serverName([(0, Array("a.example".utf8))]))],
        extensionsLengthDelta: Int = 0, trailing: [UInt8] = []
    ) -> [UInt8] {
        var body = version + Array(repeating: 1, count: 32) + [UInt8(sessionID.count)] + sessionID
        body += u16(ciphers.count) + ciphers + [UInt8(compression.count)] + compression
        if let extensions {
            let block = extensions.flatMap { u16($0.0) + u16($0.1.count) + $0.1 }
            body += u16(block.count + extensionsLengthDelta) + block
        }
        body += trailing
        let message = [1, 0] + u16(body.count) + body
        return [0x16, 0x03, 0x01] + u16(message.count) + message
    }

    @Test func theBuilderMakesAValidHello() {
        #expect(ClientHelloSNI.parse(Self.hello()) == .serverName("a.example"))
        #expect(ClientHelloSNI.parse(Self.hello(extensions: nil)) == .noServerName)
        #expect(ClientHelloSNI.parse(Self.hello(extensions: [(10, [0, 2, 0, 29])])) == .noServerName)
        #expect(
            ClientHelloSNI.parse(Self.hello(extensions: [(0, Self.serverName([(1, [1, 2]), (0, Array("B.Example.".utf8))]))]))
                == .serverName("b.example"))
    }

    static func name(_ text: String) -> [(Int, [UInt8])] { [(0, serverName([(0, Array(text.utf8))]))] }

    static let malformed: [(String, [UInt8])] = [
        ("client version", hello(version: [2, 0])),
        ("long session id", hello(sessionID: Array(repeating: 0, count: 33))),
        ("odd cipher list", hello(ciphers: [1, 2, 3])),
        ("empty cipher list", hello(ciphers: [])),
        ("no compression", hello(compression: [])),
        ("extensions overrun", hello(extensionsLengthDelta: 1)),
        ("extensions short", hello(extensionsLengthDelta: -1)),
        ("bytes after extensions", hello(trailing: [0])),
        ("extension data overrun", hello(extensions: [(0, [0, 20, 0])])),
        ("empty server_name", hello(extensions: [(0, [])])),
        ("empty name list", hello(extensions: [(0, [0, 0])])),
        ("list overrun", hello(extensions: [(0, [0, 9, 0, 0, 1, 0x61])])),
        ("bytes after list", hello(extensions: [(0, serverName([(0, [0x61])]) + [0])])),
        ("name overrun", hello(extensions: [(0, [0, 4, 0, 0, 9, 0x61])])),
        ("two extensions", hello(extensions: name("a.example") + name("b.example"))),
        ("two host names", hello(extensions: [(0, serverName([(0, [0x61]), (0, [0x62])]))])),
        ("no host name", hello(extensions: [(0, serverName([(1, [0x61])]))])),
        ("NUL", hello(extensions: name("a\u{0}b.example"))),
        ("space", hello(extensions: name("exa mple.com"))),
        ("empty label", hello(extensions: name("ex..com"))),
        ("leading dot", hello(extensions: name(".com"))),
        ("empty name", hello(extensions: name(""))),
        ("just a dot", hello(extensions: name("."))),
        ("non-ASCII", hello(extensions: name("exämple.com"))),
        ("long label", hello(extensions: name(String(repeating: "a", count: 64) + ".com"))),
        ("long name", hello(extensions: name(Array(repeating: String(repeating: "a", count: 50), count: 5).joined(separator: ".") + ".com"))),
    ]

    @Test(arguments: malformed)
    func brokenLengthsAndNamesAreMalformed(label: String, hello: [UInt8]) {
        guard case .malformed = ClientHelloSNI.parse(hello) else {
            Issue.record("\(label): \(ClientHelloSNI.parse(hello))")
            return
        }
    }

    @Test func brokenRecordsAreMalformed() {
        let real = ClientHelloFixtures.tls13PyPI
        var sessionLength = real
        sessionLength[43] = 0xFF
        var shorter = real
        shorter[8] -= 1  // handshake length one short: the extensions overrun it
        var interrupted = Self.refragment(real, size: 100)
        interrupted[105] = 0x17  // the second record is application data
        var badVersion = Self.refragment(real, size: 100)
        badVersion[106] = 0x02
        let cases: [(String, [UInt8])] = [
            ("session id length", sessionLength), ("handshake length", shorter), ("interrupted", interrupted),
            ("record version", badVersion), ("empty record", [0x16, 3, 1, 0, 0]),
            ("oversized record", [0x16, 3, 1, 0x40, 0x01, 1]), ("server hello", [0x16, 3, 3, 0, 4, 2, 0, 0, 0]),
            ("huge hello", [0x16, 3, 1, 0x40, 0x00, 1, 0xFF, 0xFF, 0xFF]), ("16 KiB hello", [0x16, 3, 1, 0x40, 0x00, 1, 0, 0x40, 0]),
        ]
        for (label, bytes) in cases {
            guard case .malformed = ClientHelloSNI.parse(bytes) else {
                Issue.record("\(label): \(ClientHelloSNI.parse(bytes))")
                continue
            }
        }
    }

    @Test func waitsNoLongerThanTheBound() {
        // A hello that claims 16000 bytes but whose records never complete it within 16 KiB.
        var bytes: [UInt8] = [0x16, 3, 1, 0x3E, 0x84, 1, 0, 0x3E, 0x80]
        #expect(ClientHelloSNI.parse(bytes) == .needMore)
        bytes += Array(repeating: 0, count: 0x3E84 - 4)
        #expect(bytes.count < ClientHelloSNI.maximumBytes)
        // A message split into one-byte records runs out of room before it is complete.
        let tiny = Self.refragment([0x16, 3, 1, 0x3E, 0x84, 1, 0, 0x3E, 0x80] + Array(repeating: 0, count: 4000), size: 1)
        #expect(tiny.count >= ClientHelloSNI.maximumBytes)
        #expect(ClientHelloSNI.parse(tiny) == .malformed("client hello does not fit in 16384 bytes"))
        #expect(ClientHelloSNI.parse(Array(tiny[..<(ClientHelloSNI.maximumBytes - 1)])) == .needMore)
    }

    @Test func randomCorruptionNeverCrashes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for (hello, _) in Self.fixtures {
            for _ in 0..<1500 {
                var bytes = hello
                for _ in 0..<(1 + Int(next() % 4)) {
                    bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next())
                }
                let cut = Int(next() % UInt64(bytes.count + 1))
                _ = ClientHelloSNI.parse(Array(bytes[..<cut]))
                _ = ClientHelloSNI.parse(bytes)
            }
        }
    }
}
