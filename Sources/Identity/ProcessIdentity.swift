import Glibc

/// Who is making a call: the facts the policy sees under `input.process`.
public struct ProcessIdentity: Sendable, Hashable {
    public var pid: pid_t
    /// Clock ticks after boot (`/proc/<pid>/stat` field 22); `(pid, startTime)` names one process.
    public var startTime: UInt64
    /// The executable as the process sees it: absolute inside its own root.
    public var exe: String
    /// The executable was deleted after exec (`/proc/<pid>/exe` ended in ` (deleted)`).
    public var exeDeleted: Bool
    /// The process root as Airlock sees it (`/` unless chrooted, pivoted or in another mount
    /// namespace). A process that differs here from its supervised root changed its root itself.
    public var root: String
    /// `exe` lies outside `root` (a process that chrooted itself after exec); `exe` is then the
    /// path as Airlock sees it.
    public var exeOutsideRoot: Bool
    /// `exe` of the parent, grandparent…, nearest first, up to the supervised root or pid 1, or
    /// up to the last ancestor Airlock may inspect (one in another user namespace ends it).
    public var ancestors: [String]
    /// argv. Diagnostics only: the process controls it.
    public var cmdline: [String]
    /// Effective uid and gid (`/proc/<pid>/status`).
    public var uid: UInt32
    public var gid: UInt32
    /// Lowercase hex SHA-256 of the running executable, when hashing is on.
    public var sha256: String?

    public init(
        pid: pid_t, startTime: UInt64, exe: String, exeDeleted: Bool = false, root: String = "/",
        exeOutsideRoot: Bool = false, ancestors: [String] = [], cmdline: [String] = [],
        uid: UInt32 = 0, gid: UInt32 = 0, sha256: String? = nil
    ) {
        self.pid = pid
        self.startTime = startTime
        self.exe = exe
        self.exeDeleted = exeDeleted
        self.root = root
        self.exeOutsideRoot = exeOutsideRoot
        self.ancestors = ancestors
        self.cmdline = cmdline
        self.uid = uid
        self.gid = gid
        self.sha256 = sha256
    }
}
