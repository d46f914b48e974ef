extension Builtins {
    /// The `glob` family (see BuiltinTable): gobwas/glob semantics, compiled once per pattern and
    /// delimiter set and cached; a cached match allocates nothing.
    static let glob: [Builtin] = [
        Builtin("glob.match", arity: 3) { args, context throws(BuiltinError) in
            let pattern = try args.string(1)
            let delimiters = args[1]
            try GlobBuiltins.validateDelimiters(delimiters)
            let subject = try args.string(3)
            let compiled = PatternCompilations.of(pattern, in: context.caches).glob(
                pattern,
                matchesDelimiters: { GlobBuiltins.delimiters(delimiters, equal: $0) },
                delimiters: { GlobBuiltins.delimiterScalars(delimiters) })
            switch compiled {
            case .success(let matcher): return .bool(matcher.matches(subject))
            case .failure(let error): throw error
            }
        },
        Builtin("glob.quote_meta", arity: 1) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            for b in s.utf8 {
                if #"*?\[]{}"#.utf8.contains(b) { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            return .string(String(decoding: out, as: UTF8.self))
        },
    ]
}

/// Operand 2 of `glob.match`: null means no delimiters, an empty array means ["."], otherwise
/// an array of one-character strings.
enum GlobBuiltins {
    static func validateDelimiters(_ v: Value) throws(BuiltinError) {
        switch v {
        case .null: return
        case .array(let elements):
            for e in elements {
                guard case .string(let s) = e else { throw StringBuiltins.elementError(2, v, e, "string") }
                if !isSingleScalar(s) { throw StringBuiltins.elementError(2, v, e, "rune") }
            }
        default:
            throw .operand(2, mustBe: "one of {array, null}", got: v)
        }
    }

    @inline(__always)
    private static func isSingleScalar(_ s: String) -> Bool {
        var it = s.unicodeScalars.makeIterator()
        return it.next() != nil && it.next() == nil
    }

    /// Whether the (validated) operand describes exactly `stored`, without copying it.
    static func delimiters(_ v: Value, equal stored: [Unicode.Scalar]) -> Bool {
        guard case .array(let elements) = v else { return stored.isEmpty }
        if elements.isEmpty { return stored.count == 1 && stored[0] == "." }
        guard elements.count == stored.count else { return false }
        for (e, d) in zip(elements, stored) {
            guard case .string(let s) = e, s.unicodeScalars.first == d else { return false }
        }
        return true
    }

    static func delimiterScalars(_ v: Value) -> [Unicode.Scalar] {
        guard case .array(let elements) = v else { return [] }
        if elements.isEmpty { return ["."] }
        return elements.compactMap { $0.stringValue?.unicodeScalars.first }
    }
}
