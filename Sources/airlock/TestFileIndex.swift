import Rego

/// Which file a test rule was written in, for the report's headings. The engine reports test rules
/// by path only, so this reads each module's `package` line and looks for the rule's name in it.
struct TestFileIndex {
    private var modulesByPackage: [String: [SourceFile]] = [:]

    init(modules: [SourceFile]) {
        for module in modules {
            guard let package = Self.packagePath(of: module.text) else { continue }
            modulesByPackage["data." + package, default: []].append(module)
        }
    }

    func file(of testPath: String) -> String? {
        guard let dot = testPath.lastIndex(of: ".") else { return nil }
        let package = String(testPath[..<dot])
        let rule = String(testPath[testPath.index(after: dot)...])
        return modulesByPackage[package]?.first { $0.text.contains(rule) }?.name
    }

    private static func packagePath(of text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard trimmed.hasPrefix("package ") else { continue }
            let name = trimmed.dropFirst("package ".count).prefix { !$0.isWhitespace && $0 != "#" }
            return String(name)
        }
        return nil
    }
}
