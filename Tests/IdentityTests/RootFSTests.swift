import TestSupport
import CAirlockLinux
import Foundation
import Glibc
import Testing

@testable import Identity

@Suite struct RootFSTests {
    @Test(arguments: ResolveCase.all)
    func resolvesInsideDirectoryRoot(_ testCase: ResolveCase) throws {
        let tree = try SymlinkTree()
        try check(testCase, in: .directory(tree.root), errorPrefix: tree.root)
    }

    /// The kernel's own in-root resolution (openat2 with RESOLVE_IN_ROOT) lands on the same file
    /// or fails with the same errno: the walk agrees with the kernel on every shape.
    @Test(arguments: ResolveCase.all)
    func agreesWithOpenat2InRoot(_ testCase: ResolveCase) throws {
        let tree = try SymlinkTree()
        let rootFD = open(tree.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(rootFD) }
        var how = open_how()
        how.flags = UInt64(airlock_o_path | O_CLOEXEC)
        how.resolve = UInt64(RESOLVE_IN_ROOT)
        let fd = airlock_openat2(rootFD, testCase.requested, &how, MemoryLayout<open_how>.size)
        let kernelErrno = fd < 0 ? errno : 0
        defer { if fd >= 0 { close(fd) } }

        switch testCase.expectation {
        case .resolves(let path, _):
            #expect(kernelErrno == 0)
            let hostPath = try readLinkText("/proc/self/fd/\(fd)")
            let inside = hostPath == tree.root ? "/" : String(hostPath.dropFirst(tree.root.count))
            #expect(inside == path)
        case .fails(let expectedErrno, _):
            #expect(kernelErrno == expectedErrno)
        }
    }

    /// Without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH a locked directory stops the walk with
    /// EACCES, and the message does not blame ptrace (this is a plain directory root).
    @Test func permissionDeniedInsideDirectoryRoot() throws {
        try requireRoot("dropping capabilities per thread")
        let tree = try SymlinkTree()
        try tree.directory.write("locked/secret", "x\n")
        chmod(tree.directory.path("locked"), 0)
        let root = RootFS.directory(tree.root)
        let outcome = try withoutCapabilities([CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH]) {
            Result { () throws(ProcError) in try root.resolve("/locked/secret") }
        }
        #expect(throws: ProcError(step: .resolveInRoot, pid: nil, path: tree.root + "/locked/secret", errno: EACCES)) {
            try outcome.get()
        }
        if case .failure(let error) = outcome {
            #expect(error.kind == .permission)
            #expect(!error.description.contains("PTRACE"))
        }
    }

    @Test func missingRootDirectory() {
        let root = RootFS.directory("/nonexistent/airlock-root")
        #expect(throws: ProcError(step: .resolveInRoot, pid: nil, path: "/nonexistent/airlock-root", errno: ENOENT)) {
            try root.resolve("/usr/bin/python3")
        }
    }
}

/// Resolves `testCase` in `root` and checks the path and hops, or the errno and the path tried
/// (which starts with `errorPrefix`, the root as this process names it).
func check(_ testCase: ResolveCase, in root: RootFS, errorPrefix: String) throws {
    switch testCase.expectation {
    case .resolves(let path, let hops):
        let resolved = try root.resolve(testCase.requested)
        #expect(resolved.path == path, "\(testCase.requested)")
        #expect(resolved.requested == testCase.requested)
        if let hops { #expect(resolved.hops.map(\.description) == hops, "\(testCase.requested)") }
    case .fails(let errno, let tried):
        let expected = ProcError(step: .resolveInRoot, pid: root.pid, path: errorPrefix + tried, errno: errno)
        #expect(throws: expected, "\(testCase.requested)") { try root.resolve(testCase.requested) }
    }
}
