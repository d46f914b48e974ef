extension Builtins {
    /// The `misc` family: `uuid.rfc4122` and `uuid.parse`. (`print` and `walk` are evaluated by the
    /// evaluator itself; `opa.runtime` needs the engine's configuration and lives there too.)
    static let misc: [Builtin] = [
        // A random version 4 UUID, the same for equal keys within one evaluation (OPA caches it
        // per query).
        Builtin("uuid.rfc4122", arity: 1, nondeterministic: true) { args, context in
            var bytes = [UInt8](repeating: 0, count: 16)
            for half in 0..<2 {
                var hasher = Hasher()
                hasher.combine(args[0])
                hasher.combine(context.nowNanos)
                hasher.combine(half)
                let bits = UInt64(bitPattern: Int64(hasher.finalize()))
                for i in 0..<8 { bytes[half * 8 + i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
            }
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
            return .string(UUIDText.format(bytes))
        },
        Builtin("uuid.parse", arity: 1) { args, _ throws(BuiltinError) in
            guard let bytes = UUIDText.parse(try args.string(1)) else { return nil }
            return .object(UUIDText.describe(bytes))
        },
    ]
}

/// UUID text forms as Go's `github.com/google/uuid` reads them, and OPA's description of one.
enum UUIDText {
    static func format(_ bytes: [UInt8]) -> String {
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            hex.utf8.dropFirst(range.lowerBound).prefix(range.count)
        }
        return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, the same in braces or after `urn:uuid:`, or 32 hex
    /// digits.
    static func parse(_ text: String) -> [UInt8]? {
        var s = Array(text.utf8)[...]
        switch s.count {
        case 36: break
        case 38:
            guard s.first == UInt8(ascii: "{"), s.last == UInt8(ascii: "}") else { return nil }
            s = s.dropFirst().dropLast()
        case 45:
            guard String(decoding: s.prefix(9), as: UTF8.self).lowercased() == "urn:uuid:" else { return nil }
            s = s.dropFirst(9)
        case 32:
            return hexBytes(s)
        default:
            return nil
        }
        let start = s.startIndex
        for dash in [8, 13, 18, 23] where s[start + dash] != UInt8(ascii: "-") { return nil }
        return hexBytes(s.filter { $0 != UInt8(ascii: "-") }[...])
    }

    private static func hexBytes(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        guard s.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in s {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return bytes
    }

    /// `version` and `variant`; versions 1 and 2 add their time (ns since the epoch), clock
    /// sequence and node; version 2 its local domain and id.
    static func describe(_ u: [UInt8]) -> RegoObject {
        let version = Int(u[6] >> 4)
        let variant: String
        switch u[8] {
        case let b where b & 0xC0 == 0x80: variant = "RFC4122"
        case let b where b & 0xE0 == 0xC0: variant = "Microsoft"
        case let b where b & 0xE0 == 0xE0: variant = "Future"
        default: variant = "Reserved"
        }
        var fields: [(String, Value)] = [("version", .int(version)), ("variant", .string(variant))]
        if version == 1 || version == 2 {
            func be(_ range: Range<Int>) -> Int { u[range].reduce(0) { $0 << 8 | Int($1) } }
            // 100 ns ticks since 1582-10-15; Go's arithmetic wraps, so does this.
            let ticks = be(0..<4) | be(4..<6) << 32 | (be(6..<8) & 0xFFF) << 48
            fields.append(("time", .int((ticks &- 122_192_928_000_000_000) &* 100)))
            fields.append(("clocksequence", .int(be(8..<10) & 0x3FFF)))
            let node = u[10]
            let mac = node & 3 == 3 ? "local:multicast" : node & 1 == 1 ? "global:multicast"
                : node & 2 == 2 ? "local:unicast" : "global:unicast"
            fields.append(("macvariables", .string(mac)))
            fields.append(("nodeid", .string(u[10..<16].map { Hex.encode([$0]) }.joined(separator: "-"))))
            if version == 2 {
                fields.append(("id", .int(be(0..<4))))
                let domains = ["Person", "Group", "Org"]
                fields.append(("domain", .string(Int(u[9]) < domains.count ? domains[Int(u[9])] : "Domain\(u[9])")))
            }
        }
        return RegoObject(fields)
    }
}
