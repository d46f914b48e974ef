/// Where a process's executable is, as the process itself would name it.
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
