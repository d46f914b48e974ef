/// Where a process's executable is, as the process itself would name it.
///
/// The kernel prints `/proc/<pid>/exe` and `/proc/<pid>/root` the same way (d_path, relative to
/// the reader's root), so taking the root's text off the front of the exe's text gives the path
/// inside the process root. Measured on Linux 6.18 (tests in `ProcessRootTests`):
/// - `chroot R` and `unshare --mount --root=R`: exe `R/usr/bin/x`, root `R` → `/usr/bin/x`.
/// - another mount namespace where R is bind mounted at M (M empty in ours): both links are
///   printed in the target's namespace (`M/usr/bin/x`, `M`), a path that does not exist for us;
///   the prefix still matches → `/usr/bin/x`. Files are reached through `/proc/<pid>/root`,
///   never through the printed path.
/// - pivot_root (containers): exe `/usr/bin/x`, root `/` → unchanged.
/// - a process that chroots itself after exec: its exe is not under its root; the path is kept
///   as we see it and `outsideRoot` is set. Such a process chose its own root, so a policy
///   should not trust `path` alone (compare `root` with the supervised root's).
/// Limits: paths are decoded as UTF-8 (invalid bytes are replaced), and a root whose directory
/// was itself deleted is printed with ` (deleted)` and no longer matches.
public struct ExecutablePath: Sendable, Hashable {
    /// Absolute path inside the process's root (the kernel's answer with the root prefix taken off).
    public var path: String
    /// The file was unlinked after exec; `path` is where it was.
    public var deleted: Bool
    /// The process root as this reader sees it (`/` unless chrooted or in another mount namespace).
    public var root: String
    /// The executable is not under the process root (the process chrooted itself after exec);
    /// `path` is then the reader's view, not the process's.
    public var outsideRoot: Bool

    static let deletedSuffix = " (deleted)"

    /// `exe` relative to `root` when it lies under it (component-wise: `/a/rootx/b` is not under
    /// `/a/root`), or nil.
    static func relative(_ exe: String, toRoot root: String) -> String? {
        if root == "/" { return exe }
        guard exe.hasPrefix(root) else { return nil }
        let rest = exe.dropFirst(root.count)
        if rest.isEmpty { return "/" }
        return rest.first == "/" ? String(rest) : nil
    }
}
