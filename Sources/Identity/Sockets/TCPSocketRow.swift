/// One line of `/proc/net/tcp` or `/proc/net/tcp6`: the fields the owner lookup needs.
///
/// ```
///   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
///    0: 0100007F:9D78 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 48213 1 …
/// ```
/// Addresses are the kernel's `__be32` words printed with `%08X` as this host reads them, so each
/// 32-bit word is byte-swapped on a little-endian machine (`0100007F` is 127.0.0.1); tcp6 prints
/// four such words. Ports are `ntohs` values, so plain hex. Time-wait and request sockets have
/// inode 0: no process holds them.
struct TCPSocketRow: Sendable, Hashable {
    var local: SocketEndpoint
    var remote: SocketEndpoint
    /// The kernel's TCP state number (1 established, 10 listen, 6 time-wait…).
    var state: UInt8
    var inode: UInt64

    /// Parses one line without its newline; nil for the header and for anything malformed.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> TCPSocketRow? {
        var scanner = FieldScanner(line)
        // "0:" — the slot number; the header's "sl" fails here.
        guard let slot = scanner.next(), slot.last == UInt8(ascii: ":") else { return nil }
        guard let local = scanner.next().flatMap(endpoint), let remote = scanner.next().flatMap(endpoint),
            let stateField = scanner.next(), let state = hex(stateField).flatMap({ UInt8(exactly: $0) })
        else { return nil }
        // tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout
        for _ in 0..<5 { guard scanner.next() != nil else { return nil } }
        guard let inodeField = scanner.next(), let inode = decimal(inodeField) else { return nil }
        return TCPSocketRow(local: local, remote: remote, state: state, inode: inode)
    }

    /// Parses every row of a whole file (tests and diagnostics; the lookup streams).
    static func parseAll(_ text: String) -> [TCPSocketRow] {
        var rows: [TCPSocketRow] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let row = Array(line).withUnsafeBufferPointer { parse($0) }
            if let row { rows.append(row) }
        }
        return rows
    }

    /// `0100007F:1F90` (8 hex digits) or 32 hex digits, a colon and 4.
    static func endpoint(_ field: UnsafeBufferPointer<UInt8>) -> SocketEndpoint? {
        guard let colon = field.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let address = UnsafeBufferPointer(rebasing: field[..<colon])
        let portField = UnsafeBufferPointer(rebasing: field[(colon + 1)...])
        guard portField.count == 4, let port = hex(portField) else { return nil }
        switch address.count {
        case 8:
            guard let word = hex(address) else { return nil }
            return SocketEndpoint(ipv4: networkOrder(word), port: UInt16(port))
        case 32:
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<4 {
                let start = address.startIndex + index * 8
                guard let word = hex(UnsafeBufferPointer(rebasing: address[start..<start + 8])) else { return nil }
                if index < 2 {
                    high = high << 32 | UInt64(networkOrder(word))
                } else {
                    low = low << 32 | UInt64(networkOrder(word))
                }
            }
            return SocketEndpoint(ipv6High: high, low: low, port: UInt16(port))
        default:
            return nil
        }
    }

    /// A word the kernel printed in host byte order, as the number whose big-endian bytes are the
    /// address: its bytes in memory are the bytes on the wire.
    static func networkOrder(_ printed: UInt64) -> UInt32 { UInt32(bigEndian: UInt32(truncatingIfNeeded: printed)) }

    /// Up to 16 hex digits (either case).
    static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte &- UInt8(ascii: "0"))
        }
        return value
    }
}

/// Splits a line at runs of spaces without copying.
private struct FieldScanner {
    let line: UnsafeBufferPointer<UInt8>
    var position: Int

    init(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        position = line.startIndex
    }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while position < line.endIndex, line[position] == UInt8(ascii: " ") { position += 1 }
        guard position < line.endIndex else { return nil }
        let start = position
        while position < line.endIndex, line[position] != UInt8(ascii: " ") { position += 1 }
        return UnsafeBufferPointer(rebasing: line[start..<position])
    }
}
