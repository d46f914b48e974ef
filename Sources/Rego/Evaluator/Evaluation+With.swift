/// `with` modifiers: evaluate one literal with `input`, parts of `data`, or functions replaced.
/// The replacement holds only while the literal itself is evaluated: the rest of the body (the
/// continuation) runs with the original state again.
extension Evaluation {
    private struct OverrideState {
        var input: Value?
        var data: Value
        var maskedPaths: Set<[String]>
        var functionOverrides: [String: FunctionOverride]
        var cache: [ObjectIdentifier: Value?]
        var depth: Int
    }

    private var overrideState: OverrideState {
        get {
            OverrideState(
                input: input, data: data, maskedPaths: maskedPaths, functionOverrides: functionOverrides, cache: cache,
                depth: overrideDepth)
        }
        set {
            input = newValue.input
            data = newValue.data
            maskedPaths = newValue.maskedPaths
            functionOverrides = newValue.functionOverrides
            cache = newValue.cache
            overrideDepth = newValue.depth
        }
    }

    func evalWith(_ lit: CLiteral, _ k: Continuation) throws(RegoError) -> Bool {
        // Replacement values are evaluated in the state outside the literal.
        var values: [Value] = []
        for w in lit.with {
            if w.replacement != nil {
                values.append(.null)
                continue
            }
            var found: Value?
            _ = try evalTerm(w.value) { (v) throws(RegoError) -> Bool in
                found = v
                return true
            }
            guard let v = found else { return false }
            values.append(v)
        }
        let outer = overrideState
        var inner = outer
        inner.cache = [:]
        inner.depth = outer.depth + 1
        for (w, v) in zip(lit.with, values) {
            switch w.target {
            case .input(let path):
                inner.input = path.isEmpty ? v : (inner.input ?? .emptyObject).setting(path[...], to: v)
            case .data(let path):
                inner.data = inner.data.setting(path[...], to: v)
                inner.maskedPaths.insert(path)
            case .function(let name):
                inner.functionOverrides[name] = w.replacement.map { .callee($0) } ?? .value(v)
            }
        }
        overrideState = inner
        defer { overrideState = outer }
        return try evalLiteral(lit, applyingWith: false) { () throws(RegoError) -> Bool in
            let current = self.overrideState
            self.overrideState = outer
            defer { self.overrideState = current }
            return try k()
        }
    }
}

extension Value {
    /// A copy with `value` placed at the path of object keys, creating objects on the way and
    /// replacing non-objects in between.
    func setting(_ path: ArraySlice<String>, to value: Value) -> Value {
        guard let first = path.first else { return value }
        var object = objectValue ?? RegoObject()
        let child = object[first] ?? .emptyObject
        object.insert(child.setting(path.dropFirst(), to: value), forKey: .string(first))
        return .object(object)
    }
}
