import Dispatch
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import Proxy

/// No test here sends a DNS query: the system lookup is only asked for `localhost` (answered from
/// /etc/hosts), and everything else uses literals, refused names or injected fakes.
@Suite struct HostResolverTests {
    /// Records the names a fake lookup was asked for and how many ran at once.
    final class Recorder: Sendable {
        struct State {
            var calls: [String] = []
            var inFlight = 0
            var peak = 0
        }
        let state = Mutex(State())
        var calls: [String] { state.withLock { $0.calls } }
        var peak: Int { state.withLock { $0.peak } }

        func enter(_ host: String) {
            state.withLock {
                $0.calls.append(host)
                $0.inFlight += 1
                $0.peak = max($0.peak, $0.inFlight)
            }
        }
        func leave() { state.withLock { $0.inFlight -= 1 } }
    }

    func withLoop(_ body: (EventLoop) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await body(group.next())
        } catch {
            try await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    func failure(_ future: EventLoopFuture<[IPAddress]>) async -> ResolveError? {
        do {
            _ = try await future.get()
            return nil
        } catch let error as ResolveError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test(arguments: [("10.0.0.1", "10.0.0.1"), ("[::1]", "::1"), ("::1", "::1"), ("[2001:DB8::1]", "2001:db8::1")])
    func literalsResolveToThemselves(host: String, expected: String) async throws {
        let recorder = Recorder()
        let resolver = HostResolver(lookup: { host throws(ResolveError) in
            recorder.enter(host)
            return []
        })
        try await withLoop { loop in
            let addresses = try await resolver.resolve(host, port: 443, on: loop).get()
            #expect(addresses.map(\.description) == [expected])
        }
        #expect(recorder.calls.isEmpty)
        try await resolver.shutdown()
    }

    @Test(arguments: [
        "bad..name", "", ".", "..", "127.1", "0x7f000001", "0177.0.0.1", "a b", "[1.2.3.4]", "[::1", "fe80::1%eth0",
        "example.123", String(repeating: "a", count: 64) + ".example", "exa\u{0}mple.com", "ex%61mple.com",
    ])
    func invalidNamesNeverReachTheLookup(host: String) async throws {
        let recorder = Recorder()
        let resolver = HostResolver(lookup: { host throws(ResolveError) in
            recorder.enter(host)
            return []
        })
        try await withLoop { loop in
            #expect(await failure(resolver.resolve(host, port: 80, on: loop)) == .invalidName(host))
        }
        #expect(recorder.calls.isEmpty)
        try await resolver.shutdown()
    }

    @Test func localhostResolvesToLoopbackFromTheHostsFile() async throws {
        let resolver = HostResolver(maximumConcurrent: 2)
        try await withLoop { loop in
            let addresses = try await resolver.resolve("localhost", port: 80, on: loop).get()
            #expect(!addresses.isEmpty)
            #expect(Set(addresses).count == addresses.count)
            for address in addresses {
                #expect(EgressGuard().refusal(for: address, allowedIPs: [])?.category == .loopback)
            }
        }
        try await resolver.shutdown()
    }

    @Test func resultsAreDeduplicatedInOrder() async throws {
        let resolver = HostResolver(lookup: { _ throws(ResolveError) in
            [.v4(0x0102_0304), IPAddress("::1")!, .v4(0x0102_0304), .v4(0x0505_0505), IPAddress("::1")!]
        })
        try await withLoop { loop in
            let addresses = try await resolver.resolve("a.example", port: 443, on: loop).get()
            #expect(addresses.map(\.description) == ["1.2.3.4", "::1", "5.5.5.5"])
        }
        try await resolver.shutdown()
    }

    @Test func lookupErrorsPassThroughNamingTheHost() async throws {
        let resolver = HostResolver(lookup: { host throws(ResolveError) in throw .notFound(host) })
        try await withLoop { loop in
            let error = await failure(resolver.resolve("missing.example", port: 443, on: loop))
            #expect(error == .notFound("missing.example"))
            #expect(error?.description == "resolve missing.example: no such host")
            #expect(await failure(resolver.resolve("a.example", port: 70000, on: loop))?.host == "a.example")
        }
        try await resolver.shutdown()
    }

    @Test func getaddrinfoCodesMap() {
        #expect(ResolveError(host: "h", getaddrinfoCode: EAI_NONAME, errno: 0) == .notFound("h"))
        #expect(ResolveError(host: "h", getaddrinfoCode: -5, errno: 0) == .notFound("h"))
        guard case .failed("h", EAI_AGAIN, let message) = ResolveError(host: "h", getaddrinfoCode: EAI_AGAIN, errno: 0)
        else {
            Issue.record("EAI_AGAIN is not notFound")
            return
        }
        #expect(!message.isEmpty)
    }

    @Test func aSlowLookupTimesOut() async throws {
        let gate = DispatchSemaphore(value: 0)
        let resolver = HostResolver(
            maximumConcurrent: 1, timeout: .milliseconds(50),
            lookup: { _ throws(ResolveError) in
                gate.wait()
                return [.v4(1)]
            })
        try await withLoop { loop in
            #expect(await failure(resolver.resolve("slow.example", port: 443, on: loop)) == .timeout("slow.example"))
        }
        gate.signal()
        try await resolver.shutdown()
    }

    @Test func aRequestThatTimesOutWhileWaitingIsNeverLookedUp() async throws {
        let gate = DispatchSemaphore(value: 0)
        let recorder = Recorder()
        let resolver = HostResolver(
            maximumConcurrent: 1, timeout: .milliseconds(200),
            lookup: { host throws(ResolveError) in
                recorder.enter(host)
                defer { recorder.leave() }
                if host == "a.example" { gate.wait() }
                return [.v4(1)]
            })
        try await withLoop { loop in
            let first = resolver.resolve("a.example", port: 443, on: loop)
            #expect(await failure(resolver.resolve("b.example", port: 443, on: loop)) == .timeout("b.example"))
            // The blocked lookup keeps its slot; the withdrawn one left the queue.
            #expect(resolver.load == (running: 1, waiting: 0))
            #expect(await failure(first) == .timeout("a.example"))
            gate.signal()
            _ = try await resolver.resolve("c.example", port: 443, on: loop).get()
        }
        #expect(recorder.calls == ["a.example", "c.example"])
        try await resolver.shutdown()
    }

    @Test func atMostMaximumConcurrentLookupsRun() async throws {
        let gate = DispatchSemaphore(value: 0)
        let recorder = Recorder()
        let resolver = HostResolver(
            maximumConcurrent: 3, timeout: .seconds(60),
            lookup: { host throws(ResolveError) in
                recorder.enter(host)
                defer { recorder.leave() }
                gate.wait()
                return [.v4(1)]
            })
        try await withLoop { loop in
            let futures = (0..<12).map { resolver.resolve("h\($0).example", port: 443, on: loop) }
            // Admission is synchronous: three run, nine wait.
            #expect(resolver.load == (running: 3, waiting: 9))
            while recorder.calls.count < 3 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(recorder.calls.count == 3)
            for _ in 0..<12 { gate.signal() }
            for future in futures { #expect(try await future.get() == [.v4(1)]) }
        }
        #expect(recorder.peak <= 3)
        #expect(recorder.calls.count == 12)
        #expect(resolver.load == (running: 0, waiting: 0))
        try await resolver.shutdown()
    }

    @Test func aShutDownResolverFailsRequests() async throws {
        let resolver = HostResolver(lookup: { _ throws(ResolveError) in [.v4(1)] })
        try await resolver.shutdown()
        try await withLoop { loop in
            let error = await failure(resolver.resolve("a.example", port: 443, on: loop))
            #expect(error == .failed("a.example", code: 0, message: "resolver is shut down"))
        }
    }
}
