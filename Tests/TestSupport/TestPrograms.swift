import Foundation
import Glibc

/// Small static C programs the tests run inside bare root trees (no libc there to load), built
/// once per test run with `cc -static` (Debian: gcc and libc6-dev).
public enum TestPrograms {
    /// Sleeps for argv[1] seconds (default 30). On SIGUSR1 it overwrites argv[1] with X's, so a
    /// test can change what /proc/<pid>/cmdline says without an exec. With argv[2], it first
    /// chroots itself there (its executable is then outside its root).
    public static let sleeperSource = """
        #include <signal.h>
        #include <stdlib.h>
        #include <unistd.h>
        static char *title;
        static void retitle(int signo) { (void)signo; for (char *p = title; p && *p; p++) *p = 'X'; }
        int main(int argc, char **argv) {
            int seconds = argc > 1 ? atoi(argv[1]) : 30;
            if (argc > 1) title = argv[1];
            if (argc > 2 && (chroot(argv[2]) || chdir("/"))) return 1;
            sigset_t usr1;
            sigemptyset(&usr1);
            sigaddset(&usr1, SIGUSR1);
            sigprocmask(SIG_UNBLOCK, &usr1, NULL);  /* the spawning thread may have blocked it */
            signal(SIGUSR1, retitle);
            for (int i = 0; i < seconds * 10; i++) usleep(100000);
            return 0;
        }
        """

    /// `pivot NEWROOT PROGRAM ARGS…`: a private mount namespace whose root is NEWROOT (bind
    /// mounted, pivot_root, old root detached), then exec PROGRAM — a container's view.
    public static let pivotSource = """
        #define _GNU_SOURCE
        #include <sched.h>
        #include <stdio.h>
        #include <sys/mount.h>
        #include <sys/syscall.h>
        #include <unistd.h>
        int main(int argc, char **argv) {
            if (argc < 3) return 2;
            if (unshare(CLONE_NEWNS)) { perror("unshare"); return 1; }
            if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) { perror("make-private"); return 1; }
            if (mount(argv[1], argv[1], NULL, MS_BIND, NULL)) { perror("bind"); return 1; }
            if (chdir(argv[1])) { perror("chdir"); return 1; }
            if (syscall(SYS_pivot_root, ".", "oldroot")) { perror("pivot_root"); return 1; }
            if (umount2("/oldroot", MNT_DETACH)) { perror("umount"); return 1; }
            if (chdir("/")) { perror("chdir /"); return 1; }
            execv(argv[2], argv + 2);
            perror("execv");
            return 1;
        }
        """

    public static var sleeper: String { get throws { try built.get().sleeper } }
    public static var pivot: String { get throws { try built.get().pivot } }

    private static let built: Result<(sleeper: String, pivot: String), TestSetupError> = {
        do {
            // Named after the sources, so later runs reuse the binaries instead of piling up copies.
            let digest = fnv1a(sleeperSource + pivotSource)
            let directory = "/tmp/airlock-test-programs-\(digest)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return .success(
                (try compile(sleeperSource, "sleeper", in: directory), try compile(pivotSource, "pivot", in: directory))
            )
        } catch let error as TestSetupError {
            return .failure(error)
        } catch {
            return .failure(TestSetupError("\(error)"))
        }
    }()

    private static func compile(_ source: String, _ name: String, in directory: String) throws -> String {
        try Command.require("/usr/bin/cc", package: "gcc")
        guard
            FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libc.a")
                || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/libc.a")
        else { throw TestSetupError("libc.a is missing: `cc -static` needs the Debian package libc6-dev") }
        let binary = "\(directory)/\(name)"
        if access(binary, X_OK) == 0 { return binary }
        // Built under a private name and renamed, so a concurrent run never sees half a binary.
        let scratch = "\(directory)/.\(name)-\(getpid())"
        try source.write(toFile: scratch + ".c", atomically: true, encoding: .utf8)
        try Command.run("/usr/bin/cc", ["-static", "-O2", "-o", scratch, scratch + ".c"])
        unlink(scratch + ".c")
        guard rename(scratch, binary) == 0 else {
            throw TestSetupError("rename \(scratch): \(String(cString: strerror(errno)))")
        }
        return binary
    }
}

/// Fails the test when not root: chroot, mount namespaces and setpriv need it.
public func requireRoot(_ what: String) throws {
    guard geteuid() == 0 else {
        throw TestSetupError("\(what) needs root (CAP_SYS_ADMIN, CAP_SYS_CHROOT); run the tests as root as CI does")
    }
}

/// A stable name for the sources (Swift's Hasher is seeded per process): 64-bit FNV-1a, in hex.
private func fnv1a(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
}
