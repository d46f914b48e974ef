import Foundation
import Glibc

/// Runs helper commands for the tests and keeps long-running ones to stop them later.
public enum Command {
    /// Runs to completion; throws with the output when it fails. Output goes through a file, not
    /// a pipe: children other tests start meanwhile inherit open descriptors, and a pipe would
    /// not reach end-of-file until they exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, text) = try outcome(executable, arguments)
        guard status == 0 else {
            throw TestSetupError("\(executable) \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// Runs to completion and returns the exit status with the output (stdout and stderr), for
    /// commands whose failure is what a test checks.
    public static func outcome(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = "/tmp/airlock-test-output-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw TestSetupError("cannot create \(outputPath)")
        }
        defer { unlink(outputPath) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// Whether `name` is an executable file, so a test can say which tool is missing.
    public static func require(_ path: String, package: String) throws {
        guard access(path, X_OK) == 0 else {
            throw TestSetupError("\(path) is missing (install the Debian package \(package))")
        }
    }
}

/// A process started for a test, killed and reaped on deinit.
public final class RunningProcess {
    public let process: Process
    public var pid: pid_t { process.processIdentifier }

    public init(_ executable: String, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the process has executed a file whose kernel path satisfies `ready` (so an
    /// exec through chroot, unshare or a shell is complete).
    /// exec switches the `exe` link before it lays out the new argv, so this also waits for a
    /// non-empty cmdline.
    public func waitForExe(_ ready: (String) -> Bool) throws {
        try waitUntil("pid \(pid) to exec the expected file") {
            guard let link = try? readLinkText("/proc/\(pid)/exe"), ready(link),
                let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            return !cmdline.isEmpty
        }
    }

    /// Kills the process and everything it started: Foundation counts a child as running while
    /// any descendant still holds the descriptors it was started with.
    public func stop() {
        if process.isRunning {
            for descendant in descendantPIDs(of: pid) { kill(descendant, SIGKILL) }
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Children, grandchildren… of `pid`, deepest last.
public func descendantPIDs(of pid: pid_t) -> [pid_t] {
    var found: [pid_t] = []
    var frontier = [pid]
    while let next = frontier.popLast() {
        let children = childPIDs(of: next)
        found += children
        frontier += children
    }
    return found
}

/// Polls `condition` every 10 ms for up to 10 s.
public func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if try condition() { return }
        usleep(10_000)
    }
    throw TestSetupError("timed out waiting for \(what)")
}

/// `readlink(2)` as the test sees it, independent of the code under test.
public func readLinkText(_ path: String) throws -> String {
    try FileManager.default.destinationOfSymbolicLink(atPath: path)
}

public func parentPID(of pid: pid_t) -> pid_t? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = text.lastIndex(of: ")")
    else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    return fields.count > 1 ? pid_t(fields[1]) : nil
}

/// Children of `pid`, found by scanning /proc (CONFIG_PROC_CHILDREN may be off).
public func childPIDs(of pid: pid_t) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { parentPID(of: $0) == pid }
}
