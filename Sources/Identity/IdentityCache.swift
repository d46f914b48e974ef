import Glibc
import Logging
import Synchronization

/// Process identities by pid, reread when the pid now names another process or the process
/// executed another file.
///
/// Each entry keeps its `/proc/<pid>` directory open. Revalidating is one `fstatat(dir, "exe")`:
/// it fails once that process is gone (a reused pid has a new `/proc` directory), and its
/// (device, inode) changes when the process executes another file. Executing the same file again
/// keeps the entry (and its cmdline, which is diagnostics only).
public final class IdentityCache: Sendable {
    public let options: IdentityOptions
    public let hashes: ExecutableHashes
    private let entries: Mutex<BoundedCache<pid_t, Entry>>
    private let logger: Logger

    struct Entry: Sendable {
        var identity: ProcessIdentity
        var directory: ProcDirectoryHandle
        var executable: FileID
    }

    public init(
        options: IdentityOptions = IdentityOptions(), hashes: ExecutableHashes = ExecutableHashes(), logger: Logger
    ) {
        self.options = options
        self.hashes = hashes
        self.logger = logger
        entries = Mutex(BoundedCache(capacity: max(1, options.capacity)))
    }

    public var count: Int { entries.withLock { $0.count } }

    public func identity(of pid: pid_t) throws(ProcError) -> ProcessIdentity {
        if let entry = validEntry(pid) { return entry.identity }
        return try load(pid)
    }

    public func forget(_ pid: pid_t) { entries.withLock { _ = $0.remove(pid) } }

    public func removeAll() { entries.withLock { $0.removeAll() } }

    /// The cached entry for `pid` if it still describes the process running under that pid.
    private func validEntry(_ pid: pid_t) -> Entry? {
        guard let entry = entries.withLock({ $0.value(for: pid) }) else { return nil }
        // Outside the lock: the handle keeps the descriptor open even if the entry is evicted.
        if entry.directory.executableID() == entry.executable { return entry }
        entries.withLock { cache in
            if cache.peek(pid)?.directory === entry.directory { cache.remove(pid) }
        }
        logger.trace("identity stale", metadata: ["process.pid": "\(pid)", "process.exe": "\(entry.identity.exe)"])
        return nil
    }

    private func load(_ pid: pid_t) throws(ProcError) -> ProcessIdentity {
        let reader = try ProcReader(pid: pid)
        // Taken first: if the process executes another file while we read, the entry already
        // carries the old file and fails its next revalidation.
        let version = try reader.statExe()
        let exe = try reader.readExe(version: version)
        let stat = try reader.readStat()
        let status = try reader.readStatus()
        let cmdline = try reader.readCmdline()
        let sha256 = options.hashExecutables ? try hashes.digest(of: reader) : nil
        let ancestors = options.endsWalk(at: pid) ? [] : try ancestors(from: stat.ppid)
        let identity = ProcessIdentity(
            pid: pid, startTime: stat.startTime, exe: exe.path, exeDeleted: exe.deleted, root: exe.root,
            exeOutsideRoot: exe.outsideRoot, ancestors: ancestors, cmdline: cmdline,
            uid: status.uid.effective, gid: status.gid.effective, sha256: sha256)
        let entry = Entry(
            identity: identity, directory: ProcDirectoryHandle(reader.takeDirectory()), executable: version.id)
        entries.withLock { $0.insert(entry, for: pid) }
        logger.debug("identity read", metadata: ["process.pid": "\(pid)", "process.exe": "\(identity.exe)"])
        return identity
    }

    /// `exe` of `parent` and its ancestors, nearest first. A cached ancestor ends the walk with
    /// its own list; an ancestor that exits meanwhile, or that we may not inspect, ends it where
    /// it was (so the list can be shorter than the real chain, never different from it).
    private func ancestors(from parent: pid_t) throws(ProcError) -> [String] {
        let limit = options.maximumAncestors
        var list: [String] = []
        var current = parent
        while current > 0 && list.count < limit {
            if let entry = validEntry(current) {
                list.append(entry.identity.exe)
                if !options.endsWalk(at: current) { list += entry.identity.ancestors.prefix(limit - list.count) }
                break
            }
            let exe: ExecutablePath
            let stat: ProcStat
            do {
                let reader = try ProcReader(pid: current)
                exe = try reader.readExe()
                stat = try reader.readStat()
            } catch  where error.kind == .missing || error.kind == .permission {
                // The ancestor exited, or lies beyond what we may inspect (another user
                // namespace, a more privileged process): the list ends with the last one we saw.
                logger.debug(
                    "ancestor walk ended", metadata: ["process.pid": "\(current)", "errno": "\(error.errno)"])
                break
            }
            list.append(exe.path)
            if options.endsWalk(at: current) { break }
            current = stat.ppid
        }
        return list
    }
}

extension ProcessIdentity {
    /// Reads `pid` once, without keeping anything (for the CLI and tests).
    public static func read(pid: pid_t, options: IdentityOptions = IdentityOptions()) throws(ProcError)
        -> ProcessIdentity
    {
        var once = options
        once.capacity = 1
        let silent = Logger(label: "airlock.identity", factory: { _ in SwiftLogNoOpLogHandler() })
        return try IdentityCache(options: once, logger: silent).identity(of: pid)
    }
}
