extension Builtins {
    /// The `runtime` family: what OPA offers about its host. Airlock evaluates policies inside an
    /// egress sidecar, so these describe that and never reach the network.
    static let runtime: [Builtin] = [
        // OPA returns its configuration and environment; an embedded Airlock engine has none to
        // expose to policies.
        Builtin("opa.runtime", arity: 0) { _, _ in .emptyObject },
        // Policies decide egress; they must not cause any. The builtin exists so that tests can
        // mock it (`with http.send as …`), as OPA policies' tests do.
        Builtin("http.send", arity: 1) { args, _ throws(BuiltinError) in
            // Validate the request as OPA does, so policies get the same errors, then refuse.
            let request = try args.object(1)
            let missing = ["method", "url"].filter { request[$0] == nil }
            if !missing.isEmpty {
                let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                throw BuiltinError(.type, "operand 1 missing required request parameters(s): {\(names)}")
            }
            throw .builtin("network access is disabled in Airlock policies")
        },
    ]
}
