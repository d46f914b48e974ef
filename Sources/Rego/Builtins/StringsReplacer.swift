/// Go's `strings.NewReplacer(old1, new1, old2, new2, …).Replace(s)`, which `replace` and
/// `strings.replace_n` use: scan left to right; at each position the first pair (in argument order)
/// whose old string matches there wins, its replacement is written and scanning resumes after it;
/// otherwise the byte is copied. An empty old string matches everywhere but never twice in a row.
///
/// Go inserts empty-key replacements between bytes, which can split a multi-byte character;
/// Swift strings cannot hold the resulting invalid UTF-8, so empty keys match only at scalar
/// boundaries (identical output for ASCII).
struct StringReplacer {
    let pairs: [(old: String, new: String)]

    func replace(in s: String) -> String {
        if pairs.count == 1 && !pairs[0].old.isEmpty { return replaceSingle(in: s, pairs[0].old, pairs[0].new) }
        return UTF8Text.withBytes(s) { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var olds: [[UInt8]] = []
            olds.reserveCapacity(pairs.count)
            for p in pairs { olds.append(Array(p.old.utf8)) }
            var last = 0
            var i = 0
            var previousMatchEmpty = false
            var changed = false
            while i <= bytes.count {
                var matched: Int? = nil
                for (k, old) in olds.enumerated() {
                    if old.isEmpty {
                        if previousMatchEmpty { continue }
                        if i < bytes.count && bytes[i] & 0xC0 == 0x80 { continue }
                        matched = k
                        break
                    }
                    if bytes.count - i >= old.count && old.withUnsafeBufferPointer({ UTF8Text.memoryEqual(bytes, i, $0) }) {
                        matched = k
                        break
                    }
                }
                guard let k = matched else {
                    previousMatchEmpty = false
                    i += 1
                    continue
                }
                changed = true
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last..<i]))
                out.append(contentsOf: pairs[k].new.utf8)
                previousMatchEmpty = olds[k].isEmpty
                i += olds[k].count
                last = i
            }
            if !changed { return s }
            if last < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last...])) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The common one-pair case: non-overlapping occurrences, left to right.
    private func replaceSingle(in s: String, _ old: String, _ new: String) -> String {
        UTF8Text.withBytes(s, old) { bytes, needle in
            guard var found = UTF8Text.firstIndex(of: needle, in: bytes) else { return s }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var last = 0
            while true {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last..<found]))
                out.append(contentsOf: new.utf8)
                last = found + needle.count
                guard let next = UTF8Text.firstIndex(of: needle, in: bytes, from: last) else { break }
                found = next
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
