/// Variable scopes of one frame: the rule (or query) body, and nested comprehension and `every`
/// bodies. Every variable gets its own slot in the frame; nested scopes reach outer variables by
/// slot (closures without copying).
struct FrameLayout {
    /// Owning scope of each slot.
    private(set) var slotOwner: [Int] = []
    private(set) var slotNames: [String] = []
    /// Parent of each scope (-1 for the root scope).
    private(set) var scopeParent: [Int] = [-1]
    /// Name → slot, per scope.
    private var names: [[String: Int]] = [[:]]
    private(set) var wildcards: Set<Int> = []

    var frameSize: Int { slotOwner.count }

    mutating func newScope(parent: Int) -> Int {
        scopeParent.append(parent)
        names.append([:])
        return scopeParent.count - 1
    }

    mutating func declare(_ name: String, in scope: Int) -> Int {
        if let s = names[scope][name] { return s }
        let slot = slotOwner.count
        slotOwner.append(scope)
        slotNames.append(name)
        names[scope][name] = slot
        return slot
    }

    /// A fresh slot for `_`: never shared, never a needed input.
    mutating func wildcard(in scope: Int) -> Int {
        let slot = slotOwner.count
        slotOwner.append(scope)
        slotNames.append("_")
        wildcards.insert(slot)
        return slot
    }

    /// The slot `name` refers to from `scope`, searching outwards.
    func lookup(_ name: String, from scope: Int) -> Int? {
        var s = scope
        while s >= 0 {
            if let slot = names[s][name] { return slot }
            s = scopeParent[s]
        }
        return nil
    }

    func isDeclared(_ name: String, in scope: Int) -> Bool { names[scope][name] != nil }
}
