import Synchronization

/// Everything compiled from one pattern text: its Go regex, its template regexes and its globs
/// (per delimiter set). One box per pattern is kept in `BuiltinCaches` under the raw pattern, so a
/// lookup builds no key string and a cache hit allocates nothing — `glob.match` runs on Airlock's
/// hot path. Compilation happens outside the lock; a race only compiles twice.
final class PatternCompilations: Sendable {
    private struct State {
        var regex: Result<CompiledRegex, BuiltinError>? = nil
        var templates: [(start: UInt8, end: UInt8, regex: Result<CompiledRegex, BuiltinError>)] = []
        var globs: [(delimiters: [Unicode.Scalar], glob: Result<GlobMatcher, BuiltinError>)] = []
    }

    private let state = Mutex(State())

    static func of(_ pattern: String, in caches: BuiltinCaches) -> PatternCompilations {
        do {
            return try caches.value(for: pattern) { PatternCompilations() }
        } catch {
            return PatternCompilations()  // unreachable: building a box cannot fail
        }
    }

    func regex(_ pattern: String) -> Result<CompiledRegex, BuiltinError> {
        if let cached = state.withLock({ $0.regex }) { return cached }
        let built = CompiledRegex.compile(pattern)
        state.withLock { $0.regex = built }
        return built
    }

    func templateRegex(_ pattern: String, start: UInt8, end: UInt8) -> Result<CompiledRegex, BuiltinError> {
        let cached = state.withLock { s in s.templates.first { $0.start == start && $0.end == end }?.regex }
        if let cached { return cached }
        let built = RegexTemplate.compile(pattern, start: start, end: end)
        state.withLock { $0.templates.append((start, end, built)) }
        return built
    }

    /// The glob compiled for the delimiters described by `matchesDelimiters`, or built with
    /// `delimiters()` on a miss (the comparison reads the operand without copying it).
    func glob(
        _ pattern: String, matchesDelimiters: ([Unicode.Scalar]) -> Bool, delimiters: () -> [Unicode.Scalar]
    ) -> Result<GlobMatcher, BuiltinError> {
        let cached = state.withLock { s -> Result<GlobMatcher, BuiltinError>? in
            for entry in s.globs where matchesDelimiters(entry.delimiters) { return entry.glob }
            return nil
        }
        if let cached { return cached }
        let wanted = delimiters()
        let built = GlobMatcher.compile(pattern, delimiters: wanted)
        state.withLock { s in
            // A hostile policy could vary delimiters endlessly; keep the list short.
            if s.globs.count >= 16 { s.globs.removeFirst() }
            s.globs.append((wanted, built))
        }
        return built
    }
}
