import CAirlockLinux
import Glibc

extension RootFS {
    /// Resolves `requested` inside this root, one component at a time.
    ///
    /// Each component is opened with `airlock_o_path | O_NOFOLLOW` relative to the directory descriptor
    /// of its parent, so the kernel never follows a link on our behalf: a link's text is read with
    /// `readlink` and spliced into the components still to walk. Absolute targets restart at this
    /// root (not the host's), `..` pops the last resolved directory and stops at the root, and
    /// more than `maximumHops` links fail with ELOOP. Because every resolved prefix is a real
    /// directory held open, popping it for `..` gives the same answer as the kernel's physical
    /// `..`. A relative `requested` is taken from the root (a process's cwd is not known here).
    ///
    /// Errors carry the path tried beneath `self.path`: EACCES/EPERM, ENOENT (a missing component
    /// or a dangling link), ELOOP, ENOTDIR.
    public func resolve(_ requested: String) throws(ProcError) -> ResolvedPath {
        let root: OwnedFD
        do { root = try SystemCall.open(path, airlock_o_path | O_DIRECTORY) } catch {
            throw ProcError(step: .resolveInRoot, pid: pid, path: path, errno: error.errno)
        }
        var walk = Walk(root: root.raw)
        var pending = Array(Self.components(of: requested).reversed())
        var hops: [SymlinkHop] = []

        while let name = pending.popLast() {
            if name == "." { continue }
            if name == ".." {
                walk.pop()
                continue
            }
            let entry: OwnedFD
            do { entry = try SystemCall.openAt(walk.directory, name, airlock_o_path | O_NOFOLLOW) } catch {
                throw failure(walk.names + [name], error.errno)
            }
            let info: stat
            do { info = try SystemCall.status(of: entry.raw) } catch { throw failure(walk.names + [name], error.errno) }

            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard hops.count < Self.maximumHops else { throw failure(walk.names + [name], ELOOP) }
                let target: String
                do { target = try SystemCall.readLink(at: entry.raw, "") } catch {
                    throw failure(walk.names + [name], error.errno)
                }
                hops.append(SymlinkHop(link: Self.absolute(walk.names + [name]), target: target))
                // An empty link resolves to nothing, as in the kernel.
                if target.isEmpty { throw failure(walk.names + [name], ENOENT) }
                if target.hasPrefix("/") { walk.popAll() }
                pending.append(contentsOf: Self.components(of: target).reversed())
            case S_IFDIR:
                walk.push(name, entry.take())
            default:
                // Only the last component may be something other than a directory.
                if let next = pending.last { throw failure(walk.names + [name, next], ENOTDIR) }
                return ResolvedPath(requested: requested, path: Self.absolute(walk.names + [name]), hops: hops)
            }
        }
        return ResolvedPath(requested: requested, path: Self.absolute(walk.names), hops: hops)
    }

    private func failure(_ names: [String], _ errno: Int32) -> ProcError {
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return ProcError(step: .resolveInRoot, pid: pid, path: base + Self.absolute(names), errno: errno)
    }

    /// Non-empty components: `//` and a trailing `/` add nothing.
    static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func absolute(_ names: [String]) -> String { "/" + names.joined(separator: "/") }

    /// The directories resolved so far below the root, each held open so the next component is
    /// opened relative to it and `..` returns to the real parent.
    private struct Walk: ~Copyable {
        let root: Int32
        private(set) var names: [String] = []
        private var descriptors: [Int32] = []

        init(root: Int32) { self.root = root }

        var directory: Int32 { descriptors.last ?? root }

        mutating func push(_ name: String, _ fd: Int32) {
            names.append(name)
            descriptors.append(fd)
        }

        mutating func pop() {
            guard let fd = descriptors.popLast() else { return }
            names.removeLast()
            close(fd)
        }

        mutating func popAll() { while !descriptors.isEmpty { pop() } }

        deinit { for fd in descriptors { close(fd) } }
    }
}
