/// Every builtin Airlock knows, by OPA name. Families live one per file and are listed here.
public enum BuiltinTable {
    public static let all: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        let families: [[Builtin]] = [
            Builtins.comparison, Builtins.arithmetic, Builtins.aggregates, Builtins.arrays,
            Builtins.sets, Builtins.objects, Builtins.strings, Builtins.sprintf, Builtins.regex,
            Builtins.glob, Builtins.net, Builtins.types, Builtins.casts, Builtins.encoding,
            Builtins.time, Builtins.bits, Builtins.numbers, Builtins.units, Builtins.semver,
            Builtins.crypto, Builtins.misc, Builtins.runtime, Builtins.jwt, Builtins.x509,
            Builtins.graphql, Builtins.graph, Builtins.testSupport, Builtins.providersAWS, Builtins.yaml,
            Builtins.jsonSchema,
        ]
        for family in families {
            for builtin in family {
                precondition(table[builtin.name] == nil, "builtin \(builtin.name) registered twice")
                table[builtin.name] = builtin
            }
        }
        return table
    }()

    public static func lookup(_ name: String) -> Builtin? { all[name] }
}

/// Namespace for the builtin families (`Builtins.strings`, `Builtins.net`, …).
public enum Builtins {}
