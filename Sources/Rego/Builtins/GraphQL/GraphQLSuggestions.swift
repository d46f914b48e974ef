extension GraphQL {
    /// "Did you mean …?" helpers with gqlparser's (and graphql-js's) choice and spelling.
    enum Suggestions {
        /// The options close enough to `input` to suggest, nearest first (ties keep their order).
        /// Comparing long names is quadratic, so the work is charged to the validation's budget.
        static func list(_ input: String, _ options: [String], charging validation: Validation) throws(Failure) -> [String] {
            let threshold = Int(Double(input.utf8.count) * 0.4) + 1
            let inputLength = input.unicodeScalars.count
            var results: [(option: String, distance: Int)] = []
            for option in options {
                let optionLength = option.unicodeScalars.count
                // Lengths that differ by more than the threshold already rule the option out.
                if abs(optionLength - inputLength) > threshold { continue }
                try validation.step(1 + inputLength * optionLength / 16)
                let distance = lexicalDistance(input, option)
                if distance <= threshold { results.append((option, distance)) }
            }
            return stableSorted(results) { $0.distance < $1.distance }.map(\.option)
        }

        /// Edit distance where a change of case alone counts as one edit.
        static func lexicalDistance(_ a: String, _ b: String) -> Int {
            if a == b { return 0 }
            let lowerA = a.lowercased()
            let lowerB = b.lowercased()
            if lowerA == lowerB { return 1 }
            return levenshtein(Array(lowerA.unicodeScalars), Array(lowerB.unicodeScalars))
        }

        private static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var previous = Array(0...b.count)
            var current = [Int](repeating: 0, count: b.count + 1)
            for i in 1...a.count {
                current[0] = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                }
                swap(&previous, &current)
            }
            return previous[b.count]
        }

        /// `A`, `A or B`, `A, B, or C`, at most five items.
        static func orList(_ items: [String]) -> String {
            let items = Array(items.prefix(5))
            if items.count == 2 { return items[0] + " or " + items[1] }
            var text = ""
            for (index, item) in items.enumerated() {
                if index != 0 { text += index == items.count - 1 ? ", or " : ", " }
                text += item
            }
            return text
        }

        static func quotedOrList(_ items: [String]) -> String {
            orList(items.map { "\"" + $0 + "\"" })
        }

        /// ` PREFIX "a", "b", or "c"?` when there is something to suggest, else nothing.
        static func quoted(
            _ prefix: String, _ typed: String, _ options: [String], charging validation: Validation
        ) throws(Failure) -> String {
            let suggested = try list(typed, options, charging: validation)
            return suggested.isEmpty ? "" : " \(prefix) \(quotedOrList(suggested))?"
        }

        static func unquoted(
            _ prefix: String, _ typed: String, _ options: [String], charging validation: Validation
        ) throws(Failure) -> String {
            let suggested = try list(typed, options, charging: validation)
            return suggested.isEmpty ? "" : " \(prefix) \(orList(suggested))?"
        }

        static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
            items.enumerated().sorted { a, b in
                if less(a.element, b.element) { return true }
                if less(b.element, a.element) { return false }
                return a.offset < b.offset
            }.map(\.element)
        }
    }
}
