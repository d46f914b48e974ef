import Glibc

extension DecisionRecord {
    /// Now, as the log writes it: UTC, RFC 3339 with milliseconds (`2026-12-04T21:15:02.123Z`).
    /// From `clock_gettime(CLOCK_REALTIME)` and `gmtime_r`: no Foundation, no allocation but the string.
    public static func currentTime() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return formatTime(secondsSinceEpoch: Int(now.tv_sec), milliseconds: Int(now.tv_nsec) / 1_000_000)
    }

    /// `secondsSinceEpoch` (UTC) plus `milliseconds` (0…999) as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func formatTime(secondsSinceEpoch: Int, milliseconds: Int) -> String {
        var seconds = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var at = 0
            func put(_ value: Int, digits: Int) {
                var value = value
                for i in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[at + i] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                at += digits
            }
            func put(_ ascii: Unicode.Scalar) {
                buffer[at] = UInt8(ascii: ascii)
                at += 1
            }
            put(Int(parts.tm_year) + 1900, digits: 4)
            put("-")
            put(Int(parts.tm_mon) + 1, digits: 2)
            put("-")
            put(Int(parts.tm_mday), digits: 2)
            put("T")
            put(Int(parts.tm_hour), digits: 2)
            put(":")
            put(Int(parts.tm_min), digits: 2)
            put(":")
            put(Int(parts.tm_sec), digits: 2)
            put(".")
            put(min(max(milliseconds, 0), 999), digits: 3)
            put("Z")
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<at]), as: UTF8.self)
        }
    }
}
