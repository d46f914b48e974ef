/// A Go regular expression compiled once into a Swift `Regex`, with the operations OPA uses,
/// each following the Go `regexp` method it stands for.
///
/// `@unchecked Sendable` because `Regex<AnyRegexOutput>` is not declared Sendable (its output type
/// is not), yet sharing it is safe: every stored property here is immutable, and the only state
/// inside a `Regex` that changes after construction is its lazily lowered program, which the
/// standard library publishes with an atomic compare-and-swap. `compile` also lowers it eagerly
/// (one throwaway match) before the value is shared, so matching never races on first use.
final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// Go's `SubexpNames()`.
    let captureNames: [String]
    /// Go's `Split` special-cases the empty pattern.
    let patternIsEmpty: Bool

    /// Compiles `pattern` with Go's syntax rules; the error carries Go's message.
    static func compile(_ pattern: String) -> Result<CompiledRegex, BuiltinError> {
        switch GoRegexSyntax.translate(pattern) {
        case .failure(let error):
            return .failure(.builtin(error.message))
        case .success(let translation):
            do {
                let regex = try Regex(translation.swiftPattern)
                    .matchingSemantics(.unicodeScalar)
                    .wordBoundaryKind(.simple)
                    .asciiOnlyWordCharacters()
                let compiled = CompiledRegex(regex, translation.captureNames, pattern.isEmpty)
                _ = compiled.matches("")  // lower the program now, before the value is shared
                return .success(compiled)
            } catch {
                // Go accepted the pattern but Swift's engine cannot express it (e.g. a Unicode
                // script newer than Swift's tables).
                return .failure(.builtin("error parsing regexp: unsupported expression: `\(pattern)`"))
            }
        }
    }

    private init(_ regex: Regex<AnyRegexOutput>, _ names: [String], _ empty: Bool) {
        self.regex = regex
        self.captureNames = names
        self.patternIsEmpty = empty
    }

    /// `MatchString`.
    func matches(_ s: String) -> Bool {
        ((try? regex.firstMatch(in: s)) ?? nil) != nil
    }

    /// Matches in Go's `FindAll` order: Swift's iteration finds the same matches as Go's, except
    /// that Go drops an empty match starting where the previous match ended.
    func allMatches(in s: String, limit: Int = -1) -> [Regex<AnyRegexOutput>.Match] {
        if limit == 0 { return [] }
        var result: [Regex<AnyRegexOutput>.Match] = []
        var previousEnd: String.Index? = nil
        for m in s.matches(of: regex) {
            let isEmptyAfterMatch = m.range.isEmpty && m.range.lowerBound == previousEnd
            previousEnd = m.range.upperBound
            if isEmptyAfterMatch { continue }
            result.append(m)
            if limit > 0 && result.count == limit { break }
        }
        return result
    }

    /// `FindAllStringSubmatch`: the match and its groups; groups that did not take part are "".
    func submatches(in s: String, limit: Int) -> [[String]] {
        allMatches(in: s, limit: limit).map { m in
            (0..<m.output.count).map { i in m.output[i].substring.map(String.init) ?? "" }
        }
    }

    /// `Split(s, -1)`.
    func split(_ s: String) -> [String] {
        if !patternIsEmpty && s.isEmpty { return [""] }
        var parts: [String] = []
        var begin = s.startIndex
        var end = s.startIndex
        for m in allMatches(in: s) {
            end = m.range.lowerBound
            if m.range.upperBound != s.startIndex { parts.append(String(s[begin..<end])) }
            begin = m.range.upperBound
        }
        if end != s.endIndex { parts.append(String(s[begin...])) }
        return parts
    }

    /// `ReplaceAllString(s, template)` with `$1`, `${1}`, `$name`, `${name}` and `$$`.
    func replaceAll(in s: String, with template: String) -> String {
        var out = ""
        var lastEnd = s.startIndex
        var replaced = false
        for m in s.matches(of: regex) {
            out += s[lastEnd..<m.range.lowerBound]
            // Go skips an empty match right after the previous one.
            if m.range.upperBound > lastEnd || m.range.lowerBound == s.startIndex {
                expand(template, match: m, into: &out)
                replaced = true
            }
            lastEnd = m.range.upperBound
        }
        if !replaced { return s }
        out += s[lastEnd...]
        return out
    }

    /// Go's `Regexp.expand`.
    private func expand(_ template: String, match m: Regex<AnyRegexOutput>.Match, into out: inout String) {
        let scalars = template.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            guard let dollar = scalars[i...].firstIndex(of: "$") else {
                out.unicodeScalars.append(contentsOf: scalars[i...])
                return
            }
            out.unicodeScalars.append(contentsOf: scalars[i..<dollar])
            i = scalars.index(after: dollar)
            if i < scalars.endIndex && scalars[i] == "$" {
                out += "$"
                i = scalars.index(after: i)
                continue
            }
            guard let (name, rest) = extractReference(scalars[i...]) else {
                out += "$"
                continue
            }
            i = rest
            if let group = groupNumber(name) {
                if group < m.output.count, let text = m.output[group].substring { out += text }
            } else {
                // The first group of that name that took part in the match.
                for (group, groupName) in captureNames.enumerated()
                where groupName == name && group < m.output.count && m.output[group].substring != nil {
                    out += m.output[group].substring!
                    break
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
            let isWord = c == "_" || category.isLetter || category == .decimalNumber
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

extension Unicode.GeneralCategory {
    fileprivate var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
