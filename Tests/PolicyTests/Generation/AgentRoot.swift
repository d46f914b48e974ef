import Foundation
import Glibc
import Logging
import Policy
import Rego
import TestSupport

/// A directory laid out like an agent container's root: the symlinks images really ship
/// (`python3 -> python3.11`, `/bin -> usr/bin`, `/var/run -> ../run`). With `runnable`, the
/// "binaries" are copies of a static test program, so a process can run chrooted here.
final class AgentRoot {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init(python: String = "python3.11", runnable: Bool = false) throws {
        directory = try TemporaryDirectory("agent-root")
        let binaries = ["usr/bin/\(python)", "usr/bin/curl", "usr/bin/docker", "usr/bin/git"]
        for binary in binaries {
            if runnable {
                try directory.copy(try TestPrograms.sleeper, to: binary)
            } else {
                try directory.write(binary, "#!/not/really\n", mode: 0o755)
            }
        }
        try directory.link("usr/bin/python3", to: python)
        try directory.link("usr/local/bin/python", to: "/usr/bin/python3")
        try directory.link("bin", to: "usr/bin")
        try directory.write("run/docker.sock", "")
        try directory.link("var/run", to: "../run")
    }
}

/// The rules this repository ships, found from this file's place in the source tree.
enum ShippedRules {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/airlock").path

    static var sources: RuleSources { RuleSources(paths: [directory]) }
}

/// A policy file in a scratch directory, rewritten by tests that reload.
final class PolicyFile {
    let directory: TemporaryDirectory
    var path: String { directory.path("policy.yaml") }

    init(_ text: String) throws {
        directory = try TemporaryDirectory("policy")
        try write(text)
    }

    func write(_ text: String) throws {
        // Renamed into place, as editors and ConfigMap updates do: a reader never sees half a file.
        let scratch = directory.path(".policy.yaml.new")
        try text.write(toFile: scratch, atomically: false, encoding: .utf8)
        guard rename(scratch, path) == 0 else { throw TestSetupError("rename: \(String(cString: strerror(errno)))") }
    }

    var sources: PolicySources { PolicySources(policyFile: path, rules: ShippedRules.sources) }

    func generation(root: PolicyRoot) throws -> PolicyGeneration {
        try PolicyGeneration(number: 1, sources: sources, root: root)
    }
}

/// Log lines, kept for assertions.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var messages: [String] { lock.withLock { lines } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var logger: Logger {
        Logger(label: "airlock.test") { _ in CapturingHandler(log: self) }
    }

    private struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var line = "\(event.level): \(event.message)"
            if let extra = event.metadata, !extra.isEmpty {
                line += " " + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            }
            log.append(line)
        }
    }
}

extension ConnectionFacts.Process {
    static func exe(_ path: String, ancestors: [String] = ["/usr/bin/bash"]) -> ConnectionFacts.Process {
        ConnectionFacts.Process(pid: 42, exe: path, ancestors: ancestors)
    }
}

extension Value {
    /// An object's field by name (nil when absent or not an object).
    func field(_ name: String) -> Value? { self[.string(name)] }
}
