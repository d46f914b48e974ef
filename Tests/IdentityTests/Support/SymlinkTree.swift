import TestSupport
import Glibc
import Testing

/// A root directory holding every symlink shape the in-root walk must handle, with the answer
/// expected for each path (as seen inside the root).
final class SymlinkTree {
    let directory: TemporaryDirectory
    var root: String { directory.path }

    /// Links needed for a chain of exactly `RootFS.maximumHops` hops from `/chain/l1`.
    static let chainLength = 41

    /// Builds the tree; with `sleeper`, copies that static binary to /usr/bin/sleeper so a process
    /// can run chrooted here.
    init(sleeper: String? = nil) throws {
        directory = try TemporaryDirectory("root")
        let d = directory
        try d.write("usr/bin/python3.11", "#!/not/really\n", mode: 0o755)
        try d.write("usr/lib/tool", "tool\n")
        try d.write("etc/passwd", "root:x:0:0:inside the tree:/root:/bin/sh\n")
        try d.link("usr/bin/python3", to: "python3.11")  // relative
        try d.link("usr/local/bin/python3", to: "/usr/bin/python3")  // absolute, then relative
        try d.link("bin", to: "usr/bin")  // directory-level
        try d.link("sbin", to: "bin")  // a link to a directory link
        try d.link("lib", to: "/usr/lib")  // absolute directory link
        try d.link("usr/bin/a", to: "b")  // chain a -> b -> c -> python3.11
        try d.link("usr/bin/b", to: "c")
        try d.link("usr/bin/c", to: "python3.11")
        try d.link("usr/bin/x", to: "y")  // loop
        try d.link("usr/bin/y", to: "x")
        try d.link("usr/bin/self", to: "self")
        try d.link("usr/bin/dangling", to: "missing-target")
        try d.link("usr/bin/evil", to: "../../../../etc/passwd")  // must stay inside the root
        try d.link("usr/bin/evil-abs", to: "/../../etc/passwd")
        try d.link("usr/bin/hostname", to: "/etc/hostname")  // exists on the host only
        try d.link("usr/bin/up", to: "..")
        try d.link("etc/escape-dir", to: "../../../../../../etc")
        try d.makeDirectory("oldroot")  // pivot_root's put_old
        for index in 0..<Self.chainLength {
            try d.link("chain/l\(index)", to: "l\(index + 1)")
        }
        try d.write("chain/l\(Self.chainLength)", "end of chain\n")
        if let sleeper { try d.copy(sleeper, to: "usr/bin/sleeper") }
    }
}

/// One path to resolve and what must come out.
struct ResolveCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        /// The resolved path, and the hops as `link -> target` when the case pins them.
        case resolves(String, hops: [String]?)
        /// The errno and the path tried, inside the root.
        case fails(Int32, tried: String)
    }

    let requested: String
    let expectation: Expectation

    var testDescription: String { requested }

    static let all: [ResolveCase] = [
        .init(requested: "/usr/bin/python3.11", expectation: .resolves("/usr/bin/python3.11", hops: [])),
        .init(
            requested: "/usr/bin/python3",
            expectation: .resolves("/usr/bin/python3.11", hops: ["/usr/bin/python3 -> python3.11"])),
        .init(
            requested: "/usr/local/bin/python3",
            expectation: .resolves(
                "/usr/bin/python3.11",
                hops: ["/usr/local/bin/python3 -> /usr/bin/python3", "/usr/bin/python3 -> python3.11"])),
        .init(
            requested: "/bin/python3",
            expectation: .resolves("/usr/bin/python3.11", hops: ["/bin -> usr/bin", "/usr/bin/python3 -> python3.11"])),
        .init(
            requested: "/sbin/python3",
            expectation: .resolves(
                "/usr/bin/python3.11", hops: ["/sbin -> bin", "/bin -> usr/bin", "/usr/bin/python3 -> python3.11"])),
        .init(requested: "/lib/tool", expectation: .resolves("/usr/lib/tool", hops: ["/lib -> /usr/lib"])),
        .init(
            requested: "/usr/bin/a",
            expectation: .resolves(
                "/usr/bin/python3.11", hops: ["/usr/bin/a -> b", "/usr/bin/b -> c", "/usr/bin/c -> python3.11"])),
        .init(requested: "/usr/bin/x", expectation: .fails(ELOOP, tried: "/usr/bin/x")),
        .init(requested: "/usr/bin/self", expectation: .fails(ELOOP, tried: "/usr/bin/self")),
        .init(requested: "/usr/bin/dangling", expectation: .fails(ENOENT, tried: "/usr/bin/missing-target")),
        .init(requested: "/usr/bin/nothing", expectation: .fails(ENOENT, tried: "/usr/bin/nothing")),
        .init(
            requested: "/usr/bin/evil",
            expectation: .resolves("/etc/passwd", hops: ["/usr/bin/evil -> ../../../../etc/passwd"])),
        .init(
            requested: "/usr/bin/evil-abs",
            expectation: .resolves("/etc/passwd", hops: ["/usr/bin/evil-abs -> /../../etc/passwd"])),
        .init(requested: "/usr/bin/hostname", expectation: .fails(ENOENT, tried: "/etc/hostname")),
        .init(requested: "/../../../usr/bin/python3", expectation: .resolves("/usr/bin/python3.11", hops: nil)),
        .init(requested: "/usr/bin/../bin/./python3", expectation: .resolves("/usr/bin/python3.11", hops: nil)),
        .init(
            requested: "/usr/bin/up/bin/python3.11",
            expectation: .resolves("/usr/bin/python3.11", hops: ["/usr/bin/up -> .."])),
        .init(requested: "/etc/escape-dir/passwd", expectation: .resolves("/etc/passwd", hops: nil)),
        .init(requested: "/usr/bin/python3.11/extra", expectation: .fails(ENOTDIR, tried: "/usr/bin/python3.11/extra")),
        .init(requested: "/usr/bin/python3/.", expectation: .fails(ENOTDIR, tried: "/usr/bin/python3.11/.")),
        .init(requested: "usr/bin/python3", expectation: .resolves("/usr/bin/python3.11", hops: nil)),
        .init(requested: "/usr//bin/", expectation: .resolves("/usr/bin", hops: [])),
        .init(requested: "/", expectation: .resolves("/", hops: [])),
        .init(requested: "/bin", expectation: .resolves("/usr/bin", hops: ["/bin -> usr/bin"])),
        // 40 links are followed (the kernel's MAXSYMLINKS); the 41st fails.
        .init(requested: "/chain/l1", expectation: .resolves("/chain/l\(SymlinkTree.chainLength)", hops: nil)),
        .init(requested: "/chain/l0", expectation: .fails(ELOOP, tried: "/chain/l40")),
    ]
}
