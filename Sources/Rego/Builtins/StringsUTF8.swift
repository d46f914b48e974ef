/// Byte-level string helpers. Go compares and searches strings by their UTF-8 bytes (no Unicode
/// normalisation, unlike Swift's `String ==` and `hasPrefix`), so the strings builtins work on
/// UTF-8 buffers. Searching valid UTF-8 for valid UTF-8 bytewise only ever matches at scalar
/// boundaries, so byte results convert cleanly to code-point results.
enum UTF8Text {
    /// Runs `body` with the contiguous UTF-8 bytes of `s` (native strings already are).
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = s
        return try s.withUTF8(body)
    }

    @inline(__always)
    static func withBytes<R>(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try withBytes(a) { pa in try withBytes(b) { pb in try body(pa, pb) } }
    }

    /// Offset of the first occurrence of `needle` in `hay` at or after `start`.
    static func firstIndex(
        of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        let n = needle.count
        if n == 0 { return start <= hay.count ? start : nil }
        guard hay.count - start >= n else { return nil }
        let first = needle[0]
        var i = start
        let last = hay.count - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        withBytes(s, prefix) { a, b in
            a.count >= b.count && memoryEqual(a, 0, b)
        }
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        withBytes(s, suffix) { a, b in
            a.count >= b.count && memoryEqual(a, a.count - b.count, b)
        }
    }

    static func contains(_ s: String, _ part: String) -> Bool {
        withBytes(s, part) { a, b in firstIndex(of: b, in: a) != nil }
    }

    @inline(__always)
    static func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ offset: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            if a[offset + i] != b[i] { return false }
            i += 1
        }
        return true
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Number of scalars that start before byte `offset`.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo offset: Int) -> Int {
        scalarCount(bytes, from: 0, to: offset)
    }

    /// Number of scalars that start in the byte range `start..<end`.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        for i in start..<end where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Length of the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    static func scalarWidth(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : (lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4))
    }

    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
