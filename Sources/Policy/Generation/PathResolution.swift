import Identity
import Rego

/// What became of one path a policy lists when it was resolved inside the agent's root.
public enum PathResolution: Sendable, Hashable {
    /// Globs are matched as written: there is no single file to resolve.
    case glob
    case resolved(ResolvedPath)
    case failed(ProcError)

    static func of(_ path: String, isGlob: Bool, in root: RootFS) -> PathResolution {
        if isGlob { return .glob }
        do { return .resolved(try root.resolve(path)) } catch { return .failed(error) }
    }

    /// The symlink-free path, when resolution succeeded.
    public var resolvedPath: String? {
        if case .resolved(let resolved) = self { return resolved.path }
        return nil
    }

    public var failure: ProcError? {
        if case .failed(let error) = self { return error }
        return nil
    }

    /// The fields this adds to a binary or socket path in `data`: `resolved`, `chain` (the
    /// symlinks followed, `{"link", "target"}` each) and `resolution_error` (`{"errno", "message",
    /// "path"}`), which the shipped rules read for reasons and hints.
    var dataFields: [(String, Value)] {
        switch self {
        case .glob:
            return [("resolved", .null), ("chain", .emptyArray), ("resolution_error", .null)]
        case .resolved(let resolved):
            return [
                ("resolved", .string(resolved.path)),
                ("chain", .array(resolved.hops.map { hop in
                    .object(RegoObject([("link", .string(hop.link)), ("target", .string(hop.target))]))
                })),
                ("resolution_error", .null),
            ]
        case .failed(let error):
            let failure = RegoObject([
                ("errno", .string(error.errnoName)), ("message", .string(error.shortDescription)),
                ("path", .string(error.path)),
            ])
            return [("resolved", .null), ("chain", .emptyArray), ("resolution_error", .object(failure))]
        }
    }
}
