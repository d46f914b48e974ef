import Identity
import Logging
import NIOCore
import NIOPosix
import Policy
import Rego

/// The policy side of one proxied connection: who is asking (off the event loop: /proc reads),
/// what the policy says, and which checked address to dial.
final class EgressDecider: Sendable {
    let store: PolicyStore
    let identifier: ClientIdentifier
    let resolver: HostResolver
    let guardrail = EgressGuard()
    let log: DecisionLog?
    let threadPool: NIOThreadPool
    let logger: Logger

    init(store: PolicyStore, identities: IdentityCache, resolver: HostResolver, log: DecisionLog?, threadPool: NIOThreadPool, logger: Logger) {
        self.store = store
        self.identifier = ClientIdentifier(identities: identities)
        self.resolver = resolver
        self.log = log
        self.threadPool = threadPool
        self.logger = logger
    }

    struct Verdict: Sendable {
        var decision: Decision
        var facts: ConnectionFacts
        /// The address to connect to, when allowed and checked.
        var address: SocketAddress?
    }

    /// Decides `target` for the client at `peer` (connected to our `local`): identity and
    /// policy, then — when allowed — resolution and the SSRF guard on every address.
    func decide(target: ConnectTarget, peer: SocketAddress, local: SocketAddress, on eventLoop: EventLoop)
        -> EventLoopFuture<Verdict>
    {
        let literal = IPAddress(target.host)
        let decided = threadPool.runIfActive(eventLoop: eventLoop) { () -> Verdict in
            let network = ConnectionFacts.Network(
                host: target.host, ip: literal?.description, port: target.port, hostSource: literal == nil ? .connect : .ipOnly)
            switch self.identifier.identify(peer: peer, local: local) {
            case .failure(let failure):
                let facts = ConnectionFacts(kind: .tcpConnect, process: nil, network: network)
                return Verdict(decision: .denied("denied: \(failure)"), facts: facts)
            case .success(let process):
                let facts = ConnectionFacts(kind: .tcpConnect, process: process, network: network)
                return Verdict(decision: self.store.decide(facts), facts: facts)
            }
        }
        return decided.flatMap { verdict in
            guard verdict.decision.allow else { return eventLoop.makeSucceededFuture(verdict) }
            return self.checkedAddress(target, policy: verdict.decision.policy, on: eventLoop).map { result in
                var verdict = verdict
                switch result {
                case .success(let address): verdict.address = address
                case .failure(let refused):
                    let why = refused.why
                    verdict.decision = Decision(
                        allow: false, policy: verdict.decision.policy,
                        reason: "\(verdict.facts.process?.exe ?? "a process") may not connect to \(target): \(why)")
                }
                return verdict
            }
        }
    }

    /// Resolves once and checks every address: the one dialled is one that passed (no second
    /// resolution, so no DNS-rebinding window).
    private func checkedAddress(_ target: ConnectTarget, policy: String?, on eventLoop: EventLoop)
        -> EventLoopFuture<Result<SocketAddress, Refused>>
    {
        let allowed = allowedIPs(policy: policy, target: target)
        return resolver.resolve(target.host, port: target.port, on: eventLoop).map { addresses in
            var refusals: [String] = []
            for address in addresses {
                if let refusal = self.guardrail.refusal(for: address, allowedIPs: allowed) {
                    refusals.append(refusal.description)
                    continue
                }
                return .success(address.socketAddress(port: target.port))
            }
            return .failure(Refused(why: refusals.isEmpty ? "\(target.host) has no address" : refusals.joined(separator: "; ")))
        }.flatMapErrorThrowing { error in .failure(Refused(why: "resolving \(target.host) failed: \(error)")) }
    }

    struct Refused: Error {
        var why: String
    }

    /// The `allowed_ips` of the allowing policy's endpoints that name this host exactly (or, for an
    /// address, any endpoint of the policy on this port): glob endpoints exempt nothing, so a
    /// wildcard can never open a private range by accident.
    private func allowedIPs(policy: String?, target: ConnectTarget) -> [CIDR] {
        guard let policy, let section = store.current.document.networkPolicies.first(where: { $0.name == policy }) else {
            return []
        }
        let isAddress = IPAddress(target.host) != nil
        return section.endpoints
            .filter { $0.ports.contains(target.port) && !$0.hostIsGlob && ($0.host == target.host || isAddress) }
            .flatMap(\.allowedIPs).compactMap { CIDR($0) }
    }

    /// One decision-log line: written when a denied request is answered, or when a tunnel ends
    /// (with its byte counts and duration).
    func record(_ verdict: Verdict, bytesUp: Int? = nil, bytesDown: Int? = nil, milliseconds: Int? = nil, error: String? = nil) {
        var record = DecisionRecord(decision: verdict.decision, facts: verdict.facts, listener: .explicit)
        record.durationMilliseconds = milliseconds
        record.bytesUp = bytesUp
        record.bytesDown = bytesDown
        record.error = error
        log?.write(record)
    }
}
