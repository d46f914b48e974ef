import TestSupport
import Foundation
import Glibc
import Testing

@testable import Identity

/// Processes whose root is not ours: the executable must be reported as the process names it, and
/// paths must resolve inside its root through /proc/<pid>/root.
@Suite struct ProcessRootTests {
    /// `chroot TREE /bin/sleeper` (started through the directory link `/bin -> usr/bin`).
    @Test func chrootedProcess() throws {
        try requireRoot("chroot")
        let tree = try SymlinkTree(sleeper: try TestPrograms.sleeper)
        let process = try RunningProcess("/usr/sbin/chroot", [tree.root, "/bin/sleeper", "300"])
        try process.waitForExe { $0.hasSuffix("/usr/bin/sleeper") }

        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exe == "/usr/bin/sleeper")
        #expect(identity.root == tree.root)
        #expect(!identity.exeOutsideRoot)
        #expect(!identity.exeDeleted)
        #expect(identity.cmdline == ["/bin/sleeper", "300"])

        let root = RootFS.process(process.pid)
        for testCase in ResolveCase.all {
            try check(testCase, in: root, errorPrefix: "/proc/\(process.pid)/root")
        }
        #expect(try resolveInRoot("/bin/sleeper", pid: process.pid).path == "/usr/bin/sleeper")
    }

    /// `unshare --mount --root=TREE`: a new mount namespace, root changed by chroot.
    @Test func unshareRoot() throws {
        try requireRoot("unshare --mount")
        try Command.require("/usr/bin/unshare", package: "util-linux")
        let tree = try SymlinkTree(sleeper: try TestPrograms.sleeper)
        let process = try RunningProcess(
            "/usr/bin/unshare", ["--mount", "--root=\(tree.root)", "/usr/bin/sleeper", "300"])
        try process.waitForExe { $0.hasSuffix("/usr/bin/sleeper") }

        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exe == "/usr/bin/sleeper")
        #expect(identity.root == tree.root)
        #expect(try resolveInRoot("/usr/local/bin/python3", pid: process.pid).path == "/usr/bin/python3.11")
    }

    /// A private mount namespace where the tree is bind mounted at a path that is an empty
    /// directory in ours. The kernel reports both `exe` and `root` in the target's namespace
    /// (`…/mnt/usr/bin/sleeper`, `…/mnt`), so stripping the root prefix still gives the
    /// process's own view, and /proc/<pid>/root still reaches its files.
    @Test func bindMountInAnotherMountNamespace() throws {
        try requireRoot("unshare --mount and mount --bind")
        try Command.require("/usr/bin/unshare", package: "util-linux")
        let tree = try SymlinkTree(sleeper: try TestPrograms.sleeper)
        let mountPoint = try TemporaryDirectory("mnt")
        let script =
            "mount --bind '\(tree.root)' '\(mountPoint.path)' && exec chroot '\(mountPoint.path)' /usr/bin/sleeper 30"
        let process = try RunningProcess("/usr/bin/unshare", ["--mount", "/bin/sh", "-c", script])
        try process.waitForExe { $0.hasSuffix("/usr/bin/sleeper") }

        #expect(try readLinkText("/proc/\(process.pid)/exe") == mountPoint.path + "/usr/bin/sleeper")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint.path).isEmpty)
        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exe == "/usr/bin/sleeper")
        #expect(identity.root == mountPoint.path)
        #expect(try resolveInRoot("/bin/python3", pid: process.pid).path == "/usr/bin/python3.11")
    }

    /// pivot_root, as container runtimes do: the process's root is the root of its mount
    /// namespace, so the kernel already reports `/usr/bin/sleeper` and the root as `/`.
    @Test func pivotRootContainer() throws {
        try requireRoot("pivot_root in a new mount namespace")
        let tree = try SymlinkTree(sleeper: try TestPrograms.sleeper)
        let process = try RunningProcess(try TestPrograms.pivot, [tree.root, "/usr/bin/sleeper", "300"])
        try process.waitForExe { $0 == "/usr/bin/sleeper" }

        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exe == "/usr/bin/sleeper")
        #expect(identity.root == "/")
        #expect(!identity.exeOutsideRoot)
        let root = RootFS.process(process.pid)
        for testCase in ResolveCase.all {
            try check(testCase, in: root, errorPrefix: "/proc/\(process.pid)/root")
        }
    }

    /// A process that chroots itself after exec runs a file outside its new root: `exe` keeps
    /// our view of the path and says so.
    @Test func executableOutsideRoot() throws {
        try requireRoot("chroot(2)")
        let tree = try SymlinkTree()
        let sleeper = try TestPrograms.sleeper
        let process = try RunningProcess(sleeper, ["300", tree.root])
        try waitUntil("pid \(process.pid) to chroot") {
            (try? readLinkText("/proc/\(process.pid)/root")) == tree.root
        }
        let identity = try ProcessIdentity.read(pid: process.pid)
        #expect(identity.exeOutsideRoot)
        #expect(identity.exe == sleeper)
        #expect(identity.root == tree.root)
    }
}
