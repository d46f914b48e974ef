import Foundation
import Testing

/// Runs the built `airlock` binary as a user would and captures what it prints.
///
/// The binary is `$AIRLOCK_BIN` when set (e.g. to test a release build), else the one SwiftPM
/// built next to this test bundle.
struct AirlockProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output parsed as JSON (objects as dictionaries), or nil when it is not JSON.
        var json: Any? {
            try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["AIRLOCK_BIN"] { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "airlock"),
            Bundle.main.bundleURL.appendingPathComponent("airlock"),
            repositoryRoot.appendingPathComponent(".build/debug/airlock"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Runs `airlock ARGS…` in `directory` (the repository root by default) and waits for it.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Outcome {
        let binary = Self.binary
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "no airlock binary at \(binary.path): run `swift build` first or set AIRLOCK_BIN")
        let scratch = try Scratch()
        let out = scratch.url.appendingPathComponent("stdout")
        let err = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Files, not pipes: a chatty child can never block on a full pipe we are not reading.
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// A temporary directory removed when the value goes away; tests write policies and inputs here.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `relativePath` (creating folders) and returns the file's path.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func path(_ relativePath: String) -> String { url.appendingPathComponent(relativePath).path }
}

/// Helpers to dig into parsed JSON without a cascade of casts.
extension Optional where Wrapped == Any {
    subscript(key: String) -> Any? {
        guard case .some(let wrapped) = self, let object = wrapped as? [String: Any] else { return nil }
        return object[key]
    }

    subscript(index: Int) -> Any? {
        guard case .some(let wrapped) = self, let array = wrapped as? [Any], index < array.count else { return nil }
        return array[index]
    }
}
