/// Go's case-insensitive matching compares along simple case-folding orbits (`s S ſ`, `k K K`,
/// `σ ς Σ`, …): folded literals and classes are compiled to the explicit orbit members.
///
/// An orbit is the set of code points with the same `lower(upper(c))`, except the Turkish dotted
/// and dotless i, which Go's simple folding leaves alone. The table is built once, on the first
/// case-insensitive pattern (about 125k property lookups).
enum GoCaseFolding {
    /// Go's `minFold`/`maxFold`: no code point outside this range has a fold.
    static let range: ClosedRange<UInt32> = 0x41...0x1E943

    /// The other members of `c`'s orbit (empty when `c` has no case variants).
    static func others(_ c: UInt32) -> [UInt32] {
        guard range.contains(c), let key = canonical(c), let members = orbits[key] else { return [] }
        return members.filter { $0 != c }
    }

    private static func canonical(_ c: UInt32) -> UInt32? {
        guard let scalar = Unicode.Scalar(c) else { return nil }
        if c == 0x130 || c == 0x131 { return nil }
        return GoText.lower(GoText.upper(scalar)).value
    }

    private static let orbits: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for c in range {
            guard let scalar = Unicode.Scalar(c), scalar.properties.changesWhenCaseMapped,
                let key = canonical(c)
            else { continue }
            table[key, default: []].append(c)
        }
        // The canonical member belongs to its own orbit even if it never changes itself.
        for (key, members) in table where !members.contains(key) { table[key] = members + [key] }
        return table.filter { $0.value.count > 1 }
    }()

    /// `ranges` plus every orbit member of their code points, merged (Go's appendFoldedRange).
    static func fold(_ ranges: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
        var all = ranges
        for (lo, hi) in ranges {
            if lo <= range.lowerBound && hi >= range.upperBound { continue }
            let from = max(lo, range.lowerBound)
            let to = min(hi, range.upperBound)
            guard from <= to else { continue }
            for c in from...to {
                for o in others(c) where o < lo || o > hi { all.append((o, o)) }
            }
        }
        return merge(all)
    }

    static func merge(_ ranges: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
        var out: [(UInt32, UInt32)] = []
        for (lo, hi) in ranges.sorted(by: { $0.0 < $1.0 }) {
            if let last = out.last, lo <= last.1 &+ 1 {
                out[out.count - 1].1 = max(last.1, hi)
            } else {
                out.append((lo, hi))
            }
        }
        return out
    }
}
