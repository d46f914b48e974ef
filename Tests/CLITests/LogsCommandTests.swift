import Foundation
import Testing

/// `airlock logs` on real decision-log files, through the built binary.
@Suite("airlock logs")
struct LogsCommandTests {
    static let allow =
        #"{"time":"2026-12-04T21:15:02.123Z","decision":"allow","kind":"tcp_connect","listener":"transparent","pid":4711,"exe":"/usr/bin/python3.11","host":"pypi.org","ip":"151.101.0.223","port":443,"host_source":"sni","policy":"pypi","reason":"allowed by network policy pypi"}"#
    static let deny =
        #"{"time":"2026-12-04T21:15:03.000Z","decision":"deny","kind":"tcp_connect","listener":"transparent","pid":4712,"exe":"/usr/bin/curl","host":"evil.example","port":443,"reason":"no network policy allows /usr/bin/curl to reach evil.example:443","hints":["add {host: evil.example, port: 443} to a policy that lists /usr/bin/curl","SYMLINK HINT: \"/usr/bin/python3\" resolves to /usr/bin/python3.11"]}"#
    static let audit =
        #"{"time":"2026-12-04T21:15:04.500Z","decision":"allow","audit":true,"kind":"unix_connect","listener":"supervisor","pid":4713,"exe":"/usr/bin/docker","unix_path":"/var/run/docker.sock","policy":"docker","reason":"/usr/bin/docker is not among the binaries of docker","hints":["list /usr/bin/docker"]}"#
    static let http =
        #"{"time":"2026-12-04T21:15:05.001Z","decision":"allow","kind":"http_request","listener":"explicit","pid":4714,"exe":"/usr/bin/pip","host":"pypi.org","port":80,"http_method":"GET","http_path":"/simple/","policy":"pypi","reason":"allowed","error":"connect pypi.org:80: Connection refused","future_key":{"x":[1]}}"#
    static let udp =
        #"{"time":"2026-12-04T21:15:06.000Z","decision":"deny","kind":"udp_send","listener":"supervisor","ip":"2001:db8::1","port":53,"reason":"bell\u0007 and \u001b[31mescape\nnewline"}"#

    static let allowText =
        "2026-12-04T21:15:02.123Z ALLOW pid 4711 /usr/bin/python3.11 → pypi.org:443 policy pypi: allowed by network policy pypi\n"
    static let denyText = """
        2026-12-04T21:15:03.000Z DENY  pid 4712 /usr/bin/curl → evil.example:443 no policy: no network policy allows /usr/bin/curl to reach evil.example:443
          hint: add {host: evil.example, port: 443} to a policy that lists /usr/bin/curl
          hint: SYMLINK HINT: "/usr/bin/python3" resolves to /usr/bin/python3.11

        """
    static let auditText = """
        2026-12-04T21:15:04.500Z AUDIT pid 4713 /usr/bin/docker → unix /var/run/docker.sock policy docker: /usr/bin/docker is not among the binaries of docker
          hint: list /usr/bin/docker

        """
    static let httpText = """
        2026-12-04T21:15:05.001Z ALLOW pid 4714 /usr/bin/pip → pypi.org:80 GET /simple/ policy pypi: allowed
          error: connect pypi.org:80: Connection refused

        """
    static let udpText =
        #"2026-12-04T21:15:06.000Z DENY  pid ? ? → udp [2001:db8::1]:53 no policy: bell\u{7} and \u{1b}[31mescape\nnewline"#
        + "\n"

    static var all: String { [allow, deny, audit, http, udp].joined(separator: "\n") + "\n" }

    @Test func rendersEachDecisionForPeople() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", Self.all)
        let run = try AirlockProcess.run(["logs", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout == Self.allowText + Self.denyText + Self.auditText + Self.httpText + Self.udpText)
        // Standard output is a file here: no colour unless asked for.
        #expect(!run.stdout.contains("\u{1B}"))
    }

