import Logging
import Rego
import Synchronization

/// The live policy: the current generation, and reloads that replace it only with a generation
/// that parsed, resolved and compiled. A broken file keeps the last good generation.
public final class PolicyStore: Sendable {
    public enum ReloadOutcome: Sendable {
        case activated(PolicyGeneration)
        /// The new files were rejected; `current` is still the generation that was live.
        case kept(PolicyGeneration, PolicySetupError)
    }

    private struct State: Sendable {
        var current: PolicyGeneration
        var sources: PolicySources
        var root: PolicyRoot
        var failures: Int = 0
    }

    private let state: Mutex<State>
    /// Serialises reloads, so generation numbers only grow and two reloads never race to swap.
    private let reloading = Mutex<Void>(())
    private let options: EvaluationOptions
    private let logger: Logger

    /// Builds generation 1. Failing here is fatal for the caller: there is no last good policy.
    public init(sources: PolicySources, root: PolicyRoot, options: EvaluationOptions = EvaluationOptions(), logger: Logger)
        throws(PolicySetupError)
    {
        let first = try PolicyGeneration(number: 1, sources: sources, root: root, options: options)
        state = Mutex(State(current: first, sources: sources, root: root))
        self.options = options
        self.logger = logger
        logResolution(of: first)
        logger.info("policy generation active", metadata: Self.metadata(first))
    }

    public var current: PolicyGeneration { state.withLock { $0.current } }

    /// Reloads that were rejected since start.
    public var reloadFailures: Int { state.withLock { $0.failures } }

    public func decide(_ facts: ConnectionFacts) -> Decision { current.decide(facts) }

    /// Rebuilds from the same files (after they changed on disk).
    @discardableResult
    public func reload() -> ReloadOutcome { reload(root: nil) }

    /// Rebuilds for another agent root (the entrypoint process changed): paths are re-resolved.
    @discardableResult
    public func reload(root: PolicyRoot?) -> ReloadOutcome {
        reloading.withLock { _ in
            let (sources, previous, number) = state.withLock { state in
                (state.sources, state, state.current.number + 1)
            }
            let targetRoot = root ?? previous.root
            let next: PolicyGeneration
            do throws(PolicySetupError) {
                next = try PolicyGeneration(number: number, sources: sources, root: targetRoot, options: options)
            } catch {
                let kept = state.withLock { state in
                    state.failures += 1
                    return state.current
                }
                logger.error(
                    "policy reload rejected, keeping generation \(kept.number)",
                    metadata: ["error": "\(error)", "policy.file": "\(sources.policyFile)"])
                return .kept(kept, error)
            }
            state.withLock { state in
                state.current = next
                state.root = targetRoot
            }
            logResolution(of: next)
            logger.info("policy generation active", metadata: Self.metadata(next))
            return .activated(next)
        }
    }

    private func logResolution(of generation: PolicyGeneration) {
        for path in generation.resolved.failures {
            if let message = path.failureMessage(root: generation.root) { logger.warning("\(message)") }
        }
    }

    private static func metadata(_ generation: PolicyGeneration) -> Logger.Metadata {
        [
            "policy.generation": "\(generation.number)", "policy.file": "\(generation.sources.policyFile)",
            "policy.root": "\(generation.root)",
            "policy.network_policies": "\(generation.document.networkPolicies.count)",
            "policy.unix_sockets": "\(generation.document.unixSocketPolicies.count)",
        ]
    }
}
