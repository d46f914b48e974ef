import Identity
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Policy

/// Airlock's egress proxy on loopback: the explicit listener (`HTTP_PROXY`/`HTTPS_PROXY` clients
/// sending CONNECT), each connection decided by the live policy and logged.
public final class EgressProxy: Sendable {
    public let configuration: ProxyConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let decider: EgressDecider
    private let logger: Logger

    public init(
        configuration: ProxyConfiguration, store: PolicyStore, log: DecisionLog?, logger: Logger,
        threads: Int = System.coreCount
    ) {
        self.configuration = configuration
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        threadPool = NIOThreadPool(numberOfThreads: max(2, threads))
        threadPool.start()
        let identities = IdentityCache(
            options: IdentityOptions(hashExecutables: store.current.document.pinsHashes), logger: logger)
        decider = EgressDecider(
            store: store, identities: identities, resolver: HostResolver(), log: log, threadPool: threadPool,
            logger: logger)
    }

    /// Binds the explicit listener and returns the bound address (port 0 picks a free one).
    public func start() throws -> SocketAddress {
        let (host, port) = try Self.split(configuration.explicitListen)
        let decider = self.decider
        let configuration = self.configuration
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let decoder = ByteToMessageHandler(
                        HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes),
                        maximumBufferSize: configuration.maximumHeaderBytes)
                    let encoder = HTTPResponseEncoder()
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(encoder)
                    try sync.addHandler(decoder)
                    try sync.addHandler(
                        ExplicitProxyHandler(decider: decider, configuration: configuration, httpHandlers: [decoder, encoder]))
                }
            }
            .bind(host: host, port: port).wait()
        guard let address = channel.localAddress else { throw ProxyStartError.noAddress }
        logger.info("explicit proxy listening", metadata: ["proxy.listen": "\(address)"])
        return address
    }

    public func shutdown() throws {
        try group.syncShutdownGracefully()
        try threadPool.syncShutdownGracefully()
    }

    static func split(_ listen: String) throws(ProxyStartError) -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw .badListenAddress(listen) }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}

public enum ProxyStartError: Error, CustomStringConvertible {
    case badListenAddress(String)
    case noAddress

    public var description: String {
        switch self {
        case .badListenAddress(let text): return "listen address \"\(text)\" is not HOST:PORT"
        case .noAddress: return "the listener has no local address"
        }
    }
}
