import Foundation
import TestSupport
import Testing

/// `airlock check` and `airlock decide` as operators run them, on real files and real processes.
@Suite("airlock check and decide")
struct PolicyCommandTests {
    static let policy = """
        version: 1
        network_policies:
          pypi:
            endpoints:
              - { host: pypi.org, port: 443 }
            binaries:
              - { path: /usr/bin/python3 }
              - { path: "/opt/venv/bin/*" }
        unix_sockets:
          docker: { paths: [/var/run/docker.sock], binaries: [{ path: /usr/bin/docker }] }
        """

    /// An image-like root: python3 -> python3.11 and /var/run -> ../run, the binaries static
    /// programs so processes can run chrooted in it.
    final class Image {
        let directory: TemporaryDirectory
        var root: String { directory.path }

        init() throws {
            directory = try TemporaryDirectory("cli-image")
            for binary in ["usr/bin/python3.11", "usr/bin/curl"] {
                try directory.copy(try TestPrograms.sleeper, to: binary)
            }
            try directory.link("usr/bin/python3", to: "python3.11")
            try directory.link("bin", to: "usr/bin")
            try directory.write("run/docker.sock", "")
            try directory.link("var/run", to: "../run")
        }
    }

    func policyFile(_ text: String = Self.policy, in scratch: Scratch) throws -> String {
        let path = scratch.url.appendingPathComponent("policy.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkPrintsTheResolvedDataDocument() throws {
        let image = try Image()
        let scratch = try Scratch()
        let run = try AirlockProcess.run(["check", "--root", image.root, try policyFile(in: scratch)])
        #expect(run.status == 0, "\(run.stderr)")
        let python = run.json["network_policies"]["pypi"]["binaries"][0]
        #expect(python["path"] as? String == "/usr/bin/python3")
        #expect(python["resolved"] as? String == "/usr/bin/python3.11")
        #expect(python["chain"][0]["link"] as? String == "/usr/bin/python3")
        #expect(python["chain"][0]["target"] as? String == "python3.11")
        #expect(run.json["unix_sockets"]["docker"]["paths"][0]["resolved"] as? String == "/run/docker.sock")
        // /usr/bin/docker is not in the image: a warning naming the line, the path tried and the fix.
        #expect(run.stderr.contains("policy.yaml:10:55: unix socket policy docker: binary /usr/bin/docker could not be resolved in the directory \(image.root): ENOENT: No such file or directory at \(image.root)/usr/bin/docker; fix: list the path the container has"), "\(run.stderr)")
    }

    @Test func checkReportsEveryErrorWithFileLineAndKey() throws {
        let scratch = try Scratch()
        let broken = """
            version: 1
            network_policies:
              pypi:
                endpoints:
                  - { host: "pypi.**.org", port: 443 }
                  - { host: files.pythonhosted.org, port: "443" }
                binaries:
                  - { path: python3 }
                colour: blue
            """
        let file = try policyFile(broken, in: scratch)
        let run = try AirlockProcess.run(["check", file])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(run.stderr)")
        #expect(lines.first?.hasPrefix("\(file):5:17: network_policies.pypi.endpoints[0].host: ") == true)
        #expect(lines.dropFirst().first == "\(file):6:47: network_policies.pypi.endpoints[1].port: expected a port number from 1 to 65535, found a string \"443\"")
        #expect(lines.dropFirst(2).first == "\(file):8:17: network_policies.pypi.binaries[0].path: expected an absolute path, found the relative path \"python3\"")
        #expect(lines.dropFirst(3).first?.hasPrefix("\(file):9:5: network_policies.pypi.colour: unknown key \"colour\"") == true)
    }

    /// The acceptance case: a chrooted process started as `/usr/bin/python3` (kernel: python3.11)
    /// is allowed through the symlinked policy path; a wrong binary is denied with the allowed
    /// binaries listed and no symlink hint.
    @Test func decideOnAChrootedSymlinkedInterpreter() throws {
        try requireRoot("chroot")
        let image = try Image()
        let scratch = try Scratch()
        let file = try policyFile(in: scratch)
        let python = try RunningProcess("/usr/sbin/chroot", [image.root, "/usr/bin/python3", "300"])
        try python.waitForExe { $0.hasSuffix("/usr/bin/python3.11") }
        let curl = try RunningProcess("/usr/sbin/chroot", [image.root, "/bin/curl", "300"])
        try curl.waitForExe { $0.hasSuffix("/usr/bin/curl") }

        let allowed = try AirlockProcess.run([
            "decide", "--policy", file, "--pid", "\(python.pid)", "--host", "pypi.org", "--port", "443",
        ])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.json["allow"] as? Bool == true)
        #expect((allowed.json["reason"] as? String)?.hasPrefix("/usr/bin/python3.11 may connect to pypi.org:443: allowed by network policy pypi (listed as /usr/bin/python3, a symlink to it)") == true, "\(allowed.stdout)")

        let denied = try AirlockProcess.run([
            "decide", "--policy", file, "--pid", "\(curl.pid)", "--root-pid", "\(python.pid)", "--host", "pypi.org",
            "--port", "443", "--exit-code",
        ])
        #expect(denied.status == 2, "\(denied.stderr)")
        #expect(denied.json["allow"] as? Bool == false)
        #expect(denied.json["policy"] as? String == "pypi")
        // The ancestors are this test's own (chroot executed curl in place).
        let reason = try #require(denied.json["reason"] as? String)
        #expect(reason.hasPrefix("/usr/bin/curl may not connect to pypi.org:443: binary /usr/bin/curl is not allowed by network policy pypi, which allows only /usr/bin/python3 (a symlink to /usr/bin/python3.11), /opt/venv/bin/*; its ancestors: "), "\(reason)")
        #expect((denied.json["hints"] as? [Any])?.isEmpty == true)
        #expect(!denied.stdout.contains("SYMLINK HINT"))
    }

