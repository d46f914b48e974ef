/// An open-addressing index from key hashes to positions in a sorted key array (the owner keeps
/// the keys and their hashes), with a fast non-cryptographic hash. Used by large objects and sets: a lookup hashes the key's bytes once
/// and usually compares one candidate, far cheaper than `Dictionary<Value, Int>` with SipHash.
///
/// Hash flooding is not a concern here: keys come from policies, data and one request's facts,
/// and the probe sequence is bounded by the table, which is at most half full.
@usableFromInline struct KeyIndex: Sendable {
    /// Position + 1 of the key in each bucket; 0 is empty.
    @usableFromInline var buckets: [Int32]
    @usableFromInline var mask: Int

    /// Indexes keys whose `fastHash`es are `hashes` (same order).
    @usableFromInline init(hashes: [UInt64]) {
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        buckets = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for (position, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while buckets[i] != 0 { i = (i + 1) & mask }
            buckets[i] = Int32(position + 1)
        }
    }

    @inlinable func position(of key: Value, hash h: UInt64, in keys: [Value], hashes: [UInt64]) -> Int? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let p = Int(buckets[i])
            if p == 0 { return nil }
            if hashes[p - 1] == h && keys[p - 1] == key { return p - 1 }
            i = (i + 1) & mask
        }
    }
}

extension Value {
    /// A fast 64-bit hash consistent with `==` (wyhash-style mixing of the UTF-8 bytes for
    /// strings; numbers by value). Not for hostile inputs; see `KeyIndex`.
    @inlinable var fastHash: UInt64 {
        switch self {
        case .string(let s):
            if let h = s.utf8.withContiguousStorageIfAvailable({ Value.hashBytes($0) }) { return h }
            var copy = s
            return copy.withUTF8 { Value.hashBytes($0) }
        case .number(let n):
            switch n.storage {
            case .int(let i): return Value.mix(UInt64(bitPattern: Int64(i)) ^ 0x9E37_79B9_7F4A_7C15)
            case .double(let d): return Value.mix(d.bitPattern ^ 0xC2B2_AE3D_27D4_EB4F)
            }
        default:
            var hasher = Hasher()
            hash(into: &hasher)
            return UInt64(bitPattern: Int64(hasher.finalize()))
        }
    }

    @inlinable static func mix(_ x: UInt64) -> UInt64 {
        let m = x.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return m.high ^ m.low
    }

    @inlinable static func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xA076_1D64_78BD_642F ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return mix(h) }
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = mix(h ^ w ^ 0xE703_7ED1_A0B4_28DB)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h ^ tail ^ 0x8EBC_6AF0_9C88_C6E3)
    }
}
