import TestSupport
import CAirlockLinux
import Foundation
import Glibc
import Rego
import Testing

@testable import Identity

@Suite struct ProcessIdentityTests {
    /// What the kernel will name as the executable of /bin/sh and /usr/bin/sleep on this
    /// machine (Debian: /bin -> usr/bin, sh -> dash), worked out by Foundation, not by us.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// sh → sh → sleep: ancestors are the two shells (up to the supervised root), then our own
    /// test process and its ancestors up to pid 1 when no root is given.
    @Test func ancestorsOfProcessTree() throws {
        let outer = try RunningProcess("/bin/sh", ["-c", "/bin/sh -c '/usr/bin/sleep 300; true'; true"])
        var sleepPID: pid_t = 0
        try waitUntil("the sleep grandchild") {
            guard let inner = childPIDs(of: outer.pid).first, let leaf = childPIDs(of: inner).first,
                (try? readLinkText("/proc/\(leaf)/exe")) == Self.canonical("/usr/bin/sleep")
            else { return false }
            sleepPID = leaf
            return true
        }
        let shell = Self.canonical("/bin/sh")

        let bounded = try ProcessIdentity.read(pid: sleepPID, options: IdentityOptions(supervisedRoot: outer.pid))
        #expect(bounded.exe == Self.canonical("/usr/bin/sleep"))
        #expect(bounded.ancestors == [shell, shell])
        #expect(bounded.cmdline == ["/usr/bin/sleep", "300"])

        let toInit = try ProcessIdentity.read(pid: sleepPID)
        let ownExe = try readLinkText("/proc/self/exe")
        #expect(Array(toInit.ancestors.prefix(3)) == [shell, shell, ownExe])
        #expect(toInit.ancestors == Array(ancestorChain(of: sleepPID).prefix(64)))

        let short = try ProcessIdentity.read(pid: sleepPID, options: IdentityOptions(maximumAncestors: 1))
        #expect(short.ancestors == [shell])

        let rootItself = try ProcessIdentity.read(pid: outer.pid, options: IdentityOptions(supervisedRoot: outer.pid))
        #expect(rootItself.ancestors == [])
    }

    @Test func ownIdentity() throws {
        let identity = try ProcessIdentity.read(pid: getpid())
        #expect(identity.pid == getpid())
        #expect(identity.exe == (try readLinkText("/proc/self/exe")))
        #expect(identity.root == "/")
        #expect(identity.uid == geteuid())
        #expect(identity.gid == getegid())
        #expect(identity.cmdline == CommandLine.arguments)
        #expect(identity.sha256 == nil)
    }

    /// uid and gid come from /proc/<pid>/status (effective ids).
    @Test func credentialsOfAnotherUser() throws {
        try requireRoot("setpriv --reuid")
        try Command.require("/usr/bin/setpriv", package: "util-linux")
        let process = try RunningProcess(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65533", "--clear-groups", "/usr/bin/sleep", "300"])
        try process.waitForExe { $0 == Self.canonical("/usr/bin/sleep") }
        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.uid == 65534)
        #expect(identity.gid == 65533)
        #expect(identity.cmdline == ["/usr/bin/sleep", "300"])
    }

    /// Without CAP_SYS_PTRACE, another user's /proc entries are closed: the error names the
    /// step, the path, the pid and the fix.
    @Test func permissionDeniedWithoutPtraceCapability() throws {
        try requireRoot("setpriv --reuid and capset")
        try Command.require("/usr/bin/setpriv", package: "util-linux")
        let process = try RunningProcess(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/sleep", "300"])
        try process.waitForExe { $0 == Self.canonical("/usr/bin/sleep") }
        let pid = process.pid

        let (identity, resolved) = try withoutCapabilities([CAP_SYS_PTRACE]) {
            (
                Result { () throws(ProcError) in try ProcessIdentity.read(pid: pid) },
                Result { () throws(ProcError) in try resolveInRoot("/usr/bin/sleep", pid: pid) }
            )
        }
        let exeError = ProcError(step: .statExe, pid: pid, path: "/proc/\(pid)/exe", errno: EACCES)
        #expect(throws: exeError) { try identity.get() }
        #expect(
            exeError.description
                == "statExe /proc/\(pid)/exe (pid \(pid)): Permission denied; reading another process's /proc entries needs CAP_SYS_PTRACE (or the same uid and gid as the process)"
        )
        let rootError = ProcError(step: .resolveInRoot, pid: pid, path: "/proc/\(pid)/root", errno: EACCES)
        #expect(throws: rootError) { try resolved.get() }
        #expect(rootError.description.contains("needs CAP_SYS_PTRACE"))
    }

