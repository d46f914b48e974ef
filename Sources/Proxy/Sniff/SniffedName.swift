/// The host-name check both sniffers apply to what a client claims (SNI, Host), so a name means
/// the same to policy whichever way it arrived.
enum SniffedName: Equatable {
    case name(String)
    /// What is wrong, to follow "server name" or "Host".
    case invalid(String)

    /// ASCII letters, digits, `-`, `_`, dots between non-empty labels of at most 63 bytes, at most
    /// 253 bytes, and one optional trailing dot (dropped: `pypi.org.` is `pypi.org`). Lower-cased,
    /// since policy compares names case-insensitively. IPv4 literals pass as names.
    static func validate(_ raw: UnsafeRawBufferPointer) -> SniffedName {
        var bytes = raw
        if bytes.last == UInt8(ascii: ".") { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        guard !bytes.isEmpty else { return .invalid("is empty") }
        guard bytes.count <= 253 else { return .invalid("has \(raw.count) bytes, more than 253") }
        var labelLength = 0
        for c in bytes {
            switch c {
            case UInt8(ascii: "."):
                guard labelLength > 0 else { return .invalid("has an empty label") }
                labelLength = 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                labelLength += 1
                guard labelLength <= 63 else { return .invalid("has a label longer than 63 bytes") }
            default:
                return .invalid("contains byte 0x\(hex(c))")
            }
        }
        guard labelLength > 0 else { return .invalid("has an empty label") }
        let name = String(unsafeUninitializedCapacity: bytes.count) { out in
            for (i, c) in bytes.enumerated() {
                out[i] = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
            }
            return bytes.count
        }
        return .name(name)
    }

    static func hex(_ c: UInt8) -> String {
        let digits = String(c, radix: 16)
        return c < 16 ? "0" + digits : digits
    }
}
