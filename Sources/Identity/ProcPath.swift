import Glibc

/// Names of `/proc/<pid>` entries, built only when a message or an open needs them.
enum ProcPath {
    static func directory(_ pid: pid_t) -> String { "/proc/\(pid)" }
    static func entry(_ pid: pid_t, _ name: String) -> String { "/proc/\(pid)/\(name)" }
}
