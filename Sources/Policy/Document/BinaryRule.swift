/// A binary a policy applies to: an absolute path or a `/`-delimited glob, optionally pinned to
/// the SHA-256 of its contents.
public struct BinaryRule: Sendable, Hashable {
    /// As written (symlinks are resolved later, per policy generation, inside the container root).
    public var path: String
    /// Whether `path` contains any of `* ? [ {` (match it with `glob.match(path, ["/"], exe)`).
    public var isGlob: Bool
    /// 64 lower-case hex digits.
    public var sha256: String?
    /// Where the binary's mapping starts.
    public var location: PolicyLocation

    public init(path: String, isGlob: Bool, sha256: String? = nil, location: PolicyLocation) {
        self.path = path
        self.isGlob = isGlob
        self.sha256 = sha256
        self.location = location
    }
}