    @Test func coloursTheVerdictWhenAsked() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", [Self.allow, Self.deny, Self.audit].joined(separator: "\n"))
        let run = try AirlockProcess.run(["logs", "--color", "always", file])
        #expect(run.status == 0, "\(run.stderr)")
        let firsts = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(firsts.count == 3)
        #expect(firsts[0].hasPrefix("2026-12-04T21:15:02.123Z \u{1B}[32mALLOW\u{1B}[0m pid 4711 "))
        #expect(firsts[1].hasPrefix("2026-12-04T21:15:03.000Z \u{1B}[31mDENY\u{1B}[0m  pid 4712 "))
        #expect(firsts[2].hasPrefix("2026-12-04T21:15:04.500Z \u{1B}[33mAUDIT\u{1B}[0m pid 4713 "))
        let never = try AirlockProcess.run(["logs", "--color", "never", file])
        #expect(never.stdout == Self.allowText + Self.denyText + Self.auditText)
    }

    @Test func denyShowsDenialsAndAudits() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", Self.all)
        let run = try AirlockProcess.run(["logs", "--deny", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.denyText + Self.auditText + Self.udpText)
    }

    @Test func jsonPassesTheSelectedLinesThroughUnchanged() throws {
        let scratch = try Scratch()
        let spaced = #"{ "reason" : "spaced out", "time":"t", "decision":"deny", "kind":"dns_query", "listener":"supervisor", "host":"x.example" }"#
        let file = try scratch.write("decisions.jsonl", Self.all + spaced + "\n")
        let everything = try AirlockProcess.run(["logs", "--json", file])
        #expect(everything.status == 0, "\(everything.stderr)")
        #expect(everything.stdout == Self.all + spaced + "\n")
        let denials = try AirlockProcess.run(["logs", "--json", "--deny", file])
        #expect(denials.stdout == [Self.deny, Self.audit, Self.udp, spaced].joined(separator: "\n") + "\n")
        let rendered = try AirlockProcess.run(["logs", "--deny", file])
        #expect(rendered.stdout.hasSuffix("2026-12-04T21:15:06.000Z DENY  pid ? ? → udp [2001:db8::1]:53 no policy: bell\\u{7} and \\u{1b}[31mescape\\nnewline\nt DENY  pid ? ? → dns x.example no policy: spaced out\n"))
    }

    @Test func malformedLinesAreReportedAndSkipped() throws {
        let scratch = try Scratch()
        let missingReason = #"{"time":"t","decision":"deny","kind":"tcp_connect","listener":"explicit"}"#
        let lines = [Self.allow, "this is not json", Self.deny, missingReason, "", "   ", #"["an","array"]"#, Self.audit]
        // The last line has no final newline: it still counts.
        let file = try scratch.write("decisions.jsonl", lines.joined(separator: "\n"))
        let run = try AirlockProcess.run(["logs", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.allowText + Self.denyText + Self.auditText)
        let errors = run.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 4, "\(run.stderr)")
        #expect(errors.first?.hasPrefix("\(file):2: skipped: ") == true, "\(run.stderr)")
        #expect(errors.first?.contains("invalid JSON") == true, "\(run.stderr)")
        #expect(errors.dropFirst().first == "\(file):4: skipped: missing key \"reason\"")
        #expect(errors.dropFirst(2).first == "\(file):7: skipped: expected a JSON object, found array")
        #expect(errors.last == "airlock logs: skipped 3 malformed lines in \(file)")
    }

    @Test func readsStandardInput() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", Self.all + "garbage\n")
        let run = try Follower(["logs", "--deny", "-"], standardInput: file)
        #expect(run.waitForExit(timeout: 20) == 0)
        #expect(run.stdout == Self.denyText + Self.auditText + Self.udpText)
        #expect(run.stderr.hasPrefix("<stdin>:6: skipped: column 7: invalid JSON: invalid token near 'garbage'\n"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("airlock logs: skipped 1 malformed line in <stdin>\n"))
    }

    @Test func aMissingFileIsAnError() throws {
        let scratch = try Scratch()
        let run = try AirlockProcess.run(["logs", scratch.path("nope.jsonl")])
        #expect(run.status == 1)
        #expect(run.stderr == "airlock logs: open \(scratch.path("nope.jsonl")): No such file or directory\n")
    }

    @Test func followReadsAppendedLinesAcrossRotationUntilTerminated() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", Self.allow + "\n")
        let follower = try Follower(["logs", "--follow", "--color", "never", file])
        defer { follower.kill() }
        #expect(follower.waitForOutput(Self.allowText), "\(follower.stdout)\n\(follower.stderr)")

        try Self.append(Self.deny + "\nnot a record\n", to: file)
        #expect(follower.waitForOutput(Self.allowText + Self.denyText), "\(follower.stdout)")
        #expect(follower.waitForError("\(file):3: skipped: "), "\(follower.stderr)")

        // A record split over two writes is shown once it is whole.
        let half = Self.audit.utf8.count / 2
        try Self.append(String(Self.audit.prefix(half)), to: file)
        try Self.append(String(Self.audit.dropFirst(half)) + "\n", to: file)
        #expect(follower.waitForOutput(Self.allowText + Self.denyText + Self.auditText), "\(follower.stdout)")

        // Rotation as the decision log does it: the last line lands in the old file just before the
        // rename, then the new file starts.
        try Self.append(Self.http + "\n", to: file)
        try FileManager.default.moveItem(atPath: file, toPath: file + ".1")
        try scratch.write("decisions.jsonl", Self.udp + "\n")
        #expect(
            follower.waitForOutput(Self.allowText + Self.denyText + Self.auditText + Self.httpText + Self.udpText),
            "\(follower.stdout)")

        follower.terminate()
        #expect(follower.waitForExit(timeout: 10) == 0)
        #expect(follower.stderr.hasSuffix("airlock logs: skipped 1 malformed line in \(file)\n"), "\(follower.stderr)")
    }

    @Test func followWithDenyAndJSONEndsOnInterrupt() throws {
        let scratch = try Scratch()
        let file = try scratch.write("decisions.jsonl", "")
        let follower = try Follower(["logs", "-f", "--deny", "--json", file])
        defer { follower.kill() }
        try Self.append([Self.allow, Self.deny, Self.http, Self.audit].joined(separator: "\n") + "\n", to: file)
        #expect(follower.waitForOutput(Self.deny + "\n" + Self.audit + "\n"), "\(follower.stdout)")
        follower.interrupt()
        #expect(follower.waitForExit(timeout: 10) == 0)
        #expect(follower.stdout == Self.deny + "\n" + Self.audit + "\n")
        #expect(follower.stderr.isEmpty, "\(follower.stderr)")
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

/// `airlock ARGS…` running in the background, its output collected as it comes.
final class Follower: @unchecked Sendable {
    // `lock` guards `out` and `err`, appended to by the pipes' readability handlers.
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let process = Process()
    private let outPipe = Pipe()
    private let errPipe = Pipe()

    init(_ arguments: [String], standardInput: String? = nil) throws {
        let binary = AirlockProcess.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no airlock binary at \(binary.path)")
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = outPipe
        process.standardError = errPipe
        if let standardInput {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: standardInput))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.err.append(data) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Polls every 10 ms, at most `timeout` seconds.
    private func wait(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    func waitForOutput(_ expected: String, timeout: Double = 10) -> Bool {
        wait(timeout: timeout) { stdout == expected }
    }

    func waitForError(_ fragment: String, timeout: Double = 10) -> Bool {
        wait(timeout: timeout) { stderr.contains(fragment) }
    }

    /// The exit status once the process ended and its pipes are drained; nil on timeout.
    func waitForExit(timeout: Double) -> Int32? {
        guard wait(timeout: timeout, { !process.isRunning }) else { return nil }
        // Collect what is still in the pipes after the handlers' last call.
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            pipe.fileHandleForReading.readabilityHandler = nil
            let rest = (try? pipe.fileHandleForReading.readToEnd()) ?? nil
            if let rest { lock.withLock { isOut ? out.append(rest) : err.append(rest) } }
        }
        return process.terminationStatus
    }

    func terminate() { process.terminate() }
    func interrupt() { process.interrupt() }
    func kill() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
}
