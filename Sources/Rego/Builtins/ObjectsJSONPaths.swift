extension Builtins {
    /// `json.filter`, `json.remove` and `json.patch`: JSON-pointer style paths (`"a/b/0"`, with `~1`
    /// for `/` and `~0` for `~`) or arrays of path segments (`["a", "b", 0]`).
    static let jsonPathBuiltins: [Builtin] = [
        Builtin("json.filter", arity: 2) { args, _ throws(BuiltinError) in
            let object = try args.object(1)
            let tree = try JSONPaths.tree(of: JSONPaths.paths(args[1]))
            return JSONPaths.filter(.object(object), by: .branch(tree))
        },
        Builtin("json.remove", arity: 2) { args, _ throws(BuiltinError) in
            let object = try args.object(1)
            let tree = try JSONPaths.tree(of: JSONPaths.paths(args[1]))
            return JSONPaths.remove(from: .object(object), by: .branch(tree))
        },
        Builtin("json.patch", arity: 2) { args, _ throws(BuiltinError) in
            // Any failing operation makes the result undefined, as in OPA; only the operand's
            // kind is an error.
            JSONPatch.apply(try args.array(2), to: args[0])
        },
    ]
}

/// The path machinery shared by `json.filter`, `json.remove` and `json.patch`.
enum JSONPaths {
    /// A set of paths folded into a tree: a `leaf` selects everything below it.
    indirect enum Node {
        case leaf
        case branch([Value: Node])
    }

    /// The paths of `json.filter`/`json.remove`'s second operand: an array or set of paths.
    static func paths(_ operand: Value) throws(BuiltinError) -> [[Value]] {
        let elements: [Value]
        switch operand {
        case .array(let a): elements = a
        case .set(let s): elements = s.sorted
        default: throw .operand(2, mustBe: "one of {set, array}", got: operand)
        }
        var paths: [[Value]] = []
        paths.reserveCapacity(elements.count)
        for element in elements {
            guard let path = segments(element) else {
                throw .operand(
                    2,
                    "must be one of {set, array} containing string paths or array of path segments but got \(element.typeName)"
                )
            }
            paths.append(path)
        }
        return paths
    }

    /// The segments of one path: a `/`-separated string (leading slashes ignored, `""` is the
    /// root) or an array of segments. Nil for anything else.
    static func segments(_ path: Value) -> [Value]? {
        switch path {
        case .array(let a): return a
        case .string(let s):
            if s.isEmpty { return [] }
            return s.drop(while: { $0 == "/" })
                .split(separator: "/", omittingEmptySubsequences: false)
                .map { .string(unescape($0)) }
        default: return nil
        }
    }

    /// JSON-pointer escapes, in OPA's order (`~1` first, then `~0`).
    private static func unescape(_ segment: Substring) -> String {
        guard segment.contains("~") else { return String(segment) }
        var s = String(segment)
        s = s.replacing("~1", with: "/")
        s = s.replacing("~0", with: "~")
        return s
    }

    /// Folds paths into a tree. A shorter path wins over the longer ones it prefixes, and the
    /// empty path selects nothing (OPA's `pathsToObject`).
    static func tree(of paths: [[Value]]) -> [Value: Node] {
        var root: [Value: Node] = [:]
        for path in paths { insert(path[...], into: &root) }
        return root
    }

    private static func insert(_ path: ArraySlice<Value>, into node: inout [Value: Node]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            node[first] = .leaf
            return
        }
        switch node[first] {
        case .leaf: return
        case .branch(var child):
            node[first] = .leaf  // drop the reference so `child` is mutated in place
            insert(path.dropFirst(), into: &child)
            node[first] = .branch(child)
        case nil:
            var child: [Value: Node] = [:]
            insert(path.dropFirst(), into: &child)
            node[first] = .branch(child)
        }
    }

    /// The parts of `value` selected by `node` (OPA's `Object.Filter`). Array elements are selected
    /// by their index written as a string, as JSON-pointer segments are.
    static func filter(_ value: Value, by node: Node) -> Value {
        guard case .branch(let keys) = node else { return value }
        switch value {
        case .object(let o):
            var pairs: [(Value, Value)] = []
            for (key, sub) in keys {
                if let v = o[key] { pairs.append((key, filter(v, by: sub))) }
            }
            return .object(RegoObject(pairs))
        case .array(let a):
            var out: [Value] = []
            for (i, element) in a.enumerated() {
                if let sub = keys[.string(String(i))] { out.append(filter(element, by: sub)) }
            }
            return .array(out)
        case .set(let s):
            return .set(RegoSet(s.lazy.compactMap { member in keys[member].map { filter(member, by: $0) } }))
        default:
            return value
        }
    }

    /// `value` without the parts selected by `node`; nil when `value` itself is selected.
    static func remove(from value: Value, by node: Node?) -> Value? {
        guard let node else { return value }
        guard case .branch(let keys) = node else { return nil }
        switch value {
        case .object(let o):
            return .object(RegoObject(o.lazy.compactMap { k, v in remove(from: v, by: keys[k]).map { (k, $0) } }))
        case .array(let a):
            return .array(a.enumerated().compactMap { i, v in remove(from: v, by: keys[.string(String(i))]) })
        case .set(let s):
            return .set(RegoSet(s.lazy.compactMap { remove(from: $0, by: keys[$0]) }))
        default:
            return value
        }
    }
}
