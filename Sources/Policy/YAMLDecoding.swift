import Foundation
import Rego
import Yams

/// YAML text → `Value`, with the meaning OPA gives YAML data files.
///
/// OPA converts YAML to JSON first (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 scalars), so:
/// `yes`/`no`/`on`/`off` are booleans, timestamps stay strings, non-string mapping keys become
/// their text (`1: a` → `{"1": "a"}`), `<<` merge keys are applied, and values JSON cannot hold
/// (`.inf`, `.nan`) are errors. We compose Yams' node tree ourselves, rather than `Yams.load`,
/// to keep those rules and to report positions (Yams' marks) for conversion errors.
enum YAMLDecoding {
    static func decode(_ text: String, file: String) throws(LoadError) -> Value {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw loadError(error, file: file, text: text)
        } catch {
            throw LoadError(.syntax, file: file, message: "\(error)")
        }
        // An empty document is null, as YAML-to-JSON makes it.
        guard let root else { return .null }
        return try value(of: root, file: file)
    }

    private static func value(of node: Node, file: String) throws(LoadError) -> Value {
        switch node {
        case .scalar(let scalar): return try value(of: scalar, node: node, file: file)
        case .sequence(let sequence):
            var elements: [Value] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try value(of: element, file: file)) }
            return .array(elements)
        case .mapping(let mapping): return .object(try object(of: mapping, file: file))
        case .alias:
            // Yams' parser substitutes the anchored node for every alias; this is emitter-only.
            throw failure("unresolved alias", at: node, file: file)
        }
    }

    private static func object(of mapping: Node.Mapping, file: String) throws(LoadError) -> RegoObject {
        var explicit: [(Value, Value)] = []
        var merged: [(Value, Value)] = []
        for (keyNode, valueNode) in mapping {
            if Tag.Name(rawValue: keyNode.tag.rawValue) == .merge {
                merged.append(contentsOf: try mergeSources(valueNode, file: file))
                continue
            }
            explicit.append((.string(try keyText(keyNode, file: file)), try value(of: valueNode, file: file)))
        }
        if merged.isEmpty { return RegoObject(explicit) }
        // Explicit keys win over merged ones; among merged mappings the first listed wins.
        var result = RegoObject(explicit)
        for (key, value) in merged where result[key] == nil { result.insert(value, forKey: key) }
        return result
    }

    /// The key/value pairs a `<<` key brings in: one mapping, or a sequence of them (earlier first).
    private static func mergeSources(_ node: Node, file: String) throws(LoadError) -> [(Value, Value)] {
        switch node {
        case .mapping(let mapping): return Array(try object(of: mapping, file: file))
        case .sequence(let sequence):
            var pairs: [(Value, Value)] = []
            var seen = Set<Value>()
            for element in sequence {
                guard case .mapping(let mapping) = element else {
                    throw failure("merge key `<<` needs a mapping or a sequence of mappings", at: element, file: file)
                }
                for (key, value) in try object(of: mapping, file: file) where seen.insert(key).inserted {
                    pairs.append((key, value))
                }
            }
            return pairs
        default:
            throw failure("merge key `<<` needs a mapping or a sequence of mappings", at: node, file: file)
        }
    }

    /// JSON keys are strings: scalars keys become the text of their resolved value.
    private static func keyText(_ node: Node, file: String) throws(LoadError) -> String {
        guard case .scalar(let scalar) = node else {
            throw failure("mapping keys must be scalars to convert to JSON", at: node, file: file)
        }
        switch try value(of: scalar, node: node, file: file) {
        case .string(let s): return s
        case let other: return other.jsonText()
        }
    }

    private static func value(of scalar: Node.Scalar, node: Node, file: String) throws(LoadError) -> Value {
        let text = scalar.string
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return .null
        case .bool: return node.bool.map(Value.bool) ?? .string(text)
        case .int:
            // go-yaml v2 has no sexagesimal (`1:30`) numbers: such scalars stay strings.
            if text.contains(":") { return .string(text) }
            if let i = node.int { return .int(i) }
            // Beyond 64 bits: go-yaml falls back to a float, and so do we.
            if let d = Double(text.replacingOccurrences(of: "_", with: "")), d.isFinite { return .double(d) }
            return .string(text)
        case .float:
            if text.contains(":") { return .string(text) }
            guard let d = node.float else { return .string(text) }
            guard d.isFinite else {
                throw failure("unsupported value \(text): JSON has no infinities or NaN", at: node, file: file)
            }
            return .double(d)
        default:
            // Strings, timestamps (kept as written, like go-yaml v2 into interface{}), binary and
            // unknown tags: the text as written.
            return .string(text)
        }
    }

    private static func failure(_ message: String, at node: Node, file: String) -> LoadError {
        LoadError(.syntax, file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private static func loadError(_ error: YamlError, file: String, text: String) -> LoadError {
        func make(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> LoadError {
            let prefix = context.map { "\($0.text) at \($0.mark.line):\($0.mark.column): " } ?? ""
            return LoadError(.syntax, file: file, line: mark.line, column: mark.column, message: prefix + problem)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return make(context, problem, mark)
        case .parser(let context, let problem, let mark, _): return make(context, problem, mark)
        case .composer(let context, let problem, let mark, _): return make(context, problem, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // context.text is the whole document here; only the mark is useful.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return LoadError(
                .syntax, file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicated mapping key(s): \(keys)")
        case .reader(let problem, let offset, _, _):
            var position: (line: Int, column: Int)? = nil
            if let offset { position = lineAndColumn(ofByte: offset, in: text) }
            return LoadError(.syntax, file: file, line: position?.line, column: position?.column, message: problem)
        default:
            return LoadError(.syntax, file: file, message: "\(error)")
        }
    }

    private static func lineAndColumn(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
