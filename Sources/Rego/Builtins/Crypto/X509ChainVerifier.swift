/// Certificate chain verification as OPA asks Go's `Certificate.Verify` for it: the first
/// certificate is the only root, the last is the leaf, those between are intermediates.
/// Checks signatures, validity periods, CA constraints, path lengths, extended key usages and
/// (optionally) the leaf's host name. The path search is bounded like Go's (100 signature checks).
struct X509ChainVerifier {
    var now: X509Time
    var dnsName = ""
    /// Go's `ExtKeyUsage` numbers; `[1]` (server authentication) unless set.
    var keyUsages: [Int] = [1]

    static let maximumSignatureChecks = 100

    /// The verified chain, leaf first and root last; nil when none verifies.
    func verify(_ certificates: [X509Certificate]) -> [X509Certificate]? {
        guard certificates.count >= 2 else { return nil }
        let root = certificates[0]
        let intermediates = Array(certificates[1..<(certificates.count - 1)])
        let leaf = certificates[certificates.count - 1]
        guard isCurrent(leaf) else { return nil }
        if !dnsName.isEmpty && !X509ChainVerifier.matchesHost(leaf, dnsName) { return nil }
        var budget = X509ChainVerifier.maximumSignatureChecks
        var found: [X509Certificate]?
        search(from: [leaf], root: root, intermediates: intermediates, used: [], budget: &budget, found: &found)
        return found
    }

    private func search(
        from chain: [X509Certificate], root: X509Certificate, intermediates: [X509Certificate],
        used: Set<Int>, budget: inout Int, found: inout [X509Certificate]?
    ) {
        guard found == nil, let child = chain.last else { return }
        if canIssue(root, child, chainLength: chain.count, isRoot: true, budget: &budget) {
            let complete = chain + [root]
            if permitsKeyUsages(complete) {
                found = complete
                return
            }
        }
        for (index, candidate) in intermediates.enumerated() where !used.contains(index) {
            guard budget > 0 else { return }
            if canIssue(candidate, child, chainLength: chain.count, isRoot: false, budget: &budget) {
                search(from: chain + [candidate], root: root, intermediates: intermediates,
                       used: used.union([index]), budget: &budget, found: &found)
                if found != nil { return }
            }
        }
    }

    private func isCurrent(_ c: X509Certificate) -> Bool {
        now.seconds >= c.notBefore.seconds && now.seconds <= c.notAfter.seconds
    }

    private func canIssue(
        _ parent: X509Certificate, _ child: X509Certificate, chainLength: Int, isRoot: Bool, budget: inout Int
    ) -> Bool {
        guard parent.rawSubject.elementsEqual(child.rawIssuer), isCurrent(parent) else { return false }
        let f = parent.fields
        if !isRoot && !(f.basicConstraintsValid && f.isCA) { return false }
        // Go's CheckSignatureFrom: a v3 parent must be a CA, and allowed to sign certificates.
        if (parent.version == 3 && !f.basicConstraintsValid) || (f.basicConstraintsValid && !f.isCA) { return false }
        if f.keyUsage != 0 && f.keyUsage & (1 << 5) == 0 { return false }
        if f.basicConstraintsValid && f.maxPathLen >= 0 && chainLength - 1 > f.maxPathLen { return false }
        guard budget > 0 else { return false }
        budget -= 1
        return child.isSigned(by: parent)
    }

    /// Go's `checkChainForKeyUsage`: each certificate that restricts usages narrows the set.
    private func permitsKeyUsages(_ chain: [X509Certificate]) -> Bool {
        if keyUsages.contains(0) { return true }
        var wanted = keyUsages
        for certificate in chain.reversed() {
            let f = certificate.fields
            if f.extKeyUsage.isEmpty && f.unknownExtKeyUsage.isEmpty { continue }
            if f.extKeyUsage.contains(0) { continue }
            wanted = wanted.filter { usage in
                f.extKeyUsage.contains(usage)
                    || (usage == 1 && (f.extKeyUsage.contains(10) || f.extKeyUsage.contains(11)))
            }
            if wanted.isEmpty { return false }
        }
        return true
    }

    /// Go's `VerifyHostname`, for DNS names (wildcards in the leftmost label) and IP literals.
    static func matchesHost(_ c: X509Certificate, _ host: String) -> Bool {
        let candidate = host.lowercased().trimmingSuffix(".")
        if c.fields.ipAddresses.contains(candidate) { return true }
        let hostLabels = candidate.split(separator: ".", omittingEmptySubsequences: false)
        for name in c.fields.dnsNames {
            let pattern = name.lowercased().trimmingSuffix(".")
            if pattern == candidate { return true }
            let labels = pattern.split(separator: ".", omittingEmptySubsequences: false)
            if labels.first == "*", labels.count == hostLabels.count, labels.count > 2,
               zip(labels.dropFirst(), hostLabels.dropFirst()).allSatisfy({ $0 == $1 }) {
                return true
            }
        }
        return false
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
