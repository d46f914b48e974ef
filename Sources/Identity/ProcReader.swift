import CAirlockLinux
import Glibc

/// Reads one process's `/proc/<pid>` entries through a directory descriptor opened once.
///
/// Every read goes through that descriptor, so all answers come from the same process even if the
/// pid is reused meanwhile: once the process is gone the kernel answers ENOENT or ESRCH instead
/// of reading the newcomer.
public struct ProcReader: ~Copyable {
    public let pid: pid_t
    let directory: OwnedFD

    /// Opens `/proc/<pid>`; fails with ENOENT when there is no such process.
    public init(pid: pid_t) throws(ProcError) {
        self.pid = pid
        do {
            directory = try SystemCall.open(ProcPath.directory(pid), airlock_o_path | O_DIRECTORY)
        } catch {
            throw ProcError(step: .openProc, pid: pid, path: ProcPath.directory(pid), errno: error.errno)
        }
    }

    /// Gives the `/proc/<pid>` descriptor to the caller (the identity cache keeps it to revalidate).
    consuming func takeDirectory() -> Int32 { directory.take() }

    func failure(_ step: ProcError.Step, _ entry: String, _ error: SystemError) -> ProcError {
        ProcError(step: step, pid: pid, path: ProcPath.entry(pid, entry), errno: error.errno)
    }

    /// The kernel's `exe` link text, relative to this reader's root, ` (deleted)` included.
    public func readExeLink() throws(ProcError) -> String {
        do { return try SystemCall.readLink(at: directory.raw, "exe") } catch { throw failure(.readExe, "exe", error) }
    }

    /// The process root as this reader sees it (`/proc/<pid>/root`'s link text).
    public func readRootLink() throws(ProcError) -> String {
        do { return try SystemCall.readLink(at: directory.raw, "root") } catch {
            throw failure(.readRoot, "root", error)
        }
    }

    /// `stat` of the running executable (through the magic link, so deleted files work too).
    public func statExe() throws(ProcError) -> FileVersion {
        do { return FileVersion(try SystemCall.status(at: directory.raw, "exe")) } catch {
            throw failure(.statExe, "exe", error)
        }
    }

    /// Opens the running executable for reading; works after the file was deleted or replaced.
    func openExe() throws(ProcError) -> OwnedFD {
        do { return try SystemCall.openAt(directory.raw, "exe", O_RDONLY) } catch {
            throw failure(.openExe, "exe", error)
        }
    }

    public func readStat() throws(ProcError) -> ProcStat {
        let parsed: ProcStat?
        do {
            parsed = try SystemCall.withContents(at: directory.raw, "stat", capacity: 2048) { ProcStat.parse($0) }
        } catch { throw failure(.readStat, "stat", error) }
        // The kernel writes this file; a line we cannot parse means a format we do not know.
        guard let parsed else { throw failure(.readStat, "stat", SystemError(errno: EPROTO)) }
        return parsed
    }

    public func readStatus() throws(ProcError) -> ProcStatus {
        let parsed: ProcStatus?
        do {
            parsed = try SystemCall.withContents(at: directory.raw, "status", capacity: 4096) { ProcStatus.parse($0) }
        } catch { throw failure(.readStatus, "status", error) }
        guard let parsed else { throw failure(.readStatus, "status", SystemError(errno: EPROTO)) }
        return parsed
    }

    /// argv as the process currently shows it (empty for zombies and kernel threads).
    public func readCmdline() throws(ProcError) -> [String] {
        do { return Cmdline.parse(try SystemCall.readRecord(at: directory.raw, "cmdline")) } catch {
            throw failure(.readCmdline, "cmdline", error)
        }
    }

    /// The executable as the process names it: the root prefix removed, ` (deleted)` turned into
    /// a flag. `version` (`statExe()`, taken beforehand by callers that keep it) tells a deleted
    /// file from a live one whose name really ends in " (deleted)"; without it the file is
    /// stat'ed only when the suffix is there.
    public func readExe(version: FileVersion? = nil) throws(ProcError) -> ExecutablePath {
        let link = try readExeLink()
        let root = try readRootLink()
        var text = link
        var deleted = false
        if link.hasSuffix(ExecutablePath.deletedSuffix), !namesLiveFile(link, root: root, version: version) {
            text.removeLast(ExecutablePath.deletedSuffix.count)
            deleted = true
        }
        if let inside = ExecutablePath.relative(text, toRoot: root) {
            return ExecutablePath(path: inside, deleted: deleted, root: root, outsideRoot: false)
        }
        return ExecutablePath(path: text, deleted: deleted, root: root, outsideRoot: true)
    }

    /// Whether `link` (suffix included) is the name of the running executable, looked up inside
    /// the process root. Only asked when the suffix is there, so rarely.
    private func namesLiveFile(_ link: String, root: String, version: FileVersion?) -> Bool {
        guard let inside = ExecutablePath.relative(link, toRoot: root),
            let running = version ?? (try? statExe()),
            let info = try? SystemCall.status(at: directory.raw, "root" + inside, flags: AT_SYMLINK_NOFOLLOW)
        else { return false }
        return FileID(info) == running.id
    }
}
