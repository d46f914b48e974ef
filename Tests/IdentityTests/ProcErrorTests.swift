import TestSupport
import Glibc
import Testing

@testable import Identity

@Suite struct ProcErrorTests {
    @Test func describesStepPathPidAndErrno() {
        let error = ProcError(step: .readExe, pid: 4711, path: "/proc/4711/exe", errno: ENOENT)
        #expect(error.description == "readExe /proc/4711/exe (pid 4711): No such file or directory")
        #expect(error.kind == .missing)
    }

    @Test func permissionOnProcNamesTheCapability() {
        let error = ProcError(step: .readExe, pid: 4711, path: "/proc/4711/exe", errno: EACCES)
        #expect(error.description.hasPrefix("readExe /proc/4711/exe (pid 4711): Permission denied; "))
        #expect(error.description.contains("CAP_SYS_PTRACE"))
    }

    /// Inside a root that opened fine, a refusal is file permissions, not ptrace.
    @Test(arguments: [
        ProcError(step: .resolveInRoot, pid: 4711, path: "/proc/4711/root/secret/x", errno: EACCES),
        ProcError(step: .resolveInRoot, pid: nil, path: "/srv/root/secret/x", errno: EPERM),
    ])
    func permissionInsideRootHasNoPtraceHint(_ error: ProcError) {
        #expect(error.kind == .permission)
        #expect(!error.description.contains("PTRACE"))
    }

    @Test(arguments: [(ELOOP, ProcError.Kind.loop), (ENOTDIR, .notDirectory), (ESRCH, .missing), (EIO, .other)])
    func kinds(_ errno: Int32, _ kind: ProcError.Kind) {
        #expect(ProcError(step: .resolveInRoot, pid: nil, path: "/x", errno: errno).kind == kind)
    }

    @Test func directoryRootHasNoPid() {
        let error = ProcError(step: .resolveInRoot, pid: nil, path: "/srv/root/usr/bin/x", errno: ELOOP)
        #expect(error.description == "resolveInRoot /srv/root/usr/bin/x: Too many levels of symbolic links")
    }
}