    @Test func decideGivenFactsAndUnixSockets() throws {
        let image = try Image()
        let scratch = try Scratch()
        let file = try policyFile(in: scratch)
        let venv = try AirlockProcess.run([
            "decide", "--policy", file, "--root", image.root, "--exe", "/opt/venv/bin/pip", "--ancestor", "/bin/sh",
            "--host", "PyPI.org", "--port", "443",
        ])
        #expect(venv.json["reason"] as? String == "/opt/venv/bin/pip may connect to pypi.org:443: allowed by network policy pypi (matched by /opt/venv/bin/*)")

        let socket = try AirlockProcess.run([
            "decide", "--policy", file, "--root", image.root, "--exe", "/usr/bin/curl", "--unix", "/run/docker.sock",
        ])
        #expect(socket.json["allow"] as? Bool == false)
        #expect(socket.json["reason"] as? String == "/usr/bin/curl may not connect to unix socket /run/docker.sock: binary /usr/bin/curl is not allowed by unix socket policy docker, which allows only /usr/bin/docker; it has no known ancestors")
    }

    @Test(
        "decide refuses contradictory options",
        arguments: [
            ["--pid", "1", "--exe", "/x", "--host", "h", "--port", "1"],
            ["--exe", "/x", "--host", "h"],
            ["--exe", "/x", "--host", "h", "--port", "1", "--unix", "/s"],
            ["--exe", "/x", "--host", "h", "--port", "70000"],
        ])
    func decideUsageErrors(arguments: [String]) throws {
        let run = try AirlockProcess.run(["decide", "--policy", "rules/examples/pypi.yaml"] + arguments)
        #expect(run.status == 64, "\(run.stderr)")
    }

    @Test func aMissingPolicyFileIsAnError() throws {
        let run = try AirlockProcess.run(["decide", "--policy", "/nonexistent.yaml", "--exe", "/x", "--host", "h", "--port", "1"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("/nonexistent.yaml: "), "\(run.stderr)")
    }
}
