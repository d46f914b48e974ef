extension Builtins {
    /// The `regex` family (see BuiltinTable): Go RE2 patterns, validated and reported as Go does,
    /// compiled once per pattern (cached) and run by Go's linear-time Pike VM (RegexMachine).
    static let regex: [Builtin] = [
        Builtin("regex.match", arity: 2) { args, context throws(BuiltinError) in
            let pattern = try args.string(1)
            let value = try args.string(2)
            return .bool(try RegexBuiltins.compiled(pattern, context).matches(value))
        },
        Builtin("regex.is_valid", arity: 1) { args, context throws(BuiltinError) in
            guard case .string(let pattern) = args[0] else { return .false }
            if case .success = PatternCompilations.of(pattern, in: context.caches).regex(pattern) { return .true }
            return .false
        },
        Builtin("regex.split", arity: 2) { args, context throws(BuiltinError) in
            let pattern = try args.string(1)
            let value = try args.string(2)
            return .array(try RegexBuiltins.compiled(pattern, context).split(value).map(Value.string))
        },
        Builtin("regex.find_n", arity: 3) { args, context throws(BuiltinError) in
            let pattern = try args.string(1)
            let value = try args.string(2)
            let n = try args.integer(3)
            let regex = try RegexBuiltins.compiled(pattern, context)
            return .array(regex.find(in: value, limit: n).map(Value.string))
        },
        Builtin("regex.find_all_string_submatch_n", arity: 3) { args, context throws(BuiltinError) in
            let pattern = try args.string(1)
            let value = try args.string(2)
            let n = try args.integer(3)
            let regex = try RegexBuiltins.compiled(pattern, context)
            return .array(regex.submatches(in: value, limit: n).map { .array($0.map(Value.string)) })
        },
        Builtin("regex.replace", arity: 3) { args, context throws(BuiltinError) in
            let base = try args.string(1)
            let pattern = try args.string(2)
            let replacement = try args.string(3)
            return .string(try RegexBuiltins.compiled(pattern, context).replaceAll(in: base, with: replacement))
        },
        Builtin("regex.template_match", arity: 4) { args, context throws(BuiltinError) in
            let template = try args.string(1)
            let value = try args.string(2)
            let start = try args.string(3)
            let end = try args.string(4)
            guard start.utf8.count == 1 else {
                throw .builtin("start delimiter has to be exactly one character long but is \(start.utf8.count) long")
            }
            guard end.utf8.count == 1 else {
                // OPA reports the start delimiter's length here.
                throw .builtin("end delimiter has to be exactly one character long but is \(start.utf8.count) long")
            }
            let compiled = PatternCompilations.of(template, in: context.caches)
                .templateRegex(template, start: start.utf8.first!, end: end.utf8.first!)
            switch compiled {
            case .success(let regex): return .bool(regex.matches(value))
            case .failure(let error): throw error
            }
        },
        Builtin("regex.globs_match", arity: 2) { args, _ throws(BuiltinError) in
            let first = try args.string(1)
            let second = try args.string(2)
            switch GlobsIntersection.nonEmpty(first, second) {
            case .success(let result): return .bool(result)
            case .failure(let error): throw error
            }
        },
    ]
}

enum RegexBuiltins {
    /// The cached compilation of `pattern`, or Go's error for it.
    static func compiled(_ pattern: String, _ context: BuiltinContext) throws(BuiltinError) -> CompiledRegex {
        switch PatternCompilations.of(pattern, in: context.caches).regex(pattern) {
        case .success(let regex): return regex
        case .failure(let error): throw error
        }
    }
}
