import Rego

/// The files a generation is built from: the operator's YAML policy and the Rego rules.
public struct PolicySources: Sendable, Hashable {
    public var policyFile: String
    public var rules: RuleSources

    public init(policyFile: String, rules: RuleSources) {
        self.policyFile = policyFile
        self.rules = rules
    }
}

/// One immutable policy generation: the document, its paths resolved in the agent's root, and the
/// rules compiled against the resulting `data`. Every field of a decision comes from one
/// generation; a reload builds a new one beside it and swaps.
public final class PolicyGeneration: Sendable {
    public static let decisionQuery = "data.airlock.decision"

    public let number: Int
    public let sources: PolicySources
    public let resolved: ResolvedPolicy
    public let compiled: CompiledPolicy
    public let options: EvaluationOptions
    private let query: PreparedQuery

    public var document: PolicyDocument { resolved.document }
    public var root: PolicyRoot { resolved.root }

    /// Parses, resolves and compiles. Nothing here touches a running generation.
    public convenience init(
        number: Int, sources: PolicySources, root: PolicyRoot, options: EvaluationOptions = EvaluationOptions()
    ) throws(PolicySetupError) {
        let document: PolicyDocument
        do { document = try PolicyDocument.load(file: sources.policyFile) } catch { throw .document(error) }
        let rules: LoadedPolicy
        do { rules = try sources.rules.load() } catch { throw .rules(error) }
        try self.init(number: number, sources: sources, document: document, rules: rules, root: root, options: options)
    }

    /// From an already parsed document and loaded rules (tests, `airlock decide` with a document
    /// it has checked itself).
    public init(
        number: Int, sources: PolicySources, document: PolicyDocument, rules: LoadedPolicy, root: PolicyRoot,
        options: EvaluationOptions = EvaluationOptions()
    ) throws(PolicySetupError) {
        let resolved = ResolvedPolicy(document: document, root: root)
        let data = try Self.merge(policy: resolved.data, rules: rules)
        let compiled: CompiledPolicy
        let query: PreparedQuery
        do {
            compiled = try CompiledPolicy(modules: rules.modules, data: data)
            query = try compiled.prepare(Self.decisionQuery)
        } catch { throw .compile(error) }
        self.number = number
        self.sources = sources
        self.resolved = resolved
        self.compiled = compiled
        self.options = options
        self.query = query
    }

    public func decide(_ facts: ConnectionFacts) -> Decision { decide(input: facts.value) }

    /// Evaluates the decision for `input`. An evaluation error (a limit hit, a strict builtin
    /// error in a custom rule) is a denial naming the error: fail closed.
    public func decide(input: Value) -> Decision {
        do {
            return Decision(value: try query.evaluateValue(input: input, options: options))
        } catch {
            return .denied("denied: evaluating \(Self.decisionQuery) failed: \(error)")
        }
    }

    /// The rules' own data files sit beside the policy's sections; they may not redefine them.
    private static func merge(policy: Value, rules: LoadedPolicy) throws(PolicySetupError) -> Value {
        guard case .object(var merged) = policy, case .object(let extra) = rules.data else { return policy }
        for (key, value) in extra {
            if merged[key] != nil {
                throw .dataConflict(key: key.stringValue ?? key.jsonText(), file: rules.dataFiles.first ?? "rules")
            }
            merged = merged.inserting(value, forKey: key)
        }
        return .object(merged)
    }
}
