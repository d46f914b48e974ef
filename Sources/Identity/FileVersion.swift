import Glibc

/// One file on one filesystem: what `stat` calls `st_dev` and `st_ino`.
public struct FileID: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// One version of a file's contents, as far as `stat` can tell: an in-place rewrite changes the
/// size or the modification/change times, a replacement changes the inode.
public struct FileVersion: Sendable, Hashable {
    public var id: FileID
    public var size: Int64
    public var modified: Timestamp
    public var changed: Timestamp

    public struct Timestamp: Sendable, Hashable {
        public var seconds: Int64
        public var nanoseconds: Int64
    }

    init(_ info: stat) {
        id = FileID(info)
        size = Int64(info.st_size)
        modified = Timestamp(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        changed = Timestamp(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
    }
}

extension FileVersion {
    /// The version of the file `path` names now, following symlinks (a Kubernetes ConfigMap swaps
    /// a `..data` link, so the target's version is the one that changes); nil when it is missing.
    public static func current(at path: String) -> FileVersion? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileVersion(info)
    }
}
