extension Builtins {
    /// The `objects` family: `object.*` plus the JSON-path helpers `json.filter`, `json.remove` and
    /// `json.patch` (ObjectsJSONPaths.swift, ObjectsJSONPatch.swift), which OPA documents alongside.
    static let objects: [Builtin] = objectBuiltins + jsonPathBuiltins

    private static let objectBuiltins: [Builtin] = [
        Builtin("object.get", arity: 3) { args, _ throws(BuiltinError) in
            let object = try args.object(1)
            // A non-array key is a single key; an array is a path (empty: the object itself).
            guard case .array(let path) = args[1] else { return object[args[1]] ?? args[2] }
            return Objects.find(path[...], in: args[0]) ?? args[2]
        },
        Builtin("object.keys", arity: 1) { args, _ throws(BuiltinError) in
            .set(RegoSet(try args.object(1).keys))
        },
        Builtin("object.remove", arity: 2) { args, _ throws(BuiltinError) in
            let object = try args.object(1)
            let doomed = try Objects.keySet(args[1])
            return .object(RegoObject(object.lazy.filter { !doomed.contains($0.key) }.map { ($0.key, $0.value) }))
        },
        Builtin("object.filter", arity: 2) { args, _ throws(BuiltinError) in
            let object = try args.object(1)
            let kept = try Objects.keySet(args[1])
            return .object(RegoObject(object.lazy.filter { kept.contains($0.key) }.map { ($0.key, $0.value) }))
        },
        Builtin("object.union", arity: 2) { args, _ throws(BuiltinError) in
            let (a, b) = (try args.object(1), try args.object(2))
            if a == b { return args[0] }
            return .object(Objects.merge(a, b))
        },
        Builtin("object.union_n", arity: 1) { args, _ throws(BuiltinError) in
            let objects = try args.array(1)
            // OPA walks the array from the end, so the last non-object is the one reported.
            if let bad = objects.last(where: { $0.objectValue == nil }) {
                throw .element(1, of: args[0], got: bad, mustBe: "object")
            }
            var result = RegoObject()
            for case .object(let o) in objects { result = Objects.merge(result, o) }
            return .object(result)
        },
        Builtin("object.subset", arity: 2) { args, _ throws(BuiltinError) in
            switch (args[0], args[1]) {
            case (.object(let sup), .object(let sub)): return .bool(Objects.isSubset(sub, of: sup))
            case (.set(let sup), .set(let sub)): return .bool(sub.isSubset(of: sup))
            case (.array(let sup), .array(let sub)): return .bool(Objects.contains(sup, run: sub))
            case (.array(let sup), .set(let sub)):
                return .bool(Objects.arrayCovers(sup, sub))
            default:
                throw BuiltinError(.type, "both arguments object.subset must be of the same type or array and set")
            }
        },
    ]
}

/// Shared logic of the object builtins.
enum Objects {
    /// Follows `path` through objects (by key), arrays (by integer index) and sets (by member).
    static func find(_ path: ArraySlice<Value>, in value: Value) -> Value? {
        var current = value
        for key in path {
            switch current {
            case .object, .array, .set:
                guard let next = current[key] else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    /// The keys named by an array, a set, or an object's keys (`object.remove`, `object.filter`).
    static func keySet(_ value: Value) throws(BuiltinError) -> Set<Value> {
        switch value {
        case .array(let a): return Set(a)
        case .set(let s): return Set(s)
        case .object(let o): return Set(o.keys)
        default: throw .operand(2, mustBe: "one of {object, set, array}", got: value)
        }
    }

    /// `b` written over `a`; where both hold objects under one key, those are merged recursively.
    static func merge(_ a: RegoObject, _ b: RegoObject) -> RegoObject {
        var result = a
        for (key, new) in b {
            if case .object(let old) = a[key] ?? .null, case .object(let newObject) = new {
                result.insert(.object(merge(old, newObject)), forKey: key)
            } else {
                result.insert(new, forKey: key)
            }
        }
        return result
    }

    /// `object.subset` on objects: every key of `sub` is in `sup` with an equal value, or with a
    /// value that is itself a subset (objects recursively, sets by membership, arrays as a run).
    static func isSubset(_ sub: RegoObject, of sup: RegoObject) -> Bool {
        sub.allSatisfy { key, subValue in
            guard let supValue = sup[key] else { return false }
            if subValue == supValue { return true }
            switch (supValue, subValue) {
            case (.object(let p), .object(let b)): return isSubset(b, of: p)
            case (.set(let p), .set(let b)): return b.isSubset(of: p)
            case (.array(let p), .array(let b)): return contains(p, run: b)
            default: return false
            }
        }
    }

    /// `object.subset(array, set)` exactly as OPA computes it: it counts down the set's size for
    /// every array element that is a member (so duplicates count twice) and succeeds once the count
    /// reaches zero while walking the array (so an empty array never succeeds).
    static func arrayCovers(_ array: [Value], _ set: RegoSet) -> Bool {
        var unmatched = set.count
        for element in array {
            if set.contains(element) { unmatched -= 1 }
            if unmatched == 0 { return true }
        }
        return false
    }

    /// Whether `run` appears in `array` as a contiguous subsequence.
    static func contains(_ array: [Value], run: [Value]) -> Bool {
        if run.count > array.count { return false }
        if run.isEmpty { return true }
        for start in 0...(array.count - run.count)
        where array[start..<(start + run.count)].elementsEqual(run) {
            return true
        }
        return false
    }
}
