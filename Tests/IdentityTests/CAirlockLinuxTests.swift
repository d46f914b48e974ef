import TestSupport
import CAirlockLinux
import Glibc
import Testing

/// The syscall wrappers reach the kernel and return its answers.
@Suite struct CAirlockLinuxTests {
    @Test func pidfdOpenAndGetfd() throws {
        let pidfd = airlock_pidfd_open(getpid(), 0)
        #expect(pidfd >= 0, "pidfd_open: \(String(cString: strerror(errno)))")
        defer { close(pidfd) }
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe(&pipeFDs) == 0)
        defer {
            close(pipeFDs[0])
            close(pipeFDs[1])
        }
        let copy = airlock_pidfd_getfd(pidfd, pipeFDs[1], 0)
        #expect(copy >= 0, "pidfd_getfd: \(String(cString: strerror(errno)))")
        defer { close(copy) }
        // The duplicate writes into the same pipe.
        var byte: UInt8 = 42
        #expect(write(copy, &byte, 1) == 1)
        var got: UInt8 = 0
        #expect(read(pipeFDs[0], &got, 1) == 1)
        #expect(got == 42)
    }

    @Test func pidfdOpenOfMissingProcess() {
        #expect(airlock_pidfd_open(-1, 0) == -1)
        #expect(errno == EINVAL)
    }

    @Test func openat2RejectsEscapesBeneath() {
        let rootFD = open("/usr", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(rootFD) }
        var how = open_how()
        how.flags = UInt64(airlock_o_path | O_CLOEXEC)
        how.resolve = UInt64(RESOLVE_BENEATH)
        #expect(airlock_openat2(rootFD, "../etc", &how, MemoryLayout<open_how>.size) == -1)
        #expect(errno == EXDEV)
        let fd = airlock_openat2(rootFD, "bin", &how, MemoryLayout<open_how>.size)
        #expect(fd >= 0)
        close(fd)
    }

    @Test func capgetReadsOwnCapabilities() {
        var header = __user_cap_header_struct(version: UInt32(_LINUX_CAPABILITY_VERSION_3), pid: 0)
        var data = [__user_cap_data_struct](repeating: .init(), count: 2)
        #expect(airlock_capget(&header, &data) == 0)
        if geteuid() == 0 { #expect(data[0].effective & (1 << UInt32(CAP_SYS_PTRACE)) != 0) }
    }
}
