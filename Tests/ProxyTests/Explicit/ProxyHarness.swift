import Foundation
import Logging
import NIOCore
import Policy
import Proxy
import TestSupport

/// An egress proxy started in the test process on a free loopback port, with a policy file, the
/// shipped rules and a decision log in a scratch directory.
final class ProxyHarness {
    let directory: TemporaryDirectory
    let proxy: EgressProxy
    let log: DecisionLog
    let port: Int

    static let rules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/airlock").path

    init(policy: String) throws {
        directory = try TemporaryDirectory("proxy")
        try directory.write("policy.yaml", policy)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let store = try PolicyStore(
            sources: PolicySources(policyFile: directory.path("policy.yaml"), rules: RuleSources(paths: [Self.rules])),
            root: .host, logger: logger)
        log = try DecisionLog(file: directory.path("decisions.jsonl"), alsoStderr: false)
        var configuration = ProxyConfiguration()
        configuration.explicitListen = "127.0.0.1:0"
        configuration.maximumHeaderBytes = 8 * 1024
        proxy = EgressProxy(configuration: configuration, store: store, log: log, logger: logger, threads: 2)
        port = try proxy.start().port ?? 0
    }

    var proxyURL: String { "http://127.0.0.1:\(port)" }

    /// The decision log's records so far (after a flush).
    func records() throws -> [DecisionRecord] {
        log.flush()
        let text = (try? String(contentsOfFile: directory.path("decisions.jsonl"), encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line throws in try DecisionRecord(jsonLine: String(line)) }
    }

    deinit {
        try? proxy.shutdown()
        log.close()
    }
}

/// A Python process: `python3 -c SCRIPT ARGS…`, its output captured.
func python(_ script: String, _ arguments: [String] = []) throws -> String {
    try Command.run("/usr/bin/python3", ["-c", script] + arguments)
}

/// `python3 -m http.server` on a free loopback port, serving a directory with one known file.
final class LocalHTTPServer {
    let directory: TemporaryDirectory
    let process: RunningProcess
    let port: Int

    init() throws {
        directory = try TemporaryDirectory("upstream")
        try directory.write("hello.txt", "hello through airlock\n")
        port = try freePort()
        process = try RunningProcess(
            "/usr/bin/python3", ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", directory.path])
        try waitUntil("the upstream on port \(port) to listen") { canConnect(port: port) }
    }
}

func freePort() throws -> Int {
    let text = try python("import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
    guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw TestSetupError("no free port: \(text)")
    }
    return port
}

func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}
