/// The ClientHello message (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) down to its `server_name`
/// extension (RFC 6066 §3). Each vector must fit inside the one that holds it, and the extension
/// block must end exactly where the message does.
enum ClientHelloBody {
    /// `message` is the whole handshake message, its 4-byte header included.
    static func serverName(in message: UnsafeRawBufferPointer) -> SNIResult {
        var reader = ByteReader(message, from: 4, to: message.count)
        do throws(ByteReader.Overrun) {
            let version = try reader.uint16("client version")
            guard version >> 8 == 3 else { return .malformed("client version \(version >> 8).\(version & 0xFF) is not TLS") }
            try reader.skip(32, "random")
            let sessionID = try reader.vector8("session id")
            guard sessionID.count <= 32 else { return .malformed("session id of \(sessionID.count) bytes exceeds 32") }
            let ciphers = try reader.vector16("cipher suites")
            guard ciphers.count >= 2, ciphers.count % 2 == 0 else {
                return .malformed("cipher suite list of \(ciphers.count) bytes")
            }
            let compression = try reader.vector8("compression methods")
            guard compression.count >= 1 else { return .malformed("empty compression method list") }
            // Extensions are optional before TLS 1.2's clients; without them there is no name.
            if reader.isAtEnd { return .noServerName }
            var extensions = ByteReader(message, range: try reader.vector16("extensions"))
            guard reader.isAtEnd else { return .malformed("\(reader.remaining) bytes after the extensions") }
            var name: String?
            while !extensions.isAtEnd {
                let type = try extensions.uint16("extension type")
                let data = try extensions.vector16("extension \(type)")
                guard type == serverNameExtension else { continue }
                // Two server_name extensions could name two hosts: one for us, one for upstream.
                guard name == nil else { return .malformed("more than one server_name extension") }
                switch try hostName(in: ByteReader(message, range: data)) {
                case .success(let found): name = found
                case .failure(let problem): return .malformed(problem.reason)
                }
            }
            return name.map { .serverName($0) } ?? .noServerName
        } catch {
            return .malformed("\(error.field) runs past its enclosing length")
        }
    }

    private struct Problem: Error {
        let reason: String
    }

    /// The one `host_name` entry of a ServerNameList.
    private static func hostName(in data: ByteReader) throws(ByteReader.Overrun) -> Result<String, Problem> {
        var data = data
        var list = ByteReader(data.buffer, range: try data.vector16("server name list"))
        guard data.isAtEnd else { return .failure(Problem(reason: "bytes after the server name list")) }
        guard !list.isAtEnd else { return .failure(Problem(reason: "empty server name list")) }
        var found: String?
        while !list.isAtEnd {
            let nameType = try list.uint8("server name type")
            let entry = try list.vector16("server name")
            // RFC 6066: at most one name of each type; other types are skipped, as servers do.
            guard nameType == 0 else { continue }
            guard found == nil else { return .failure(Problem(reason: "more than one host_name in server_name")) }
            switch SniffedName.validate(UnsafeRawBufferPointer(rebasing: data.buffer[entry])) {
            case .name(let name): found = name
            case .invalid(let problem): return .failure(Problem(reason: "server name \(problem)"))
            }
        }
        guard let found else { return .failure(Problem(reason: "server_name without a host_name")) }
        return .success(found)
    }

    static let serverNameExtension: UInt16 = 0
}

/// A cursor over a range of a buffer that refuses to read past the range's end.
struct ByteReader {
    /// Which field would have run past its enclosing length.
    struct Overrun: Error {
        let field: String
    }

    let buffer: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ buffer: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        precondition(0 <= start && start <= end && end <= buffer.count)
        self.buffer = buffer
        self.position = start
        self.end = end
    }

    init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) {
        self.init(buffer, from: range.lowerBound, to: range.upperBound)
    }

    var isAtEnd: Bool { position == end }
    var remaining: Int { end - position }

    mutating func uint8(_ field: @autoclosure () -> String) throws(Overrun) -> UInt8 {
        guard remaining >= 1 else { throw Overrun(field: field()) }
        defer { position += 1 }
        return buffer[position]
    }

    mutating func uint16(_ field: @autoclosure () -> String) throws(Overrun) -> UInt16 {
        guard remaining >= 2 else { throw Overrun(field: field()) }
        defer { position += 2 }
        return UInt16(buffer[position]) << 8 | UInt16(buffer[position + 1])
    }

    mutating func skip(_ count: Int, _ field: @autoclosure () -> String) throws(Overrun) {
        guard remaining >= count else { throw Overrun(field: field()) }
        position += count
    }

    /// A vector with a one-byte length prefix; returns the range of its contents.
    mutating func vector8(_ field: @autoclosure () -> String) throws(Overrun) -> Range<Int> {
        let length = Int(try uint8(field()))
        return try take(length, field())
    }

    /// A vector with a two-byte length prefix; returns the range of its contents.
    mutating func vector16(_ field: @autoclosure () -> String) throws(Overrun) -> Range<Int> {
        let length = Int(try uint16(field()))
        return try take(length, field())
    }

    private mutating func take(_ length: Int, _ field: @autoclosure () -> String) throws(Overrun) -> Range<Int> {
        guard remaining >= length else { throw Overrun(field: field()) }
        defer { position += length }
        return position..<(position + length)
    }
}
