extension GraphQL {
    /// The value of a `"""block string"""`: the spec's BlockStringValue, which removes the common
    /// indentation of all lines but the first and drops leading and trailing blank lines.
    enum BlockString {
        static func value(_ raw: String) -> String {
            var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var commonIndent: Int?
            for line in lines.dropFirst() {
                if let indent = leadingWhitespace(line), indent < commonIndent ?? Int.max {
                    commonIndent = indent
                }
            }
            if let commonIndent {
                for i in lines.indices.dropFirst() {
                    let bytes = lines[i].utf8
                    lines[i] = bytes.count < commonIndent ? "" : String(decoding: bytes.dropFirst(commonIndent), as: UTF8.self)
                }
            }
            var first = lines.startIndex
            var last = lines.endIndex
            while first < last, leadingWhitespace(lines[first]) == nil { first += 1 }
            while first < last, leadingWhitespace(lines[last - 1]) == nil { last -= 1 }
            return lines[first..<last].joined(separator: "\n")
        }

        /// Bytes of spaces and tabs before the first other character; nil for a blank line.
        private static func leadingWhitespace(_ line: String) -> Int? {
            var count = 0
            for byte in line.utf8 {
                guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else { return count }
                count += 1
            }
            return nil
        }
    }
}
