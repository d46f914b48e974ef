#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unbuffered writes to standard output and standard error through write(2), so that output from
/// `print` sinks and log handlers on any thread needs no shared `FILE*` (not `Sendable`).
enum StandardStreams {
    static func writeOutput(_ text: String) { write(fd: 1, text) }
    static func writeError(_ text: String) { write(fd: 2, text) }

    private static func write(fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                    let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing sensible left to do with the output
                }
                offset += n
            }
        }
    }
}
