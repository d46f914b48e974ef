import NIOCore

/// Reads the server name from the first bytes of a TLS connection without consuming them: the
/// same bytes are forwarded upstream unchanged once the policy allows the name.
///
/// The ClientHello may arrive in pieces (`needMore`) and may be fragmented across several
/// handshake records (RFC 8446 §5.1), which is reassembled here. Every length is checked against
/// the one that encloses it (record, handshake message, vector, extension, name list, name), since
/// a name that one parser finds and another does not is a policy bypass. Only the first
/// `maximumBytes` bytes are ever looked at, so a caller buffers at most that much.
public enum ClientHelloSNI {
    /// The most bytes of a connection the sniffer waits for: the ClientHello and its record
    /// headers must fit. Real hellos are 200 bytes to 2 KiB (post-quantum key shares included).
    public static let maximumBytes = 16 * 1024

    public static func parse(_ bytes: [UInt8]) -> SNIResult {
        bytes.withUnsafeBytes { parse($0) }
    }

    /// Looks at the readable bytes; the reader index does not move.
    public static func parse(_ buffer: ByteBuffer) -> SNIResult {
        buffer.withUnsafeReadableBytes { parse($0) }
    }

    public static func parse(_ input: UnsafeRawBufferPointer) -> SNIResult {
        let bytes = UnsafeRawBufferPointer(rebasing: input[..<min(input.count, maximumBytes)])
        let truncated = input.count >= maximumBytes
        guard let first = bytes.first else { return .needMore }
        guard first == contentTypeHandshake, bytes.count < 2 || bytes[1] == 3 else { return .notTLS }
        var message = HandshakeMessage()
        var offset = 0
        while message.missing > 0 {
            guard offset < bytes.count else { return incomplete(truncated) }
            let available = bytes.count - offset
            // Records after the first must continue the handshake; anything else mid-hello is broken.
            let type = bytes[offset]
            guard type == contentTypeHandshake else {
                return .malformed("a record of content type \(type) interrupts the client hello")
            }
            if available >= 2 && bytes[offset + 1] != 3 {
                return .malformed("record version \(bytes[offset + 1]).x is not TLS")
            }
            guard available >= 5 else { return incomplete(truncated) }
            let length = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
            guard length > 0 else { return .malformed("empty handshake record") }
            guard length <= maximumRecordLength else {
                return .malformed("record of \(length) bytes exceeds \(maximumRecordLength)")
            }
            let start = offset + 5
            let end = min(start + length, bytes.count)
            if let problem = message.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                return .malformed(problem)
            }
            if message.missing > 0 && start + length > bytes.count { return incomplete(truncated) }
            offset = start + length
        }
        return message.withContiguousBytes { ClientHelloBody.serverName(in: $0) }
    }

    private static func incomplete(_ truncated: Bool) -> SNIResult {
        truncated ? .malformed("client hello does not fit in \(maximumBytes) bytes") : .needMore
    }

    static let contentTypeHandshake: UInt8 = 22
    static let maximumRecordLength = 1 << 14
}

/// The handshake message as its fragments arrive: in place while it is one fragment (the usual
/// case, no copy), in an array once a second fragment shows up.
private struct HandshakeMessage {
    private var single = UnsafeRawBufferPointer(start: nil, count: 0)
    private var joined: [UInt8] = []
    private var isJoined = false
    /// 4 + body length once the header is known.
    private var length: Int?

    var count: Int { isJoined ? joined.count : single.count }

    /// Bytes still needed; 1 while the header is not yet known.
    var missing: Int {
        guard let length else { return 1 }
        return max(0, length - count)
    }

    /// Adds a fragment; returns why the message is unacceptable as soon as its header says so.
    mutating func append(_ fragment: UnsafeRawBufferPointer) -> String? {
        if !isJoined && single.count == 0 {
            single = fragment
        } else {
            if !isJoined {
                joined.reserveCapacity(length ?? ClientHelloSNI.maximumBytes)
                joined.append(contentsOf: single)
                isJoined = true
            }
            joined.append(contentsOf: fragment)
        }
        if count >= 1 && byte(0) != HandshakeMessage.clientHello {
            return "handshake message type \(byte(0)) is not a client hello"
        }
        if length == nil && count >= 4 {
            let bodyLength = Int(byte(1)) << 16 | Int(byte(2)) << 8 | Int(byte(3))
            // One record header at least comes on top of the message.
            guard 4 + bodyLength + 5 <= ClientHelloSNI.maximumBytes else {
                return "client hello of \(4 + bodyLength) bytes does not fit in \(ClientHelloSNI.maximumBytes) bytes"
            }
            length = 4 + bodyLength
        }
        return nil
    }

    private func byte(_ index: Int) -> UInt8 { isJoined ? joined[index] : single[index] }

    /// The whole message (header included), contiguous; only called once `missing` is 0.
    func withContiguousBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let length = length ?? 0
        if isJoined {
            return joined.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<length])) }
        }
        return body(UnsafeRawBufferPointer(rebasing: single[..<length]))
    }

    private static let clientHello: UInt8 = 1
}
