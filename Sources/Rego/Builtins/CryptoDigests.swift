/// Message digests in pure Swift (RFC 1321, FIPS 180-4) for `crypto.*` and `crypto.hmac.*`.
/// These hash policy data, not secrets at rest: correctness matters, constant time does not
/// (except for `crypto.hmac.equal`, see Crypto.swift).
protocol Digest: Sendable {
    /// Input block size in bytes (for HMAC).
    static var blockSize: Int { get }
    static func hash(_ message: [UInt8]) -> [UInt8]
}

/// Merkle–Damgård padding: a 1 bit, zeros, then the message length in bits (`lengthBytes` wide,
/// big- or little-endian) so the total is a multiple of the block size.
private func padded(_ message: [UInt8], blockSize: Int, lengthBytes: Int, bigEndian: Bool) -> [UInt8] {
    var data = message
    data.reserveCapacity(message.count + blockSize + lengthBytes)
    data.append(0x80)
    while (data.count + lengthBytes) % blockSize != 0 { data.append(0) }
    let bits = UInt64(message.count) &* 8
    var length = [UInt8](repeating: 0, count: lengthBytes)
    for i in 0..<8 {
        let byte = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))
        if bigEndian { length[lengthBytes - 1 - i] = byte } else { length[i] = byte }
    }
    data.append(contentsOf: length)
    return data
}

enum MD5: Digest {
    static let blockSize = 64

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]
    /// floor(|sin(i + 1)| · 2^32), the constants of RFC 1321.
    private static let constants: [UInt32] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ]

    static func hash(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476]
        let data = padded(message, blockSize: 64, lengthBytes: 8, bigEndian: false)
        let (shifts, constants) = (MD5.shifts, MD5.constants)  // hoisted: no lazy-global checks in the loop
        var m = [UInt32](repeating: 0, count: 16)
        for block in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let o = block + 4 * i
                m[i] = UInt32(data[o]) | UInt32(data[o + 1]) << 8 | UInt32(data[o + 2]) << 16 | UInt32(data[o + 3]) << 24
            }
            var (a, b, c, d) = (state[0], state[1], state[2], state[3])
            for i in 0..<64 {
                var f: UInt32
                let g: Int
                switch i {
                case 0..<16: (f, g) = ((b & c) | (~b & d), i)
                case 16..<32: (f, g) = ((d & b) | (~d & c), (5 * i + 1) % 16)
                case 32..<48: (f, g) = (b ^ c ^ d, (3 * i + 5) % 16)
                default: (f, g) = (c ^ (b | ~d), (7 * i) % 16)
                }
                f = f &+ a &+ constants[i] &+ m[g]
                a = d
                d = c
                c = b
                b = b &+ f.rotatedLeft(by: shifts[i])
            }
            state[0] = state[0] &+ a
            state[1] = state[1] &+ b
            state[2] = state[2] &+ c
            state[3] = state[3] &+ d
        }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for word in state {
            for j in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(j)))) }
        }
        return out
    }
}

enum SHA1: Digest {
    static let blockSize = 64

    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        let data = padded(message, blockSize: 64, lengthBytes: 8, bigEndian: true)
        var w = [UInt32](repeating: 0, count: 80)
        for block in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 { w[i] = bigEndianWord32(data, block + 4 * i) }
            for i in 16..<80 { w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotatedLeft(by: 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let t = a.rotatedLeft(by: 5) &+ f &+ e &+ k &+ w[i]
                e = d
                d = c
                c = b.rotatedLeft(by: 30)
                b = a
                a = t
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
        }
        return bigEndianBytes(h)
    }
}

enum SHA512: Digest {
    static let blockSize = 128

    private static let k: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
        0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
        0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
        0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
        0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
        0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
        0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
        0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
        0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
        0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    static func hash(_ message: [UInt8]) -> [UInt8] {
        hash(message, initial: [
            0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
            0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
        ], outputBytes: 64)
    }

    /// The SHA-512 compression over `message` from the `initial` state, truncated to `outputBytes`
    /// (SHA-384 is this with its own initial state and 48 bytes).
    static func hash(_ message: [UInt8], initial: [UInt64], outputBytes: Int) -> [UInt8] {
        var h = initial
        let data = padded(message, blockSize: 128, lengthBytes: 16, bigEndian: true)
        let k = SHA512.k
        var w = [UInt64](repeating: 0, count: 80)
        for block in stride(from: 0, to: data.count, by: 128) {
            for i in 0..<16 {
                var word: UInt64 = 0
                for j in 0..<8 { word = word << 8 | UInt64(data[block + 8 * i + j]) }
                w[i] = word
            }
            for i in 16..<80 {
                let s0 = w[i - 15].rotatedRight(by: 1) ^ w[i - 15].rotatedRight(by: 8) ^ (w[i - 15] >> 7)
                let s1 = w[i - 2].rotatedRight(by: 19) ^ w[i - 2].rotatedRight(by: 61) ^ (w[i - 2] >> 6)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<80 {
                let s1 = e.rotatedRight(by: 14) ^ e.rotatedRight(by: 18) ^ e.rotatedRight(by: 41)
                let t1 = hh &+ s1 &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let s0 = a.rotatedRight(by: 28) ^ a.rotatedRight(by: 34) ^ a.rotatedRight(by: 39)
                let t2 = s0 &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
            h[5] = h[5] &+ f
            h[6] = h[6] &+ g
            h[7] = h[7] &+ hh
        }
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in h {
            for j in 0..<8 { out.append(UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(j)))) }
        }
        return Array(out.prefix(outputBytes))
    }
}

/// SHA-384 (FIPS 180-4): SHA-512 with other initial values, truncated to 48 bytes.
enum SHA384: Digest {
    static let blockSize = 128

    static func hash(_ message: [UInt8]) -> [UInt8] {
        SHA512.hash(message, initial: [
            0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
            0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
        ], outputBytes: 48)
    }
}

/// HMAC (RFC 2104) over any of the digests.
enum HMAC {
    static func authenticate<D: Digest>(_ message: [UInt8], key: [UInt8], with _: D.Type) -> [UInt8] {
        var block = key.count > D.blockSize ? D.hash(key) : key
        block += [UInt8](repeating: 0, count: D.blockSize - block.count)
        let inner = D.hash(block.map { $0 ^ 0x36 } + message)
        return D.hash(block.map { $0 ^ 0x5C } + inner)
    }
}

@inline(__always) private func bigEndianWord32(_ data: [UInt8], _ o: Int) -> UInt32 {
    UInt32(data[o]) << 24 | UInt32(data[o + 1]) << 16 | UInt32(data[o + 2]) << 8 | UInt32(data[o + 3])
}

private func bigEndianBytes(_ words: [UInt32]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(words.count * 4)
    for word in words {
        out.append(UInt8(truncatingIfNeeded: word >> 24))
        out.append(UInt8(truncatingIfNeeded: word >> 16))
        out.append(UInt8(truncatingIfNeeded: word >> 8))
        out.append(UInt8(truncatingIfNeeded: word))
    }
    return out
}

extension UInt32 {
    @inline(__always) func rotatedLeft(by n: UInt32) -> UInt32 { self << n | self >> (32 - n) }
    @inline(__always) func rotatedRight(by n: UInt32) -> UInt32 { self >> n | self << (32 - n) }
}

extension UInt64 {
    @inline(__always) func rotatedRight(by n: UInt64) -> UInt64 { self >> n | self << (64 - n) }
}
