extension PolicyDocument {
    /// Some binary pins a SHA-256: identities must then carry the executable's hash.
    public var pinsHashes: Bool {
        networkPolicies.contains { $0.binaries.contains { $0.sha256 != nil } }
            || unixSocketPolicies.contains { $0.binaries.contains { $0.sha256 != nil } }
    }
}