    /// A binary deleted while it runs: the kernel appends " (deleted)"; we strip it and flag it.
    @Test func deletedExecutable() throws {
        let directory = try TemporaryDirectory("deleted")
        try directory.copy("/usr/bin/sleep", to: "doomed-sleep")
        let process = try RunningProcess(directory.path("doomed-sleep"), ["300"])
        try process.waitForExe { $0 == directory.path("doomed-sleep") }
        let expectedDigest = try ExecutableHashes().digest(ofFileAt: directory.path("doomed-sleep"))
        unlink(directory.path("doomed-sleep"))
        #expect(try readLinkText("/proc/\(process.pid)/exe") == directory.path("doomed-sleep") + " (deleted)")

        let identity = try ProcessIdentity.read(pid: process.pid, options: IdentityOptions(hashExecutables: true))
        #expect(identity.exe == directory.path("doomed-sleep"))
        #expect(identity.exeDeleted)
        // Hashed through /proc/<pid>/exe, which still opens the deleted file.
        #expect(identity.sha256 == expectedDigest)
    }

    /// A live file whose name really ends in " (deleted)" is not mistaken for a deleted one.
    @Test func liveFileNamedLikeDeleted() throws {
        let directory = try TemporaryDirectory("named")
        let name = "sleep (deleted)"
        try directory.copy("/usr/bin/sleep", to: name)
        let process = try RunningProcess(directory.path(name), ["300"])
        try process.waitForExe { $0 == directory.path(name) }
        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exe == directory.path(name))
        #expect(!identity.exeDeleted)
    }

    @Test func sha256OfRunningExecutable() throws {
        try Command.require("/usr/bin/sha256sum", package: "coreutils")
        let process = try RunningProcess("/usr/bin/sleep", ["300"])
        try process.waitForExe { $0 == Self.canonical("/usr/bin/sleep") }
        let expected = try Command.run("/usr/bin/sha256sum", [Self.canonical("/usr/bin/sleep")]).prefix(64)
        let identity = try ProcessIdentity.read(pid: process.pid, options: IdentityOptions(hashExecutables: true))
        #expect(identity.sha256 == String(expected))
    }

    @Test func noSuchProcess() throws {
        // The pid of a process that has been reaped is free (until reused; pids are not reused
        // immediately: the kernel allocates them cyclically).
        let process = try RunningProcess("/usr/bin/true", [])
        process.stop()
        let pid = process.pid
        #expect(throws: ProcError(step: .openProc, pid: pid, path: "/proc/\(pid)", errno: ENOENT)) {
            try ProcessIdentity.read(pid: pid)
        }
    }

    @Test func regoValue() {
        let identity = ProcessIdentity(
            pid: 4711, startTime: 9, exe: "/usr/bin/python3.11", ancestors: ["/usr/bin/bash"],
            cmdline: ["python3", "fetch.py"], uid: 1000, gid: 1000, sha256: "ab")
        #expect(
            identity.value.jsonText()
                == #"{"ancestors":["/usr/bin/bash"],"cmdline":["python3","fetch.py"],"exe":"/usr/bin/python3.11","exe_deleted":false,"gid":1000,"pid":4711,"sha256":"ab","uid":1000}"#
        )
    }
}

/// The test's own view of the ancestor chain: follow PPid through /proc with Foundation until
/// pid 1, or until an ancestor's exe cannot be read (this sandbox hides pid 1's).
func ancestorChain(of pid: pid_t) -> [String] {
    var chain: [String] = []
    var current = parentPID(of: pid)
    while let parent = current, parent > 0, let link = try? readLinkText("/proc/\(parent)/exe") {
        chain.append(link.hasSuffix(" (deleted)") ? String(link.dropLast(" (deleted)".count)) : link)
        if parent == 1 { break }
        current = parentPID(of: parent)
    }
    return chain
}
