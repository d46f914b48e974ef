import Foundation
import Proxy
import TestSupport
import Testing

/// The explicit listener with real clients (curl, Python) and real upstreams on 127.0.0.1.
@Suite(.serialized) struct ExplicitProxyTests {
    static func policy(port: Int, allowedIPs: Bool = true) -> String {
        """
        version: 1
        network_policies:
          local:
            endpoints:
              - { host: 127.0.0.1, port: \(port)\(allowedIPs ? ", allowed_ips: [127.0.0.1]" : "") }
              - { host: localhost, port: \(port)\(allowedIPs ? ", allowed_ips: [127.0.0.1, \"::1\"]" : "") }
            binaries:
              - { path: /usr/bin/curl }
              - { path: /usr/bin/python3 }
        """
    }

    @Test func curlTunnelsToAnAllowedUpstream() throws {
        let upstream = try LocalHTTPServer()
        let harness = try ProxyHarness(policy: Self.policy(port: upstream.port))
        for target in ["127.0.0.1", "localhost"] {
            let body = try Command.run(
                "/usr/bin/curl", ["-sS", "--fail", "-p", "-x", harness.proxyURL, "http://\(target):\(upstream.port)/hello.txt"])
            #expect(body == "hello through airlock\n")
        }
        // HTTPS_PROXY as agents set it, through Python's urllib (which tunnels https only), so
        // ask curl via the environment too.
        let viaEnvironment = try Command.run(
            "/usr/bin/env", ["HTTP_PROXY=", "https_proxy=\(harness.proxyURL)", "/usr/bin/curl", "-sS", "--fail", "-p",
                             "--proxy", harness.proxyURL, "http://127.0.0.1:\(upstream.port)/hello.txt"])
        #expect(viaEnvironment == "hello through airlock\n")

        try waitUntil("three decision lines") { try harness.records().count == 3 }
        let record = try #require(try harness.records().first)
        #expect(record.decision == .allow)
        #expect(record.exe == "/usr/bin/curl")
        #expect(record.policy == "local")
        #expect(record.listener == .explicit)
        #expect(record.bytesDown ?? 0 > 100)
        #expect(record.reason == "/usr/bin/curl may connect to 127.0.0.1:\(upstream.port): allowed by network policy local (listed)")
    }

    @Test func aDeniedConnectGets403WithTheReason() throws {
        let upstream = try LocalHTTPServer()
        let harness = try ProxyHarness(policy: Self.policy(port: upstream.port))
        let other = upstream.port == 65535 ? 1 : upstream.port + 1
        // curl exits 56 when the proxy refuses the tunnel; -i shows the proxy's answer.
        let (status, output) = try Command.outcome(
            "/usr/bin/curl", ["-s", "-i", "-p", "-x", harness.proxyURL, "http://127.0.0.1:\(other)/"])
        #expect(status == 56)
        let response = output.replacingOccurrences(of: "\r", with: "")
        #expect(response.hasPrefix("HTTP/1.1 403 Forbidden\n"), "\(response)")
        let reason = "/usr/bin/curl may not connect to 127.0.0.1:\(other): endpoint 127.0.0.1:\(other) is not allowed by any network policy"
        #expect(response.contains("\nX-Airlock-Reason: \(reason)\n"))
        // curl does not print the refusal's body: read it raw.
        let raw = try python("""
            import socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'CONNECT 127.0.0.1:%s HTTP/1.1\\r\\n\\r\\n' % sys.argv[2].encode())
            out = b''
            while chunk := s.recv(65536):
                out += chunk
            print(out.split(b'\\r\\n\\r\\n', 1)[1].decode(), end='')
            """, ["\(harness.port)", "\(other)"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        try waitUntil("the denial in the log") { try harness.records().contains { $0.decision == .deny } }
    }

    /// Allowed by the policy, refused by the SSRF guard: loopback without `allowed_ips`, in every
    /// spelling (a name resolving to it, a mapped IPv6 literal).
    @Test(arguments: ["127.0.0.1", "localhost"])
    func loopbackWithoutAllowedIPsIsRefused(target: String) throws {
        let upstream = try LocalHTTPServer()
        let harness = try ProxyHarness(policy: Self.policy(port: upstream.port, allowedIPs: false))
        let (_, response) = try Command.outcome(
            "/usr/bin/curl", ["-s", "-i", "-p", "-x", harness.proxyURL, "http://\(target):\(upstream.port)/"])
        #expect(response.hasPrefix("HTTP/1.1 403"), "\(response)")
        #expect(response.contains("loopback"), "\(response)")
    }

    @Test func malformedAndUnsupportedRequests() throws {
        let harness = try ProxyHarness(policy: Self.policy(port: 9))
        let script = """
            import socket, sys
            def ask(data):
                s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
                s.sendall(data)
                out = b''
                try:
                    while chunk := s.recv(65536):
                        out += chunk
                except ConnectionResetError:
                    pass  # closed with the request unread: the answer came first
                print(out.split(b'\\r\\n')[0].decode())
            ask(b'CONNECT nonsense HTTP/1.1\\r\\n\\r\\n')
            ask(b'GET http://example.com/ HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n')
            ask(b'CONNECT a:1 HTTP/1.1\\r\\nX-Big: ' + b'a' * 20000 + b'\\r\\n\\r\\n')
            ask(b'NOT HTTP AT ALL\\r\\n\\r\\n')
            """
        let lines = try python(script, ["\(harness.port)"]).split(separator: "\n").map(String.init)
        #expect(lines == [
            "HTTP/1.1 400 Bad Request", "HTTP/1.1 501 Not Implemented", "HTTP/1.1 431 Request Header Fields Too Large",
            "HTTP/1.1 400 Bad Request",
        ])
    }

    /// 1,000 tunnels open at once, each echoing 16 KiB of random bytes back exactly; the client
    /// is python3, listed through its symlink.
    @Test func aThousandConcurrentTunnelsEchoExactly() throws {
        let script = """
            import asyncio, os, sys
            proxy_port, count = int(sys.argv[1]), int(sys.argv[2])
            async def echo(reader, writer):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
                writer.close()
            async def client(port, sem):
                async with sem:
                    r, w = await asyncio.open_connection('127.0.0.1', proxy_port)
                    w.write(f'CONNECT 127.0.0.1:{port} HTTP/1.1\\r\\nHost: 127.0.0.1:{port}\\r\\n\\r\\n'.encode())
                    head = await r.readuntil(b'\\r\\n\\r\\n')
                    if not head.startswith(b'HTTP/1.1 200'):
                        return 'refused ' + head.split(b'\\r\\n')[0].decode()
                    payload = os.urandom(16384)
                    w.write(payload)
                    await w.drain()
                    got = await r.readexactly(len(payload))
                    w.close()
                    return 'ok' if got == payload else 'mismatch'
            async def main():
                server = await asyncio.start_server(echo, '127.0.0.1', int(sys.argv[3]), backlog=2048)
                sem = asyncio.Semaphore(count)
                results = await asyncio.gather(*(client(int(sys.argv[3]), sem) for _ in range(count)))
                server.close()
                bad = [r for r in results if r != 'ok']
                print(len(results) - len(bad), 'ok', bad[:3])
            asyncio.run(main())
            """
        let port = try freePort()
        let harness = try ProxyHarness(policy: Self.policy(port: port))
        let output = try python("import resource; resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))\n" + script, [
            "\(harness.port)", "1000", "\(port)",
        ])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "1000 ok []")
    }
}
