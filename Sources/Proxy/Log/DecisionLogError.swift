import Glibc

/// A decision log that cannot be written: the step, the path tried and the errno.
public struct DecisionLogError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Step: String, Sendable, Hashable {
        /// `open(path, O_WRONLY|O_CREAT|O_APPEND)`.
        case open
        /// `write(2)` of whole lines.
        case write
        /// `rename(2)` of `path` → `path.1` → `path.2` … when the file reached its size limit.
        case rotate
        /// `pthread_create` of the writer thread (`path` is the log file or `<stderr>`).
        case startWriter
    }

    public var step: Step
    public var path: String
    public var errno: Int32

    public init(step: Step, path: String, errno: Int32) {
        self.step = step
        self.path = path
        self.errno = errno
    }

    /// `decision log: open /var/log/airlock/decisions.jsonl: Permission denied (EACCES)`.
    public var description: String {
        "decision log: \(step.rawValue) \(path): \(String(cString: strerror(errno))) (\(errnoName))"
    }

    /// The errno's symbolic name (`EACCES`), or `errno N`.
    public var errnoName: String {
        switch errno {
        case EACCES: return "EACCES"
        case EPERM: return "EPERM"
        case ENOENT: return "ENOENT"
        case ENOTDIR: return "ENOTDIR"
        case EISDIR: return "EISDIR"
        case EROFS: return "EROFS"
        case ENOSPC: return "ENOSPC"
        case EDQUOT: return "EDQUOT"
        case EFBIG: return "EFBIG"
        case EIO: return "EIO"
        case EPIPE: return "EPIPE"
        case EAGAIN: return "EAGAIN"
        case EMFILE: return "EMFILE"
        case ENFILE: return "ENFILE"
        case ENAMETOOLONG: return "ENAMETOOLONG"
        case ELOOP: return "ELOOP"
        default: return "errno \(errno)"
        }
    }
}
