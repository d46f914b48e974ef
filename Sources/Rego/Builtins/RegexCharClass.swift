/// A character class of a compiled Go regex: code-point ranges (already case-folded when the
/// pattern asked for it) and Unicode properties, possibly negated. ASCII membership is
/// precomputed so the common case is two shifts.
struct RegexCharClass: Sendable {
    let ranges: [ClosedRange<UInt32>]
    let properties: [UnicodeProperty]
    let negated: Bool
    /// `(?i)` with properties: a code point matches when any member of its fold orbit does.
    let foldProperties: Bool
    private let asciiLow: UInt64
    private let asciiHigh: UInt64

    init(ranges: [(UInt32, UInt32)], properties: [UnicodeProperty], negated: Bool, foldProperties: Bool) {
        self.ranges = GoCaseFolding.merge(ranges).map { $0.0...$0.1 }
        self.properties = properties
        self.negated = negated
        self.foldProperties = foldProperties && !properties.isEmpty
        var low: UInt64 = 0
        var high: UInt64 = 0
        for c in UInt32(0)..<128 where RegexCharClass.slowContains(c, self.ranges, properties, negated, self.foldProperties) {
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
        }
        asciiLow = low
        asciiHigh = high
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 64 { return asciiLow >> UInt64(c) & 1 == 1 }
        if c < 128 { return asciiHigh >> UInt64(c - 64) & 1 == 1 }
        return RegexCharClass.slowContains(c, ranges, properties, negated, foldProperties)
    }

    private static func slowContains(
        _ c: UInt32, _ ranges: [ClosedRange<UInt32>], _ properties: [UnicodeProperty], _ negated: Bool, _ fold: Bool
    ) -> Bool {
        var lo = 0
        var hi = ranges.count
        var found = false
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < c {
                lo = mid + 1
            } else if ranges[mid].lowerBound > c {
                hi = mid
            } else {
                found = true
                break
            }
        }
        if !found && !properties.isEmpty {
            found = properties.contains { $0.contains(c) }
            if !found && fold {
                found = GoCaseFolding.others(c).contains { o in properties.contains { $0.contains(o) } }
            }
        }
        return found != negated
    }
}

/// A `\p{…}` class: general categories (Go's tables), the specials Any/Assigned/ASCII, or a
/// script. Swift's standard library exposes categories but not scripts, so script membership
/// asks Swift's regex engine about the single code point.
enum UnicodeProperty: Sendable {
    case categories(Set<Unicode.GeneralCategory>, negated: Bool)
    case script(ScriptMembership, negated: Bool)

    func contains(_ c: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch self {
        case .categories(let set, let negated): return set.contains(scalar.properties.generalCategory) != negated
        case .script(let membership, let negated): return membership.contains(scalar) != negated
        }
    }
}

/// Membership in one Unicode script, answered by a one-item Swift `Regex` (`\p{Greek}`).
///
/// `@unchecked Sendable`: the regex is immutable after construction and Swift lowers its program
/// with an atomic compare-and-swap (it is also lowered eagerly here, before sharing).
final class ScriptMembership: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>

    init?(script: String) {
        guard let regex = try? Regex(#"\p{"# + script + "}").matchingSemantics(.unicodeScalar) else { return nil }
        self.regex = regex
        _ = try? regex.wholeMatch(in: "a")
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        ((try? regex.wholeMatch(in: String(scalar))) ?? nil) != nil
    }
}
