import NIOCore
import Synchronization

/// One side of a byte tunnel: what this channel reads, its partner writes.
///
/// Back-pressure: when the partner's outbound buffer is over its high-water mark this side stops
/// reading (autoRead off) until the partner drains, so neither side buffers without bound. A
/// half-close (the client's FIN) is passed on as the partner's output shutdown; the tunnel ends
/// when both directions are closed or either side fails.
final class TunnelHalf: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Bytes this side read (and handed to its partner).
    let bytesRead = Atomic<Int>(0)
    private var partner: TunnelHalf?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    private let onClose: @Sendable () -> Void

    private init(onClose: @escaping @Sendable () -> Void) { self.onClose = onClose }

    /// Two linked halves; `onClose` runs once per half when its channel closes. Both channels
    /// must be on the same event loop: halves call each other directly.
    static func pair(onClose: @escaping @Sendable () -> Void) -> (TunnelHalf, TunnelHalf) {
        let first = TunnelHalf(onClose: onClose)
        let second = TunnelHalf(onClose: onClose)
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Reads are driven by the partner's writability from here on, and start only once both
        // halves are in place: a server that speaks first (SSH, SMTP) must not lose its banner.
        _ = context.channel.setOption(ChannelOptions.autoRead, value: false)
        if let partner, let partnerContext = partner.context {
            context.read()
            partnerContext.read()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        bytesRead.add(buffer.readableBytes, ordering: .relaxed)
        partner?.forward(buffer)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard let partner else { return }
        partner.flushOut()
        if partner.isWritable { context.read() } else { pendingRead = true }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            partner?.shutdownOutput()
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.closeChannel()
        partner = nil
        onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private var isWritable: Bool { context?.channel.isWritable ?? false }

    private func forward(_ buffer: ByteBuffer) {
        context?.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func flushOut() { context?.flush() }

    private func resumeReading() {
        guard pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }

    private func shutdownOutput() {
        context?.close(mode: .output, promise: nil)
    }

    private func closeChannel() { context?.close(promise: nil) }
}
