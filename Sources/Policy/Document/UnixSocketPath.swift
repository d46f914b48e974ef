/// A socket a unix-socket policy allows: a filesystem path, or an abstract socket written
/// `@name`; either may be a `/`-delimited glob.
public struct UnixSocketPath: Sendable, Hashable {
    /// As written; an abstract socket keeps its leading `@` (the form `/proc/net/unix` shows).
    public var path: String
    /// Whether `path` contains any of `* ? [ {`.
    public var isGlob: Bool
    /// Whether `path` names an abstract socket (`@name`), which has no file to resolve.
    public var isAbstract: Bool
    /// Where the path was written.
    public var location: PolicyLocation

    public init(path: String, isGlob: Bool, isAbstract: Bool, location: PolicyLocation) {
        self.path = path
        self.isGlob = isGlob
        self.isAbstract = isAbstract
        self.location = location
    }
}
