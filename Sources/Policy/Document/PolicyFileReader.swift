import Foundation

/// Reads a policy file with plain POSIX calls, so a failure names the step and the errno text
/// (`open: No such file or directory`) rather than a Foundation error's prose.
enum PolicyFileReader {
    static func read(_ path: String) throws(PolicyError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path, errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        let chunk = 64 * 1024
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                Foundation.read(fd, buffer.baseAddress! + start, chunk)
            }
            if count < 0 {
                let code = errno
                if code == EINTR {
                    bytes.removeLast(chunk)
                    continue
                }
                throw failure("read", path, code)
            }
            bytes.removeLast(chunk - count)
            if count == 0 { break }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError(.syntax, file: path, message: "expected UTF-8 text, found invalid bytes")
        }
        return text
    }

    private static func failure(_ step: String, _ path: String, _ code: Int32) -> PolicyError {
        PolicyError(.unreadable, file: path, message: "\(step): \(String(cString: strerror(code)))")
    }
}
