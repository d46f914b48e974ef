import Glibc

/// A failed read of `/proc/<pid>/…`, of a file inside a process root, or of an executable: which
/// step, which path was tried, which pid, and the errno the kernel gave.
public struct ProcError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Step: String, Sendable {
        case openProc, readExe, statExe, openExe, hashExe, readRoot, readStat, readStatus, readCmdline
        case resolveInRoot
    }

    /// What the errno means for a caller deciding how to react or what to tell the user.
    public enum Kind: Sendable, Hashable {
        /// EACCES or EPERM.
        case permission
        /// ENOENT or ESRCH: the file, or the process, is not there.
        case missing
        /// ELOOP: more than `RootFS.maximumHops` symlinks.
        case loop
        /// ENOTDIR: a path component that must be a directory is not one.
        case notDirectory
        case other
    }

    public var step: Step
    /// The process whose `/proc` entry or root was read; nil for a plain directory root.
    public var pid: pid_t?
    /// What was tried, e.g. `/proc/4711/root/usr/bin/python3`.
    public var path: String
    public var errno: Int32

    public init(step: Step, pid: pid_t?, path: String, errno: Int32) {
        self.step = step
        self.pid = pid
        self.path = path
        self.errno = errno
    }

    public var kind: Kind {
        switch errno {
        case EACCES, EPERM: return .permission
        case ENOENT, ESRCH: return .missing
        case ELOOP: return .loop
        case ENOTDIR: return .notDirectory
        default: return .other
        }
    }

    /// `readExe /proc/4711/exe (pid 4711): Permission denied`, plus what to do when access to
    /// another process was refused.
    public var description: String {
        var text = "\(step.rawValue) \(path)"
        if let pid { text += " (pid \(pid))" }
        text += ": " + String(cString: strerror(errno))
        if let fix { text += "; " + fix }
        return text
    }

    /// Reading another process's `exe`, `root`, `cmdline`… is a ptrace "read" access check: the
    /// reader needs CAP_SYS_PTRACE or the same uid and gid as the (dumpable) target. The Yama
    /// `ptrace_scope` sysctl restricts only attaching, so it is not the fix here. Inside a root the
    /// check happened when the root was opened; a later refusal is ordinary file permissions.
    var fix: String? {
        guard kind == .permission, let pid else { return nil }
        if step == .resolveInRoot && path != ProcPath.entry(pid, "root") { return nil }
        return "reading another process's /proc entries needs CAP_SYS_PTRACE "
            + "(or the same uid and gid as the process)"
    }
}
