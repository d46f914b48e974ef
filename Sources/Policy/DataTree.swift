import Rego

/// The `data` document under construction, remembering which file defined each part so a merge
/// conflict can name both files.
///
/// OPA's merge rule (its loader's `merge.InterfaceMaps`): two documents merge key by key; where both
/// hold an object at the same key the objects merge recursively; anything else at the same key is a
/// conflict, even two equal values. A file is merged all-or-nothing: conflicts are checked before
/// anything is inserted.
struct DataTree {
    private indirect enum Entry {
        case branch(Branch)
        case leaf(Value, origin: String)
    }

    private struct Branch {
        var children: [String: Entry] = [:]
        var origin: String
    }

    private var root = Branch(origin: "")

    /// Places `document` at `path` below the root (the file's directory within its `-d` root).
    mutating func merge(_ document: Value, at path: [String], from file: String) throws(LoadError) {
        var wrapped = document
        for key in path.reversed() { wrapped = .object(RegoObject([(key, wrapped)])) }
        guard case .object(let object) = wrapped else {
            throw LoadError(.notAnObject, file: file, message: "document must be of type object")
        }
        try checkConflicts(object, in: root, path: [], file: file)
        insert(object, into: &root, file: file)
    }

    /// The merged document.
    var value: Value { Self.value(of: root) }

    private func checkConflicts(_ object: RegoObject, in branch: Branch, path: [String], file: String)
        throws(LoadError)
    {
        for (key, newValue) in object {
            let name = Self.keyName(key)
            guard let existing = branch.children[name] else { continue }
            let childPath = path + [name]
            if case .branch(let existingBranch) = existing, case .object(let newObject) = newValue {
                try checkConflicts(newObject, in: existingBranch, path: childPath, file: file)
            } else {
                let origin = Self.origin(of: existing)
                throw LoadError(
                    .mergeConflict, file: file,
                    message: "merge error: \(Self.render(childPath)) is also defined by \(origin)",
                    otherFile: origin)
            }
        }
    }

    private func insert(_ object: RegoObject, into branch: inout Branch, file: String) {
        for (key, newValue) in object {
            let name = Self.keyName(key)
            if case .branch(var existing)? = branch.children[name], case .object(let newObject) = newValue {
                // Release the stored copy first so the nested branch is mutated in place.
                branch.children[name] = nil
                insert(newObject, into: &existing, file: file)
                branch.children[name] = .branch(existing)
            } else {
                branch.children[name] = Self.entry(for: newValue, file: file)
            }
        }
    }

    /// Objects become branches all the way down, so a later file can merge into any depth.
    private static func entry(for value: Value, file: String) -> Entry {
        guard case .object(let object) = value else { return .leaf(value, origin: file) }
        var branch = Branch(origin: file)
        for (key, child) in object { branch.children[keyName(key)] = entry(for: child, file: file) }
        return .branch(branch)
    }

    private static func origin(of entry: Entry) -> String {
        switch entry {
        case .branch(let branch): return branch.origin
        case .leaf(_, let origin): return origin
        }
    }

    private static func value(of branch: Branch) -> Value {
        .object(RegoObject(branch.children.map { (Value.string($0.key), value(of: $0.value)) }))
    }

    private static func value(of entry: Entry) -> Value {
        switch entry {
        case .branch(let branch): return value(of: branch)
        case .leaf(let value, _): return value
        }
    }

    /// Data documents come from JSON and YAML, whose keys are strings (YAML keys are converted).
    private static func keyName(_ key: Value) -> String { key.stringValue ?? key.jsonText() }

    /// `data.a.b["not-an-ident"]`, as Rego would write the reference.
    static func render(_ path: [String]) -> String {
        var text = "data"
        for key in path {
            if isIdentifier(key) { text += ".\(key)" } else { text += "[\(Value.string(key).description)]" }
        }
        return text
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 48 && $0 <= 57) }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
}
