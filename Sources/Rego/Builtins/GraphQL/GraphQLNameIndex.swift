extension GraphQL {
    /// Finds the first item of a list with a given name, as gqlparser's `ForName` helpers do,
    /// without their linear search: a hostile document or schema with many names would
    /// otherwise make every lookup cost as much as the whole list. Built on first use; the
    /// owner resets it whenever the list changes.
    struct NameIndex {
        private var positions: [String: Int]?

        /// Lists this short are searched directly.
        private static let directLimit = 8

        mutating func reset() { positions = nil }

        mutating func first<Item>(_ name: String, in items: [Item], _ nameOf: (Item) -> String) -> Item? {
            if items.count <= NameIndex.directLimit { return items.first { nameOf($0) == name } }
            if positions == nil {
                var built: [String: Int] = [:]
                built.reserveCapacity(items.count)
                for (index, item) in items.enumerated() where built[nameOf(item)] == nil {
                    built[nameOf(item)] = index
                }
                positions = built
            }
            return positions?[name].map { items[$0] }
        }
    }
}
