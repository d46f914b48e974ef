/// Every problem found in one policy file, in file order. The loader reports them all at once so
/// an operator fixes a file in one pass instead of one error per reload.
public struct PolicyErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [PolicyError]

    public init(_ errors: [PolicyError]) { self.errors = errors }

    /// The errors sorted by position (errors without one, such as an unreadable file, first);
    /// errors at the same position keep the order they were found in.
    init(sorting errors: [PolicyError]) {
        self.errors = errors.enumerated().sorted { a, b in
            let left = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
