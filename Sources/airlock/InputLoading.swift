import Foundation
import Rego
import Yams

// TEMPORARY ADAPTER. Everything `airlock` reads from disk goes through `InputLoading`, so that when
// the `JSON` module (jansson → `Value`) and `Policy.DataLoader` land, only this file changes: its
// three functions forward to them and map their errors into `LoadFailure`. The Foundation-based
// bodies below are deliberately minimal (no line numbers in JSON errors, no big numbers).

/// Rego modules and the base `data` document read from `-d` paths.
struct LoadedPolicy: Sendable {
    var modules: [SourceFile]
    var data: Value
}

/// A file could not be read or parsed. `location` is set when the reader knows where.
struct LoadFailure: Error, Sendable, CustomStringConvertible {
    var message: String
    var location: SourceLocation?

    var description: String { location.map { "\($0): \(message)" } ?? message }
}

enum InputLoading {
    /// Loads `-d` paths as `opa eval -d` does: `.rego` files are modules; `.json`, `.yaml` and
    /// `.yml` files are data placed at their directory's path below the given root (a file given
    /// directly lands at the root of `data`); directories are walked recursively.
    static func loadPolicy(paths: [String]) throws(LoadFailure) -> LoadedPolicy {
        var modules: [SourceFile] = []
        var data = RegoObject()
        for root in paths {
            for (file, prefix) in try files(under: root) {
                switch FileKind(path: file) {
                case .rego: modules.append(SourceFile(name: file, text: try readText(file)))
                case .json, .yaml:
                    let document = try readDocument(path: file)
                    data = try merge(document, into: data, at: prefix, file: file)
                case nil: continue
                }
            }
        }
        return LoadedPolicy(modules: modules, data: .object(data))
    }

    /// Reads one JSON (or, by extension, YAML) document: `-i`, `--expect`.
    static func readDocument(path: String) throws(LoadFailure) -> Value {
        let text = try readText(path)
        if FileKind(path: path) == .yaml {
            do {
                return try value(fromYAML: Yams.load(yaml: text), file: path)
            } catch let failure as LoadFailure {
                throw failure
            } catch {
                throw LoadFailure(message: "\(path): \(error)")
            }
        }
        return try parseJSON(Data(text.utf8), file: path)
    }

    /// Reads a JSON Lines file (`--inputs`): one document per non-empty line.
    static func readJSONLines(path: String) throws(LoadFailure) -> [Value] {
        let text = try readText(path)
        var values: [Value] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                values.append(try parseJSON(Data(line.utf8), file: path))
            } catch {
                throw LoadFailure(
                    message: error.message, location: SourceLocation(file: path, line: number + 1, column: 1))
            }
        }
        return values
    }

    // MARK: - Files

    private enum FileKind {
        case rego, json, yaml
        init?(path: String) {
            if path.hasSuffix(".rego") {
                self = .rego
            } else if path.hasSuffix(".json") {
                self = .json
            } else if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                self = .yaml
            } else {
                return nil
            }
        }
    }

    /// Every file under `root` (or `root` itself), sorted, with the directory path below `root`.
    private static func files(under root: String) throws(LoadFailure) -> [(String, [String])] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw LoadFailure(message: "stat \(root): no such file or directory")
        }
        guard isDirectory.boolValue else {
            guard FileKind(path: root) != nil else {
                throw LoadFailure(message: "\(root): unrecognized file type (want .rego, .json, .yaml or .yml)")
            }
            return [(root, [])]
        }
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard let enumerator = FileManager.default.enumerator(atPath: base) else {
            throw LoadFailure(message: "\(root): cannot list directory")
        }
        var found: [(String, [String])] = []
        for case let relative as String in enumerator {
            let components = relative.split(separator: "/").map(String.init)
            // Hidden files and folders (editor swap files, .git) are not policy.
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            let path = base + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                FileKind(path: path) != nil
            else { continue }
            found.append((path, Array(components.dropLast())))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func readText(_ path: String) throws(LoadFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw LoadFailure(message: "read \(path): permission denied or not a regular file")
            }
            throw LoadFailure(message: "stat \(path): no such file or directory")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadFailure(message: "\(path): not valid UTF-8")
        }
        return text
    }

    /// Places `document` at `prefix` inside `data`, merging objects key by key as OPA's loader does.
    private static func merge(_ document: Value, into data: RegoObject, at prefix: [String], file: String)
        throws(LoadFailure) -> RegoObject
    {
        var wrapped = document
        for key in prefix.reversed() { wrapped = .object(RegoObject([(key, wrapped)])) }
        guard case .object(let object) = wrapped else {
            throw LoadFailure(message: "\(file): data document at the root must be an object")
        }
        return try mergeObjects(data, object, file: file, path: [])
    }

    private static func mergeObjects(_ a: RegoObject, _ b: RegoObject, file: String, path: [String])
        throws(LoadFailure) -> RegoObject
    {
        var merged = a
        for (key, value) in b {
            if let existing = merged[key] {
                guard case .object(let left) = existing, case .object(let right) = value else {
                    let where_ = (path + [key.stringValue ?? key.description]).joined(separator: ".")
                    throw LoadFailure(message: "\(file): merge error: data.\(where_) is defined twice")
                }
                merged.insert(
                    .object(try mergeObjects(left, right, file: file, path: path + [key.stringValue ?? ""])),
                    forKey: key)
            } else {
                merged.insert(value, forKey: key)
            }
        }
        return merged
    }

    // MARK: - Foundation → Value

    private static func parseJSON(_ bytes: Data, file: String) throws(LoadFailure) -> Value {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            throw LoadFailure(message: "\(file): invalid JSON: \(error.localizedDescription)")
        }
        return try value(fromJSON: object, file: file)
    }

    private static func value(fromJSON any: Any, file: String) throws(LoadFailure) -> Value {
        switch any {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let n as NSNumber:
            // JSONSerialization gives booleans as NSNumber with a `char` type; no JSON number is one.
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            if let literal = Number(literal: n.stringValue) { return .number(literal) }
            return .double(n.doubleValue)
        case let a as [Any]:
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for e in a { out.append(try value(fromJSON: e, file: file)) }
            return .array(out)
        case let o as [String: Any]:
            var pairs: [(String, Value)] = []
            for (k, v) in o { pairs.append((k, try value(fromJSON: v, file: file))) }
            return .object(RegoObject(pairs))
        default:
            throw LoadFailure(message: "\(file): unsupported JSON value \(type(of: any))")
        }
    }

    private static func value(fromYAML any: Any?, file: String) throws(LoadFailure) -> Value {
        switch any {
        case nil, is NSNull: return .null
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let d as Double: return .double(d)
        case let s as String: return .string(s)
        case let a as [Any]:
            var out: [Value] = []
            for e in a { out.append(try value(fromYAML: e, file: file)) }
            return .array(out)
        case let o as [AnyHashable: Any]:
            var pairs: [(Value, Value)] = []
            for (k, v) in o {
                pairs.append((try value(fromYAML: k.base, file: file), try value(fromYAML: v, file: file)))
            }
            return .object(RegoObject(pairs))
        case let other?:
            // Timestamps, binary: keep their text, as a JSON round trip would.
            return .string(String(describing: other))
        }
    }
}
