import Foundation
import Glibc

/// A scratch directory under /tmp, removed with everything in it on deinit.
public final class TemporaryDirectory {
    public let path: String

    public init(_ label: String = "test") throws {
        var template = Array("/tmp/airlock-\(label)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestSetupError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    public func path(_ relative: String) -> String { path + "/" + relative }

    public func makeDirectory(_ relative: String, mode: mode_t = 0o755) throws {
        try FileManager.default.createDirectory(
            atPath: path(relative), withIntermediateDirectories: true,
            attributes: [.posixPermissions: Int(mode)])
    }

    public func write(_ relative: String, _ contents: String, mode: mode_t = 0o644) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: full, contents: Data(contents.utf8), attributes: [.posixPermissions: Int(mode)])
        else {
            throw TestSetupError("cannot write \(full)")
        }
    }

    /// `relative` becomes a symlink whose text is exactly `target`.
    public func link(_ relative: String, to target: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard symlink(target, full) == 0 else {
            throw TestSetupError("symlink \(full) -> \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// Copies with `cp` in a child process. Copying here would hold a write descriptor that
    /// a concurrently spawned child inherits for a moment, and executing the copy then fails with
    /// ETXTBSY.
    public func copy(_ source: String, to relative: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Command.run("/bin/cp", [source, full])
    }

    deinit {
        // Restore search permission first: a test may have locked a directory (chmod 000).
        _ = try? Command.run("/bin/chmod", ["-R", "u+rwx", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
