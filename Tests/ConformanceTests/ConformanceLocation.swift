import Foundation

/// Where the cases and the docs are, resolved from this source file so it works from any clone.
enum ConformanceLocation {
    /// The repository root: this file is `<root>/Tests/ConformanceTests/ConformanceLocation.swift`.
    static func repositoryRoot(filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .standardizedFileURL.path
    }

    /// The `v1` case directory: `$AIRLOCK_CONFORMANCE_DIR` (the `v1` folder or its parent) if set,
    /// else `<root>/../shared/opa-conformance/v1` (CI clones the repository beside `shared/`).
    /// Returns the path tried when it does not exist.
    static func caseDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (path: String, exists: Bool)
    {
        let candidate: String
        if let override = environment["AIRLOCK_CONFORMANCE_DIR"], !override.isEmpty {
            let v1 = URL(fileURLWithPath: override).appendingPathComponent("v1").path
            candidate = isDirectory(v1) ? v1 : URL(fileURLWithPath: override).standardizedFileURL.path
        } else {
            candidate = URL(fileURLWithPath: repositoryRoot())
                .appendingPathComponent("../shared/opa-conformance/v1").standardizedFileURL.path
        }
        return (candidate, isDirectory(candidate))
    }

    static var markdownPath: String { repositoryRoot() + "/docs/CONFORMANCE.md" }
    static var passingListPath: String { repositoryRoot() + "/docs/conformance-passing.txt" }
    static var detailsPath: String { repositoryRoot() + "/.build/conformance-report.txt" }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
