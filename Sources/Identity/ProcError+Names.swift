import Glibc

extension ProcError {
    /// The errno's symbolic name (`EACCES`), as policies and hints name it; `errno N` otherwise.
    public var errnoName: String {
        switch errno {
        case EACCES: return "EACCES"
        case EPERM: return "EPERM"
        case ENOENT: return "ENOENT"
        case ESRCH: return "ESRCH"
        case ELOOP: return "ELOOP"
        case ENOTDIR: return "ENOTDIR"
        case ENAMETOOLONG: return "ENAMETOOLONG"
        case EIO: return "EIO"
        case EINVAL: return "EINVAL"
        case EMFILE: return "EMFILE"
        case ENFILE: return "ENFILE"
        case ENOMEM: return "ENOMEM"
        default: return "errno \(errno)"
        }
    }

    /// `Permission denied at /proc/42/root/usr/bin`: the errno's text and the path tried, without
    /// the step name (for reasons and hints, where the step means nothing to an operator).
    public var shortDescription: String {
        String(cString: strerror(errno)) + " at " + path
    }
}
