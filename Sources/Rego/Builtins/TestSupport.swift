extension Builtins {
    /// Builtins that exist only so OPA's own test policies run.
    static let testSupport: [Builtin] = [
        // `test.sleep(duration)` is registered by OPA's test harness (not by OPA itself) to show that
        // `time.now_ns` stays fixed within one query. A policy engine on a decision path must never
        // block, so Airlock checks the duration and returns at once. The result is null, as in OPA;
        // a call used as an expression therefore succeeds. OPA ignores a malformed duration; Airlock
        // reports it, since silently accepting nonsense hides mistakes in test policies.
        Builtin("test.sleep", arity: 1) { args, _ throws(BuiltinError) in
            _ = try TimeDuration.parse(args.string(1))
            return .null
        },
    ]
}
