/// `json.patch`: RFC 6902 operations (`add`, `remove`, `replace`, `move`, `copy`, `test`) applied in
/// order, with OPA's extensions: paths may be arrays of segments, leading slashes are optional, and
/// sets can be patched (a set member is addressed by itself).
enum JSONPatch {
    /// The patched document, or nil when any operation fails.
    static func apply(_ operations: [Value], to document: Value) -> Value? {
        // nil while the whole document has been removed (only a root `add` can bring it back).
        var doc: Value? = document
        for operation in operations {
            guard case .object(let op) = operation, case .string(let name)? = op["op"],
                let pathValue = op["path"]
            else { return nil }
            let needsFrom = name == "move" || name == "copy"
            let needsValue = name == "add" || name == "replace" || name == "test"
            guard ["add", "remove", "replace", "move", "copy", "test"].contains(name),
                !needsFrom || op["from"] != nil, !needsValue || op["value"] != nil,
                let path = JSONPaths.segments(pathValue)
            else { return nil }
            let value = op["value"] ?? .null

            switch name {
            case "add":
                doc = insert(value, at: path[...], into: doc)
            case "remove":
                doc = delete(at: path[...], from: doc)
            case "replace":
                doc = insert(value, at: path[...], into: delete(at: path[...], from: doc))
            case "move", "copy":
                guard let from = JSONPaths.segments(op["from"]!), let current = doc,
                    let chunk = find(from[...], in: current)
                else { return nil }
                if name == "move" { doc = delete(at: from[...], from: doc) }
                doc = insert(chunk, at: path[...], into: doc)
            default:  // test
                guard let current = doc, let found = find(path[...], in: current), found == value else {
                    return nil
                }
            }
            guard doc != nil || (name == "remove" && path.isEmpty) else { return nil }
        }
        return doc
    }

    /// An array index as OPA's edit tree reads one: an integer, or a string holding a decimal
    /// integer without leading zeros, or `-` for "one past the end".
    static func index(_ key: Value, count: Int) -> Int? {
        switch key {
        case .number(let n): return n.intValue
        case .string(let s):
            if s == "-" { return count }
            if s != "0" && s.hasPrefix("0") { return nil }
            return Int(s)
        default: return nil
        }
    }

    /// The value at `path`, if it exists.
    static func find(_ path: ArraySlice<Value>, in value: Value) -> Value? {
        guard let key = path.first else { return value }
        return child(key, of: value).flatMap { find(path.dropFirst(), in: $0) }
    }

    private static func child(_ key: Value, of value: Value) -> Value? {
        switch value {
        case .object(let o): return o[key]
        case .set(let s): return s.contains(key) ? key : nil
        case .array(let a):
            guard let i = index(key, count: a.count), a.indices.contains(i) else { return nil }
            return a[i]
        default: return nil
        }
    }

    /// `current` with `new` added at `path`: the parent must exist; objects gain or replace the
    /// key, arrays shift elements up, sets add the member (which must equal the last segment).
    static func insert(_ new: Value, at path: ArraySlice<Value>, into current: Value?) -> Value? {
        guard let key = path.first else { return new }
        guard let current else { return nil }
        if path.count == 1 {
            switch current {
            case .object(let o): return .object(o.inserting(new, forKey: key))
            case .set(let s): return key == new ? .set(s.inserting(new)) : nil
            case .array(var a):
                guard let i = index(key, count: a.count), i >= 0, i <= a.count else { return nil }
                a.insert(new, at: i)
                return .array(a)
            default: return nil
            }
        }
        return update(key, of: current) { insert(new, at: path.dropFirst(), into: $0) }
    }

    /// `current` without the value at `path`, which must exist.
    static func delete(at path: ArraySlice<Value>, from current: Value?) -> Value? {
        guard let current else { return nil }
        guard let key = path.first else { return nil }
        if path.count == 1 {
            switch current {
            case .object(let o): return o[key] == nil ? nil : .object(o.removing(key))
            case .set(let s): return s.contains(key) ? .set(RegoSet(s.lazy.filter { $0 != key })) : nil
            case .array(var a):
                guard let i = index(key, count: a.count), a.indices.contains(i) else { return nil }
                a.remove(at: i)
                return .array(a)
            default: return nil
            }
        }
        return update(key, of: current) { delete(at: path.dropFirst(), from: $0) }
    }

    /// `container` with its existing child at `key` replaced by `transform(child)`.
    private static func update(_ key: Value, of container: Value, _ transform: (Value) -> Value?) -> Value? {
        guard let old = child(key, of: container), let new = transform(old) else { return nil }
        switch container {
        case .object(let o): return .object(o.inserting(new, forKey: key))
        case .set(let s): return .set(RegoSet(s.lazy.filter { $0 != key }).inserting(new))
        case .array(var a):
            a[index(key, count: a.count)!] = new
            return .array(a)
        default: return nil
        }
    }
}
