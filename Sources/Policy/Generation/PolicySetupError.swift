import Rego

/// Why a policy generation could not be built. A running store keeps its last good generation
/// and logs this; at startup it is fatal (fail closed: no policy, no traffic).
public enum PolicySetupError: Error, Sendable, CustomStringConvertible {
    /// The YAML policy is invalid: every error with file, line, column and key.
    case document(PolicyErrors)
    /// A rule or data file could not be read or parsed.
    case rules(LoadError)
    /// The rules do not compile against the policy's data.
    case compile(RegoError)
    /// No shipped rules were found (`--rules`, `$AIRLOCK_RULES`, the source tree, /usr/share).
    case noRules
    /// The rules' own data defines a key the policy document owns.
    case dataConflict(key: String, file: String)

    public var description: String {
        switch self {
        case .document(let errors): return errors.description
        case .rules(let error): return error.description
        case .compile(let error): return error.description
        case .noRules:
            return "no shipped rules found: pass --rules DIR or set \(RuleSources.environmentVariable) "
                + "to the directory holding decision.rego (rules/airlock in the source tree)"
        case .dataConflict(let key, let file):
            return "\(file): data key `\(key)` is reserved for the policy document (network_policies, unix_sockets)"
        }
    }
}
