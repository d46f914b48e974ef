import TestSupport
import Glibc
import Testing

@testable import Identity

@Suite struct ProcStatusTests {
    static let sample = """
        Name:\tsleep
        Umask:\t0022
        State:\tS (sleeping)
        Tgid:\t4672
        Ngid:\t0
        Pid:\t4672
        PPid:\t4670
        TracerPid:\t0
        Uid:\t65534\t65534\t65534\t65534
        Gid:\t100\t101\t102\t103
        FDSize:\t64
        Groups:\t
        """

    @Test func parsesParentAndCredentials() {
        let status = Array(Self.sample.utf8).withUnsafeBufferPointer { ProcStatus.parse($0) }
        #expect(status?.ppid == 4670)
        #expect(status?.uid == ProcStatus.IDs(real: 65534, effective: 65534, saved: 65534, filesystem: 65534))
        #expect(status?.gid == ProcStatus.IDs(real: 100, effective: 101, saved: 102, filesystem: 103))
    }

    @Test(arguments: [
        "PPid:\t1\nUid:\t0\t0\t0\nGid:\t0\t0\t0\t0\n",  // three ids
        "PPid:\t1\nUid:\t0\t0\t0\t-1\nGid:\t0\t0\t0\t0\n",  // a sign
        "PPid:\t1\nUid:\t0\t0\t0\t4294967296\nGid:\t0\t0\t0\t0\n",  // beyond uid_t
        "PPid:\t1\nUid:\t0\t0\t0\t0\n",  // no Gid
        "Name:\tx\n",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { ProcStatus.parse($0) } == nil)
    }

    @Test func readsOwnStatus() throws {
        let status = try ProcReader(pid: getpid()).readStatus()
        #expect(status.ppid == getppid())
        #expect(status.uid.effective == geteuid())
        #expect(status.uid.real == getuid())
        #expect(status.gid.effective == getegid())
    }
}
