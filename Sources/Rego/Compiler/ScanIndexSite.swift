import Synchronization

/// One indexable iteration: which collections it runs over, which field of the element the next
/// literal tests, how, and against what. The indexes are built on first use and then shared by
/// every evaluation of the policy (the site belongs to one `CompiledPolicy`'s program).
final class ScanIndexSite: Sendable {
    /// Where the iterated collections live in the base document (keys after `data`).
    enum Source: Sendable {
        /// `data.a.b`: one collection.
        case base([Value])
        /// `p.f` with `p` an element of the collection at the path: one collection per element.
        case eachElement(of: [Value], field: [Value])
    }

    enum Filter: Sendable {
        /// `field == probe`, `probe == field`, `field = probe`.
        case equal
        /// `probe in field`: the field is a collection holding the probe.
        case member
    }

    /// Where the field is read from: the element (`p.binaries`) or its key (`k` in `some k, v in`).
    enum Root: Sendable {
        case element
        case key
    }

    let source: Source
    let filter: Filter
    let root: Root
    /// Constant keys from the root down to the field (empty: the root itself).
    let field: [Value]
    let probe: CTerm
    /// The built `ScanIndexFamily` (an `Unmanaged` pointer holding one retain), or 0 before the
    /// first use. Synchronization's `AtomicLazyReference` does the same, but its `load` is not
    /// inlinable and costs a generic metadata lookup per call on the decision path.
    private let built = Atomic<UInt>(0)

    init(source: Source, filter: Filter, root: Root, field: [Value], probe: CTerm) {
        self.source = source
        self.filter = filter
        self.root = root
        self.field = field
        self.probe = probe
    }

    /// The site's indexes, built by `make` on first use. Racing builders agree on the first one
    /// stored; the others' work is dropped.
    @inline(__always)
    func indexes(_ make: () -> ScanIndexFamily) -> ScanIndexFamily {
        let raw = built.load(ordering: .acquiring)
        if let pointer = UnsafeRawPointer(bitPattern: raw) {
            return Unmanaged<ScanIndexFamily>.fromOpaque(pointer).takeUnretainedValue()
        }
        return store(make())
    }

    /// The built indexes if any (tests look at them).
    var builtIndexes: ScanIndexFamily? {
        UnsafeRawPointer(bitPattern: built.load(ordering: .acquiring)).map {
            Unmanaged<ScanIndexFamily>.fromOpaque($0).takeUnretainedValue()
        }
    }

    private func store(_ family: ScanIndexFamily) -> ScanIndexFamily {
        let retained = Unmanaged.passRetained(family)
        let (stored, original) = built.compareExchange(
            expected: 0, desired: UInt(bitPattern: retained.toOpaque()), successOrdering: .acquiringAndReleasing,
            failureOrdering: .acquiring)
        if stored { return family }
        retained.release()
        return Unmanaged<ScanIndexFamily>.fromOpaque(UnsafeRawPointer(bitPattern: original)!).takeUnretainedValue()
    }

    deinit {
        if let pointer = UnsafeRawPointer(bitPattern: built.load(ordering: .acquiring)) {
            Unmanaged<ScanIndexFamily>.fromOpaque(pointer).release()
        }
    }
}
