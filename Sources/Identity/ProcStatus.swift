import Glibc

/// The fields Airlock uses from `/proc/<pid>/status` (proc(5)): parent and credentials.
public struct ProcStatus: Sendable, Hashable {
    /// One `Uid:` or `Gid:` line: real, effective, saved set, filesystem.
    public struct IDs: Sendable, Hashable {
        public var real: UInt32
        public var effective: UInt32
        public var saved: UInt32
        public var filesystem: UInt32

        public init(real: UInt32, effective: UInt32, saved: UInt32, filesystem: UInt32) {
            self.real = real
            self.effective = effective
            self.saved = saved
            self.filesystem = filesystem
        }
    }

    public var ppid: pid_t
    public var uid: IDs
    public var gid: IDs

    public init(ppid: pid_t, uid: IDs, gid: IDs) {
        self.ppid = ppid
        self.uid = uid
        self.gid = gid
    }

    /// Parses the `Key:\tvalue` lines; nil when `PPid`, `Uid` or `Gid` is missing or malformed.
    /// Those lines come early, so a read cut at the buffer's size still holds them.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcStatus? {
        var ppid: pid_t?
        var uid: IDs?
        var gid: IDs?
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let key = line[..<colon]
            let values = line[(colon + 1)...].split(whereSeparator: { $0 == 9 || $0 == 32 })
            if key.elementsEqual("PPid".utf8) {
                guard values.count == 1, let value = parseDecimal(values[0]) else { return nil }
                ppid = pid_t(truncatingIfNeeded: value)
            } else if key.elementsEqual("Uid".utf8) {
                guard let ids = IDs(values) else { return nil }
                uid = ids
            } else if key.elementsEqual("Gid".utf8) {
                guard let ids = IDs(values) else { return nil }
                gid = ids
            }
            if let ppid, let uid, let gid { return ProcStatus(ppid: ppid, uid: uid, gid: gid) }
        }
        return nil
    }
}

extension ProcStatus.IDs {
    init?(_ values: [UnsafeBufferPointer<UInt8>.SubSequence]) {
        func id(_ index: Int) -> UInt32? {
            guard let value = parseDecimal(values[index]) else { return nil }
            return UInt32(exactly: value)
        }
        guard values.count == 4, let real = id(0), let effective = id(1), let saved = id(2),
            let filesystem = id(3)
        else { return nil }
        self.init(real: real, effective: effective, saved: saved, filesystem: filesystem)
    }
}
