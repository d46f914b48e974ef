extension DecisionRecord {
    /// The record as one compact JSON line, without the final newline.
    public var jsonLine: String {
        var bytes: [UInt8] = []
        appendJSONLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON line (without newline) to `bytes`: what the decision log writes, with no
    /// intermediate `String`.
    public func appendJSONLine(to bytes: inout [UInt8]) {
        var out = JSONLineEncoder(bytes: bytes)
        bytes = []  // hand the storage over so appends do not copy it
        out.reserve(256 + reason.utf8.count + (exe?.utf8.count ?? 0))
        out.key("time")
        out.string(time)
        out.key("decision")
        out.string(decision.rawValue)
        if audit {
            out.key("audit")
            out.bool(true)
        }
        out.key("kind")
        out.string(kind.rawValue)
        out.key("listener")
        out.string(listener.rawValue)
        if let pid {
            out.key("pid")
            out.int(pid)
        }
        if let exe {
            out.key("exe")
            out.string(exe)
        }
        if !ancestors.isEmpty {
            out.key("ancestors")
            out.strings(ancestors)
        }
        if !cmdline.isEmpty {
            out.key("cmdline")
            out.strings(cmdline)
        }
        if let host {
            out.key("host")
            out.string(host)
        }
        if let ip {
            out.key("ip")
            out.string(ip)
        }
        if let port {
            out.key("port")
            out.int(port)
        }
        if let hostSource {
            out.key("host_source")
            out.string(hostSource.rawValue)
        }
        if let unixPath {
            out.key("unix_path")
            out.string(unixPath)
        }
        if let httpMethod {
            out.key("http_method")
            out.string(httpMethod)
        }
        if let httpPath {
            out.key("http_path")
            out.string(httpPath)
        }
        if let policy {
            out.key("policy")
            out.string(policy)
        }
        out.key("reason")
        out.string(reason)
        if !hints.isEmpty {
            out.key("hints")
            out.strings(hints)
        }
        if let bytesUp {
            out.key("bytes_up")
            out.int(bytesUp)
        }
        if let bytesDown {
            out.key("bytes_down")
            out.int(bytesDown)
        }
        if let durationMilliseconds {
            out.key("duration_ms")
            out.int(durationMilliseconds)
        }
        if let error {
            out.key("error")
            out.string(error)
        }
        out.close()
        bytes = out.bytes
    }
}

/// Writes one flat JSON object into a byte array: keys are ASCII literals, strings are escaped so
/// that the line stays one line and safe to show.
///
/// Escaped: `"` and `\`, every C0 control (U+0000–U+001F, short forms for \n \r \t \b \f), DEL,
/// the C1 controls (U+0080–U+009F) and U+2028/U+2029 (line breaks to JavaScript); every other
/// character, ASCII or not, is copied as its UTF-8 bytes. Runs of plain bytes are copied at once.
struct JSONLineEncoder {
    var bytes: [UInt8]
    private var empty = true

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    mutating func key(_ name: StaticString) {
        bytes.append(empty ? UInt8(ascii: "{") : UInt8(ascii: ","))
        empty = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func close() {
        if empty { bytes.append(UInt8(ascii: "{")) }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func bool(_ value: Bool) {
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [
                UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e"),
            ])
        }
    }

    mutating func int(_ value: Int) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Magnitude as UInt so Int.min needs no special case.
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { escape($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var i = 0
        let count = text.count
        while i < count {
            let byte = text[i]
            let escapedLength: Int
            if byte >= 0x20 && byte < 0x7F {
                if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                escapedLength = 1
            } else if byte < 0x80 {
                escapedLength = 1  // C0 or DEL
            } else if byte == 0xC2, i + 1 < count, text[i + 1] >= 0x80, text[i + 1] <= 0x9F {
                escapedLength = 2  // C1 control
            } else if byte == 0xE2, i + 2 < count, text[i + 1] == 0x80, text[i + 2] == 0xA8 || text[i + 2] == 0xA9 {
                escapedLength = 3  // U+2028, U+2029
            } else {
                i += 1
                continue
            }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i])) }
            switch escapedLength {
            case 1: escapeASCII(byte)
            case 2: unicodeEscape(UInt32(text[i + 1]))  // U+0080–U+009F: the second byte is the scalar
            default: unicodeEscape(text[i + 2] == 0xA8 ? 0x2028 : 0x2029)
            }
            i += escapedLength
            runStart = i
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<count])) }
    }

    private mutating func escapeASCII(_ byte: UInt8) {
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            unicodeEscape(UInt32(byte))
            return
        }
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(short)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func unicodeEscape(_ scalar: UInt32) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
        }
    }
}
