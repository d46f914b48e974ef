import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Policy
import Rego

/// The explicit listener's HTTP side: `CONNECT host:port` is decided, then answered with 200 and
/// turned into a byte tunnel, or with 403 and the reason. Anything else is refused with a status
/// that says why (absolute-form forwarding is not served yet: clients use `HTTPS_PROXY`/CONNECT).
final class ExplicitProxyHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case connectHead(ConnectTarget)
        case deciding
        case refusing
        case tunnelling
    }

    private var state = State.idle
    private let decider: EgressDecider
    private let configuration: ProxyConfiguration
    private let httpHandlers: [RemovableChannelHandler]

    init(decider: EgressDecider, configuration: ProxyConfiguration, httpHandlers: [RemovableChannelHandler]) {
        self.decider = decider
        self.configuration = configuration
        self.httpHandlers = httpHandlers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            guard head.method == .CONNECT else {
                refuse(context, .notImplemented, "Airlock's explicit proxy serves CONNECT tunnels; \(head.method) \(head.uri) is not forwarded (use HTTPS_PROXY, or curl -p)")
                return
            }
            guard let target = ConnectTarget(authority: head.uri) else {
                refuse(context, .badRequest, "CONNECT needs host:port, got \"\(head.uri)\"")
                return
            }
            state = .connectHead(target)
        case (.body, .connectHead), (.body, .refusing), (.end, .refusing):
            break
        case (.end, .connectHead(let target)):
            state = .deciding
            // Nothing more is read until the tunnel is up: what the client sends early waits in
            // the socket, not in our memory.
            _ = context.channel.setOption(ChannelOptions.autoRead, value: false)
            decide(context, target)
        default:
            refuse(context, .badRequest, "unexpected request data")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if error is ByteToMessageDecoderError.PayloadTooLargeError {
            refuse(context, .requestHeaderFieldsTooLarge, "request head larger than \(configuration.maximumHeaderBytes) bytes")
            return
        }
        if let error = error as? HTTPParserError {
            let status: HTTPResponseStatus = error == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
            refuse(context, status, "malformed request: \(error)")
            return
        }
        context.close(promise: nil)
    }

    private func decide(_ context: ChannelHandlerContext, _ target: ConnectTarget) {
        let channel = context.channel
        guard let peer = channel.remoteAddress, let local = channel.localAddress else {
            context.close(promise: nil)
            return
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        decider.decide(target: target, peer: peer, local: local, on: context.eventLoop).whenComplete { result in
            let (handler, context) = loopBound.value
            switch result {
            case .success(let verdict) where verdict.decision.allow && verdict.address != nil:
                handler.connect(context, verdict)
            case .success(let verdict):
                handler.decider.record(verdict)
                handler.deny(context, verdict.decision)
            case .failure(let error):
                handler.refuse(context, .internalServerError, "deciding failed: \(error)")
            }
        }
    }

    private func connect(_ context: ChannelHandlerContext, _ verdict: EgressDecider.Verdict) {
        let client = context.channel
        let (downstream, upstream) = TunnelHalf.pair(onClose: {})
        let started = ContinuousClock.now
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .connectTimeout(TimeAmount.nanoseconds(Int64(configuration.connectTimeout.components.seconds) * 1_000_000_000))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(upstream) }
            }
            .connect(to: verdict.address!)
            .whenComplete { result in
                let (handler, context) = loopBound.value
                switch result {
                case .failure(let error):
                    handler.decider.record(verdict, error: "connecting upstream failed: \(error)")
                    handler.refuse(context, .badGateway, "connecting to \(verdict.address!) failed: \(error)")
                case .success(let upstreamChannel):
                    handler.state = .tunnelling
                    upstreamChannel.closeFuture.and(client.closeFuture).whenComplete { _ in
                        let elapsed = ContinuousClock.now - started
                        handler.decider.record(
                            verdict, bytesUp: downstream.bytesRead.load(ordering: .relaxed),
                            bytesDown: upstream.bytesRead.load(ordering: .relaxed),
                            milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
                    }
                    handler.becomeTunnel(context, downstream)
                }
            }
    }

    /// The HTTP handlers leave; bytes the decoder already holds are forwarded to the tunnel.
    /// Written raw, not through the HTTP encoder: a 2xx answer to CONNECT has no body framing, and
    /// the bytes after it belong to the tunnel.
    private static let established = "HTTP/1.1 200 Connection Established\r\nVia: 1.1 airlock\r\n\r\n"

    private func becomeTunnel(_ context: ChannelHandlerContext, _ downstream: TunnelHalf) {
        let sync = context.pipeline.syncOperations
        do {
            // The encoder goes first so the raw answer passes untouched; then this handler, so
            // the bytes the decoder still holds flow on to the tunnel when it leaves last.
            guard let decoder = httpHandlers.first(where: { !($0 is HTTPResponseEncoder) }),
                let encoder = httpHandlers.first(where: { $0 is HTTPResponseEncoder })
            else { throw ChannelError.inappropriateOperationForState }
            sync.removeHandler(encoder, promise: nil)
            context.writeAndFlush(NIOAny(ByteBuffer(string: Self.established)), promise: nil)
            try sync.addHandler(downstream, position: .after(self))
            sync.removeHandler(self, promise: nil)
            sync.removeHandler(decoder, promise: nil)
        } catch {
            context.close(promise: nil)
        }
    }

    /// 403 with the decision as JSON, its reason also in `X-Airlock-Reason`.
    private func deny(_ context: ChannelHandlerContext, _ decision: Decision) {
        let body = Value.object(RegoObject([
            ("error", .string("egress denied")), ("reason", .string(decision.reason)),
            ("policy", decision.policy.map(Value.string) ?? .null),
            ("hints", .array(decision.hints.map(Value.string))),
        ])).jsonText() + "\n"
        respond(context, .forbidden, body: body, contentType: "application/json", reason: decision.reason)
    }

    private func refuse(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ message: String) {
        let body = Value.object(RegoObject([("error", .string(message))])).jsonText() + "\n"
        respond(context, status, body: body, contentType: "application/json", reason: message)
    }

    private func respond(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, body: String, contentType: String, reason: String
    ) {
        guard case .tunnelling = state else {
            state = .refusing
            var head = HTTPResponseHead(version: .http1_1, status: status)
            head.headers.add(name: "Content-Type", value: contentType)
            head.headers.add(name: "Content-Length", value: "\(body.utf8.count)")
            head.headers.add(name: "Connection", value: "close")
            // Header values cannot carry line breaks: a reason quoting a hostile value stays one line.
            head.headers.add(name: "X-Airlock-Reason", value: String(reason.map { $0.isNewline || $0 == "\r" ? " " : $0 }))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            return
        }
    }
}
