import NIOCore
import NIOPosix
import Synchronization

/// Resolves host names to addresses off the event loop, with a bound on lookups in flight and a
/// timeout on each.
///
/// getaddrinfo blocks, so lookups run on a `NIOThreadPool`. At most `maximumConcurrent` of them
/// run at once; further requests wait here in order. A lookup that outlives its timeout keeps its
/// slot until getaddrinfo returns (a blocked call cannot be cancelled), so a hung DNS server costs
/// `maximumConcurrent` threads at most, never a pile-up. Requests that time out while still
/// waiting are withdrawn and never looked up. The timeout runs from the call to `resolve`, because
/// the client waits for the answer whether the time went to queueing or to DNS.
public final class HostResolver: Sendable {
    /// A blocking lookup of one name; the default asks getaddrinfo. Tests inject fakes.
    public typealias Lookup = @Sendable (String) throws(ResolveError) -> [IPAddress]

    public let maximumConcurrent: Int
    public let timeout: Duration

    private let pool: NIOThreadPool
    private let ownsPool: Bool
    private let lookup: Lookup
    private let gate = Mutex(Gate())

    /// - Parameters:
    ///   - maximumConcurrent: lookups allowed in flight at once (at least 1).
    ///   - timeout: how long a caller waits for an answer, queueing included.
    ///   - threadPool: a started pool to run lookups on; nil makes (and later shuts down) one with
    ///     `maximumConcurrent` threads.
    ///   - lookup: the blocking lookup; `systemLookup` (getaddrinfo) unless a test injects one.
    public init(
        maximumConcurrent: Int = 16, timeout: Duration = .seconds(5), threadPool: NIOThreadPool? = nil,
        lookup: @escaping Lookup = HostResolver.systemLookup
    ) {
        precondition(maximumConcurrent >= 1, "HostResolver needs at least one lookup slot")
        self.maximumConcurrent = maximumConcurrent
        self.timeout = timeout
        self.lookup = lookup
        if let threadPool {
            self.pool = threadPool
            self.ownsPool = false
        } else {
            self.pool = NIOThreadPool(numberOfThreads: maximumConcurrent)
            self.pool.start()
            self.ownsPool = true
        }
    }

    deinit {
        // A running pool must not be deinited; shutting down here keeps a forgotten `shutdown()`
        // from tripping NIO's assertion. Shutting down twice is harmless.
        if ownsPool { pool.shutdownGracefully { _ in } }
    }

    /// Stops the owned thread pool after the lookups already running; lookups still waiting fail.
    /// Does nothing to a pool that was passed in.
    public func shutdown() async throws {
        if ownsPool { try await pool.shutdownGracefully() }
    }

    /// The addresses of `host`, in the resolver's order, duplicates removed.
    ///
    /// An address literal (`10.0.0.1`, `::1`, `[::1]`) is its own answer and never reaches
    /// getaddrinfo; neither does a string that cannot be a DNS name (`.invalidName`). `port` is the
    /// port the caller will dial: it must be 0...65535 but does not change the answer.
    public func resolve(_ host: String, port: Int, on eventLoop: EventLoop) -> EventLoopFuture<[IPAddress]> {
        guard (0...65535).contains(port) else {
            return eventLoop.makeFailedFuture(ResolveError.failed(host, code: 0, message: "port \(port) out of range"))
        }
        switch HostName.classify(host) {
        case .literal(let address):
            return eventLoop.makeSucceededFuture([address])
        case .invalid:
            return eventLoop.makeFailedFuture(ResolveError.invalidName(host))
        case .name:
            break
        }
        let promise = eventLoop.makePromise(of: [IPAddress].self)
        let id = gate.withLock { gate in
            gate.nextID &+= 1
            return gate.nextID
        }
        let request = PendingLookup(id: id, host: host, promise: promise)
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { [self] in
            withdraw(request)
            request.complete(.failure(.timeout(host)))
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        let startNow = gate.withLock { gate in
            if gate.running < maximumConcurrent {
                gate.running += 1
                return true
            }
            gate.waiting.append(request)
            return false
        }
        if startNow { run(request) }
        return promise.futureResult
    }

    /// Runs one admitted request on the pool, then hands its slot to the next waiter.
    private func run(_ request: PendingLookup) {
        pool.submit { [self] state in
            defer { releaseSlot() }
            guard case .active = state else {
                request.complete(.failure(.failed(request.host, code: 0, message: "resolver is shut down")))
                return
            }
            // Timed out between leaving the queue and reaching a thread: nobody wants the answer.
            guard !request.isComplete else { return }
            do throws(ResolveError) {
                request.complete(.success(HostResolver.deduplicated(try lookup(request.host))))
            } catch {
                request.complete(.failure(error))
            }
        }
    }

    private func releaseSlot() {
        let next = gate.withLock { gate -> PendingLookup? in
            if let next = gate.waiting.popFirst() { return next }
            gate.running -= 1
            return nil
        }
        if let next { run(next) }
    }

    /// Removes a request that timed out while waiting, so the queue holds only live requests.
    private func withdraw(_ request: PendingLookup) {
        gate.withLock { gate in
            if let index = gate.waiting.firstIndex(where: { $0.id == request.id }) {
                gate.waiting.remove(at: index)
            }
        }
    }

    static func deduplicated(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen = Set<IPAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }

    /// Lookups in flight and waiting, for metrics and tests.
    public var load: (running: Int, waiting: Int) {
        gate.withLock { ($0.running, $0.waiting.count) }
    }

    private struct Gate {
        var running = 0
        var waiting = CircularBuffer<PendingLookup>()
        var nextID: UInt64 = 0
    }
}

/// One caller's request: completed exactly once, by the lookup or by the timer, whichever is first.
private final class PendingLookup: Sendable {
    let id: UInt64
    let host: String
    private let promise: EventLoopPromise<[IPAddress]>
    private let completed = Atomic(false)

    init(id: UInt64, host: String, promise: EventLoopPromise<[IPAddress]>) {
        self.id = id
        self.host = host
        self.promise = promise
    }

    var isComplete: Bool { completed.load(ordering: .acquiring) }

    func complete(_ result: Result<[IPAddress], ResolveError>) {
        guard completed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        switch result {
        case .success(let addresses): promise.succeed(addresses)
        case .failure(let error): promise.fail(error)
        }
    }
}
