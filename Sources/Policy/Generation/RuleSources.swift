import Glibc
import Rego

/// Where the Rego rules of a policy generation come from: the shipped rules (`rules/airlock`)
/// plus any directories or files of the operator's own `.rego` (and data) beside them.
public struct RuleSources: Sendable, Hashable {
    public var paths: [String]

    public init(paths: [String]) { self.paths = paths }

    /// The environment variable that names the shipped rules' directory.
    public static let environmentVariable = "AIRLOCK_RULES"

    /// The shipped rules: `$AIRLOCK_RULES`, else `rules/airlock` in the source tree the running
    /// binary was built in (found by walking up from the executable), else the installed
    /// `/usr/share/airlock/rules/airlock`. Nil when none exists.
    public static func shipped(executable: String? = nil) -> RuleSources? {
        if let explicit = getenv(environmentVariable).map({ String(cString: $0) }), !explicit.isEmpty {
            return RuleSources(paths: [explicit])
        }
        var candidates: [String] = []
        if let exe = executable ?? Self.ownExecutable() {
            var directory = Self.parent(of: exe)
            // .build/<triple>/<configuration>/airlock is four levels below the source tree.
            for _ in 0..<6 {
                candidates.append(directory + "/rules/airlock")
                if directory == "/" { break }
                directory = Self.parent(of: directory)
            }
        }
        candidates.append("/usr/share/airlock/rules/airlock")
        for candidate in candidates where Self.isRuleDirectory(candidate) {
            return RuleSources(paths: [candidate])
        }
        return nil
    }

    /// Loads the Rego modules (tests left out: they belong to `airlock test`) and any data files.
    func load() throws(LoadError) -> LoadedPolicy {
        var loaded = try DataLoader.load(paths)
        loaded.modules.removeAll { $0.name.hasSuffix("_test.rego") }
        return loaded
    }

    private static func isRuleDirectory(_ path: String) -> Bool {
        access(path + "/decision.rego", R_OK) == 0
    }

    private static func ownExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
