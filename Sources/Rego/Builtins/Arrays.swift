extension Builtins {
    /// The `arrays` family: `array.concat`, `array.slice`, `array.reverse`, `array.flatten`.
    static let arrays: [Builtin] = [
        Builtin("array.concat", arity: 2) { args, _ throws(BuiltinError) in
            let (a, b) = (try args.array(1), try args.array(2))
            if a.isEmpty { return args[1] }
            if b.isEmpty { return args[0] }
            return .array(a + b)
        },
        Builtin("array.slice", arity: 3) { args, _ throws(BuiltinError) in
            let a = try args.array(1)
            var start = try args.integer(2)
            var stop = try args.integer(3)
            // OPA clamps instead of failing: stop into [0, count], start into [0, stop].
            stop = Swift.max(0, Swift.min(stop, a.count))
            start = Swift.max(0, Swift.min(start, stop))
            if start == 0 && stop == a.count { return args[0] }
            return .array(Array(a[start..<stop]))
        },
        Builtin("array.reverse", arity: 1) { args, _ throws(BuiltinError) in
            .array(try args.array(1).reversed())
        },
        // One level only: nested arrays are spliced in, deeper ones stay as they are.
        Builtin("array.flatten", arity: 1) { args, _ throws(BuiltinError) in
            let a = try args.array(1)
            var flat: [Value] = []
            flat.reserveCapacity(a.count)
            for element in a {
                if case .array(let inner) = element { flat.append(contentsOf: inner) } else { flat.append(element) }
            }
            return .array(flat)
        },
    ]
}
