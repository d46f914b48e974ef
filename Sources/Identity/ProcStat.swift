import Glibc

/// The fields Airlock uses from `/proc/<pid>/stat` (proc(5)).
public struct ProcStat: Sendable, Hashable {
    public var pid: pid_t
    /// The executable's base name as the kernel keeps it (at most 15 bytes), spoofable by prctl.
    public var comm: String
    /// Field 3: R, S, D, Z, T…
    public var state: Character
    /// Field 4.
    public var ppid: pid_t
    /// Field 22: clock ticks after boot at which the process started; with `pid`, it names one
    /// process for the life of the system (exec keeps it, pid reuse changes it).
    public var startTime: UInt64

    public init(pid: pid_t, comm: String, state: Character, ppid: pid_t, startTime: UInt64) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.ppid = ppid
        self.startTime = startTime
    }

    /// Parses the one line of `/proc/<pid>/stat`. `comm` may hold spaces and parentheses, so it
    /// runs from the first `(` to the *last* `)`; nothing after that can contain a `)`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcStat? {
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        let space = UInt8(ascii: " ")
        guard let first = bytes.firstIndex(of: open), let last = bytes.lastIndex(of: close),
            first < last,
            let pid = parseDecimal(bytes[..<first].dropLast(bytes[first - 1] == space ? 1 : 0))
        else { return nil }
        let comm = String(decoding: UnsafeBufferPointer(rebasing: bytes[(first + 1)..<last]), as: UTF8.self)

        // Fields from 3 on are single tokens separated by one space.
        var fields = bytes[(last + 1)...].split(separator: space, maxSplits: 20, omittingEmptySubsequences: true)
            .makeIterator()
        guard let stateField = fields.next(), stateField.count == 1,
            let ppidField = fields.next(), let ppid = parseDecimal(ppidField)
        else { return nil }
        // Fields 5…21 are skipped; field 22 is the 20th token after the parenthesis.
        for _ in 5...21 { guard fields.next() != nil else { return nil } }
        guard let startField = fields.next(), let startTime = parseDecimal(startField) else { return nil }
        return ProcStat(
            pid: pid_t(truncatingIfNeeded: pid), comm: comm,
            state: Character(Unicode.Scalar(stateField[stateField.startIndex])),
            ppid: pid_t(truncatingIfNeeded: ppid), startTime: startTime)
    }
}

/// An unsigned decimal made only of digits (no sign, no spaces), or nil.
func parseDecimal<C: Collection>(_ digits: C) -> UInt64? where C.Element == UInt8 {
    guard !digits.isEmpty, digits.count <= 20 else { return nil }
    var value: UInt64 = 0
    for byte in digits {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
        if overflow1 || overflow2 { return nil }
        value = sum
    }
    return value
}
