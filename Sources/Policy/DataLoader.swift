import Foundation
import JSON
import Rego

/// Loads what `opa eval -d PATH …` loads: Rego modules and one merged `data` document.
///
/// OPA's loader rules, followed exactly:
/// - Each path is a file or a directory walked recursively, entries in byte order of their names.
/// - `.rego` files are modules wherever they are (their `package` decides their place).
/// - `.json`, `.yaml` and `.yml` files are data. A data file is placed at the path of the directory
///   holding it, relative to the `-d` directory: with `-d root`, `root/x.json` merges at `data`,
///   `root/a/b/anything.json` at `data.a.b`. The file's own name plays no part (a `data.json` is
///   not special), and a file passed directly merges at `data`.
/// - A path may carry a prefix, `a.b:path`, which places everything it loads under `data.a.b`.
/// - Inside directories, files of other types are ignored; a file named explicitly must be Rego,
///   JSON or YAML whatever its extension.
/// - Documents merge recursively; the same key defined twice (other than two objects) is an error.
public enum DataLoader {
    public static func load(_ paths: [String]) throws(LoadError) -> LoadedPolicy {
        var loader = Walk()
        for argument in paths {
            let (prefix, path) = LoadPath.split(argument)
            try loader.visit(path, dataPath: prefix, depth: 0, ancestors: [])
        }
        return LoadedPolicy(modules: loader.modules, data: loader.tree.value, dataFiles: loader.dataFiles)
    }
}

/// One load's state while walking the paths.
private struct Walk {
    var modules: [SourceFile] = []
    var tree = DataTree()
    var dataFiles: [String] = []

    mutating func visit(_ path: String, dataPath: [String], depth: Int, ancestors: Set<String>)
        throws(LoadError)
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(.unreadable, file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            try loadFile(path, dataPath: dataPath, depth: depth)
            return
        }
        // Directories below the -d root add their name to the data path; the root itself does not.
        let here = depth > 0 ? dataPath + [LoadPath.lastComponent(path)] : dataPath
        // A symlink back to an ancestor would recurse forever.
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard !ancestors.contains(real) else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw LoadError(.unreadable, file: path, message: "cannot list directory: \(error.localizedDescription)")
        }
        // Go's os.ReadDir order: by the bytes of the name.
        let sorted = entries.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in sorted {
            try visit(LoadPath.join(path, name), dataPath: here, depth: depth + 1, ancestors: ancestors.union([real]))
        }
    }

    private mutating func loadFile(_ path: String, dataPath: [String], depth: Int) throws(LoadError) {
        switch LoadPath.fileType(of: path) {
        case .rego:
            modules.append(SourceFile(name: path, text: try Self.text(path)))
        case .json:
            try mergeData(try Self.json(path), at: dataPath, from: path)
        case .yaml:
            try mergeData(try YAMLDecoding.decode(try Self.text(path), file: path), at: dataPath, from: path)
        case .bundle:
            throw LoadError(
                .unsupported, file: path,
                message: "bundle tarballs are not supported: extract the bundle and pass its directory")
        case .other:
            // OPA skips unknown files met while walking, but tries every format on a named file.
            guard depth == 0 else { return }
            let text = try Self.text(path)
            if LoadPath.looksLikeRego(text) {
                modules.append(SourceFile(name: path, text: text))
            } else if let value = try? JSONDecoding.decode(text, file: path) {
                try mergeData(value, at: dataPath, from: path)
            } else if let value = try? YAMLDecoding.decode(text, file: path) {
                try mergeData(value, at: dataPath, from: path)
            } else {
                throw LoadError(.unrecognized, file: path, message: "can't recognize file type")
            }
        }
    }

    private mutating func mergeData(_ value: Value, at dataPath: [String], from path: String) throws(LoadError) {
        try tree.merge(value, at: dataPath, from: path)
        dataFiles.append(path)
    }

    private static func bytes(_ path: String) throws(LoadError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw LoadError(.unreadable, file: path, message: "cannot read file: \(error.localizedDescription)")
        }
    }

    private static func text(_ path: String) throws(LoadError) -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    private static func json(_ path: String) throws(LoadError) -> Value {
        do {
            return try JSONDecoding.decode(try bytes(path), file: path)
        } catch let error as JSONError {
            throw LoadError(.syntax, file: path, line: error.line, column: error.column, message: error.message)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(.syntax, file: path, message: "\(error)")
        }
    }
}
