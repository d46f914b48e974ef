import Rego

extension ProcessIdentity {
    /// The `input.process` object of DESIGN.md §2: `pid`, `exe`, `ancestors`, `cmdline`, `sha256`
    /// when hashed, plus `exe_deleted`, `uid` and `gid`.
    public var value: Value {
        var fields: [(String, Value)] = [
            ("pid", .int(Int(pid))),
            ("exe", .string(exe)),
            ("exe_deleted", .bool(exeDeleted)),
            ("ancestors", .array(ancestors.map { .string($0) })),
            ("cmdline", .array(cmdline.map { .string($0) })),
            ("uid", .int(Int(uid))),
            ("gid", .int(Int(gid))),
        ]
        if let sha256 { fields.append(("sha256", .string(sha256))) }
        return .object(RegoObject(fields))
    }
}
