/// A Go regular expression compiled once, with the operations OPA uses, each following the Go
/// `regexp` method it stands for. Immutable, so one compilation is shared by all evaluations.
final class CompiledRegex: Sendable {
    let program: RegexProgram
    /// Go's `SubexpNames()`.
    let captureNames: [String]
    /// Go's `Split` special-cases the empty pattern.
    let patternIsEmpty: Bool

    /// Compiles `pattern` with Go's syntax rules; the error carries Go's message.
    static func compile(_ pattern: String) -> Result<CompiledRegex, BuiltinError> {
        switch GoRegexSyntax.parse(pattern) {
        case .failure(let error): return .failure(.builtin(error.message))
        case .success(let parsed): return .success(CompiledRegex(parsed, pattern.isEmpty))
        }
    }

    private init(_ parsed: GoRegexSyntax.Parsed, _ empty: Bool) {
        program = RegexProgram(parsed.root, groups: parsed.captureNames.count - 1)
        captureNames = parsed.captureNames
        patternIsEmpty = empty
    }

    /// `MatchString`.
    func matches(_ s: String) -> Bool {
        UTF8Text.withBytes(s) { bytes in
            RegexMachine.with(program, bytes, slotCount: 0) { $0.match(from: 0) != nil }
        }
    }

    /// Go's `allMatches`: match slots (byte offsets, -1 for groups that did not take part); an
    /// empty match right after the previous match is skipped. A negative limit means all.
    private func allMatches(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [[Int]] {
        let n = limit < 0 ? bytes.count + 1 : limit
        return RegexMachine.with(program, bytes, slotCount: program.slotCount) { machine in
            var result: [[Int]] = []
            var pos = 0
            var previousEnd = -1
            while result.count < n && pos <= bytes.count {
                guard let m = machine.match(from: pos) else { break }
                var accept = true
                if m[1] == pos {
                    if m[0] == previousEnd { accept = false }
                    pos += pos < bytes.count ? UTF8Text.scalarWidth(bytes[pos]) : 1
                } else {
                    pos = m[1]
                }
                previousEnd = m[1]
                if accept { result.append(m) }
            }
            return result
        }
    }

    /// `FindAllString(s, n)`.
    func find(in s: String, limit: Int) -> [String] {
        UTF8Text.withBytes(s) { bytes in
            allMatches(bytes, limit: limit).map { UTF8Text.string(bytes, $0[0]..<$0[1]) }
        }
    }

    /// `FindAllStringSubmatch(s, n)`: groups that did not take part are "".
    func submatches(in s: String, limit: Int) -> [[String]] {
        UTF8Text.withBytes(s) { bytes in
            allMatches(bytes, limit: limit).map { m in
                stride(from: 0, to: m.count, by: 2).map { k in m[k] < 0 ? "" : UTF8Text.string(bytes, m[k]..<m[k + 1]) }
            }
        }
    }

    /// `Split(s, -1)`.
    func split(_ s: String) -> [String] {
        if !patternIsEmpty && s.isEmpty { return [""] }
        return UTF8Text.withBytes(s) { bytes in
            var parts: [String] = []
            var begin = 0
            var end = 0
            for m in allMatches(bytes, limit: -1) {
                end = m[0]
                if m[1] != 0 { parts.append(UTF8Text.string(bytes, begin..<end)) }
                begin = m[1]
            }
            if end != bytes.count { parts.append(UTF8Text.string(bytes, begin..<bytes.count)) }
            return parts
        }
    }

    /// `ReplaceAllString(s, template)` with `$1`, `${1}`, `$name`, `${name}` and `$$`.
    func replaceAll(in s: String, with template: String) -> String {
        UTF8Text.withBytes(s) { bytes in
            RegexMachine.with(program, bytes, slotCount: program.slotCount) { machine in
                var out: [UInt8] = []
                var lastEnd = 0
                var searchPos = 0
                var changed = false
                while searchPos <= bytes.count {
                    guard let m = machine.match(from: searchPos) else { break }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lastEnd..<m[0]]))
                    // Go skips an empty match right after the previous one.
                    if m[1] > lastEnd || m[0] == 0 {
                        expand(template, match: m, bytes, into: &out)
                        changed = true
                    }
                    lastEnd = m[1]
                    let width = searchPos < bytes.count ? UTF8Text.scalarWidth(bytes[searchPos]) : 0
                    if searchPos + width > m[1] {
                        searchPos += width
                    } else if searchPos + 1 > m[1] {
                        searchPos += 1
                    } else {
                        searchPos = m[1]
                    }
                }
                if !changed { return s }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lastEnd...]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Go's `Regexp.expand`.
    private func expand(_ template: String, match m: [Int], _ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        func appendGroup(_ group: Int) -> Bool {
            guard 2 * group + 1 < m.count, m[2 * group] >= 0 else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[m[2 * group]..<m[2 * group + 1]]))
            return true
        }
        let scalars = template.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            guard let dollar = scalars[i...].firstIndex(of: "$") else {
                out.append(contentsOf: String(scalars[i...]).utf8)
                return
            }
            out.append(contentsOf: String(scalars[i..<dollar]).utf8)
            i = scalars.index(after: dollar)
            if i < scalars.endIndex && scalars[i] == "$" {
                out.append(UInt8(ascii: "$"))
                i = scalars.index(after: i)
                continue
            }
            guard let (name, rest) = extractReference(scalars[i...]) else {
                out.append(UInt8(ascii: "$"))
                continue
            }
            i = rest
            if let group = groupNumber(name) {
                _ = appendGroup(group)
            } else {
                // The first group of that name that took part in the match.
                for (group, groupName) in captureNames.enumerated() where groupName == name {
                    if appendGroup(group) { break }
                }
            }
        }
    }

    /// A `$name` / `${name}` reference: letters, digits and `_`; nil when malformed.
    private func extractReference(_ s: Substring.UnicodeScalarView) -> (String, String.Index)? {
        var i = s.startIndex
        var brace = false
        if i < s.endIndex && s[i] == "{" {
            brace = true
            i = s.index(after: i)
        }
        let nameStart = i
        while i < s.endIndex {
            let c = s[i]
            let category = c.properties.generalCategory
            let isWord = c == "_" || category == .decimalNumber || category == .uppercaseLetter
                || category == .lowercaseLetter || category == .titlecaseLetter || category == .modifierLetter
                || category == .otherLetter
            if !isWord { break }
            i = s.index(after: i)
        }
        if i == nameStart { return nil }
        let name = String(String.UnicodeScalarView(s[nameStart..<i]))
        if brace {
            guard i < s.endIndex, s[i] == "}" else { return nil }
            i = s.index(after: i)
        }
        return (name, i)
    }

    /// Go reads a reference as a group number when it is all digits without a leading zero.
    private func groupNumber(_ name: String) -> Int? {
        guard let first = name.utf8.first, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if first == 48 && name.utf8.count > 1 { return nil }
        guard name.utf8.count <= 9, let n = Int(name) else { return nil }
        return n
    }
}
