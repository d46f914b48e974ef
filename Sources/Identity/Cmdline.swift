/// `/proc/<pid>/cmdline`: the argument vector, NUL-separated. Diagnostics only: a process can
/// rewrite it, and argv[0] is whatever its parent chose.
enum Cmdline {
    static func parse<C: Collection>(_ bytes: C) -> [String] where C.Element == UInt8 {
        guard !bytes.isEmpty else { return [] }
        var arguments = bytes.split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        // The last argument ends in NUL too, which leaves one empty piece after it.
        if bytes[bytes.index(bytes.endIndex, offsetBy: -1)] == 0 { arguments.removeLast() }
        return arguments
    }
}
