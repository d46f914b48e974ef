#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds since the Unix epoch: `time.now_ns()` when the caller fixes no time. The standard
/// library has only monotonic clocks, so this one call reaches libc; it is the engine's only one.
enum WallClock {
    static func nowNanos() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int(ts.tv_sec) &* 1_000_000_000 &+ Int(ts.tv_nsec)
    }
}
