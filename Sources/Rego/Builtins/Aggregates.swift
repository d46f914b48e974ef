extension Builtins {
    /// The `aggregates` family: `count`, `sum`, `product`, `max`, `min`, `sort`, the deprecated
    /// `all`/`any`, and the membership tests behind `in` (`internal.member_2`, `internal.member_3`).
    static let aggregates: [Builtin] = [
        Builtin("count", arity: 1) { args, _ throws(BuiltinError) in
            switch args[0] {
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            case .set(let s): return .int(s.count)
            // Code points, as Go's len([]rune(s)).
            case .string(let s): return .int(s.unicodeScalars.count)
            default: throw .operand(1, mustBe: "one of {array, object, set, string}", got: args[0])
            }
        },
        Builtin("sum", arity: 1) { args, _ throws(BuiltinError) in
            .number(try Aggregates.fold(args[0], from: .zero, +))
        },
        Builtin("product", arity: 1) { args, _ throws(BuiltinError) in
            .number(try Aggregates.fold(args[0], from: .one, *))
        },
        Builtin("max", arity: 1) { args, _ throws(BuiltinError) in
            try Aggregates.extreme(args[0]) { Value.compare($0, $1) > 0 }
        },
        Builtin("min", arity: 1) { args, _ throws(BuiltinError) in
            try Aggregates.extreme(args[0]) { Value.compare($0, $1) < 0 }
        },
        Builtin("sort", arity: 1) { args, _ throws(BuiltinError) in
            switch args[0] {
            case .array(let a): return .array(a.sorted { Value.compare($0, $1) < 0 })
            case .set(let s): return .array(s.sorted)
            default: throw .operand(1, mustBe: "one of {set, array}", got: args[0])
            }
        },
        Builtin("all", arity: 1) { args, _ throws(BuiltinError) in
            .bool(try Aggregates.elements(args[0], expected: "one of {array, set}").allSatisfy { $0 == .true })
        },
        Builtin("any", arity: 1) { args, _ throws(BuiltinError) in
            .bool(try Aggregates.elements(args[0], expected: "one of {array, set}").contains(.true))
        },
        // `x in xs`: values of arrays and objects, members of sets; false for anything else.
        Builtin("internal.member_2", arity: 2) { args, _ in
            switch args[1] {
            case .set(let s): return .bool(s.contains(args[0]))
            case .array(let a): return .bool(a.contains(args[0]))
            case .object(let o): return .bool(o.contains { $0.value == args[0] })
            default: return .false
            }
        },
        // `k, v in xs`: xs[k] == v, where a set maps each member to itself.
        Builtin("internal.member_3", arity: 3) { args, _ in
            switch args[2] {
            case .array, .object, .set: return .bool(args[2][args[0]] == args[1])
            default: return .false
            }
        },
    ]
}

/// Shared logic of the aggregate builtins.
enum Aggregates {
    /// The elements of an array or set operand, or OPA's error naming `expected`.
    static func elements(_ value: Value, expected: String) throws(BuiltinError) -> [Value] {
        switch value {
        case .array(let a): return a
        case .set(let s): return s.sorted
        default: throw .operand(1, mustBe: expected, got: value)
        }
    }

    /// Folds the numbers of an array or set with `combine`; any other element is an error.
    static func fold(_ value: Value, from start: Number, _ combine: (Number, Number) -> Number)
        throws(BuiltinError) -> Number
    {
        var total = start
        for element in try elements(value, expected: "one of {set, array}") {
            guard case .number(let n) = element else {
                throw .element(1, of: value, got: element, mustBe: "number")
            }
            total = combine(total, n)
        }
        return total
    }

    /// The element that wins every `beats` comparison; undefined for an empty collection.
    static func extreme(_ value: Value, beats: (Value, Value) -> Bool) throws(BuiltinError) -> Value? {
        let all = try elements(value, expected: "one of {set, array}")
        guard var best = all.first else { return nil }
        for element in all.dropFirst() where beats(element, best) { best = element }
        return best
    }
}
