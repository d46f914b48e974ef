/// Path handling for the loader: `prefix:path` arguments, joining, and file types by extension.
enum LoadPath {
    enum FileType { case rego, json, yaml, bundle, other }

    /// OPA's `SplitPrefix`: `a.b:some/path` loads `some/path` under `data.a.b`. A URL (`file://…`)
    /// or a path without `:` has no prefix.
    static func split(_ argument: String) -> (prefix: [String], path: String) {
        guard let colon = argument.firstIndex(of: ":") else { return ([], argument) }
        if argument[colon...].hasPrefix("://") { return ([], argument) }
        let prefix = argument[..<colon]
        guard !prefix.isEmpty else { return ([], argument) }
        let path = String(argument[argument.index(after: colon)...])
        return (prefix.split(separator: ".", omittingEmptySubsequences: false).map(String.init), path)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func lastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed.split(separator: "/").last ?? trimmed)
    }

    /// By extension, case-sensitively, as OPA's `filepath.Ext` switch does.
    static func fileType(of path: String) -> FileType {
        if path.hasSuffix(".tar.gz") { return .bundle }
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: ".") else { return .other }
        switch name[dot...] {
        case ".rego": return .rego
        case ".json": return .json
        case ".yaml", ".yml": return .yaml
        default: return .other
        }
    }

    /// For explicitly named files without a known extension: OPA tries the Rego parser first. Every
    /// Rego module starts with `package` after comments and blank lines, and neither JSON nor any
    /// useful YAML document does, so that test decides without parsing.
    static func looksLikeRego(_ text: String) -> Bool {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return trimmed.hasPrefix("package ") || trimmed.hasPrefix("package\t") || trimmed == "package"
        }
        return false
    }
}
