/// Scalars: plain (folded over lines), single- and double-quoted, and literal/folded blocks.
extension YAMLParser {
    // MARK: - Plain scalars

    /// Whether the plain scalar starting at `pos` is followed, on this line, by `:` and a blank:
    /// then it is a mapping key.
    func lineHasPlainKey() -> Bool {
        var i = pos
        while i < bytes.count, bytes[i] != 0x0A {
            let c = bytes[i]
            if c == UInt8(ascii: "#") && i > pos && YAMLParser.isBlank(bytes[i - 1]) { return false }
            if c == UInt8(ascii: ":") && YAMLParser.isSeparator(i + 1 < bytes.count ? bytes[i + 1] : nil) { return true }
            i += 1
        }
        return false
    }

    /// The text of a plain key, leaving `pos` at its `:`.
    mutating func parsePlainKey() throws(YAMLError) -> String {
        let start = pos
        while let c = byte(), !(c == UInt8(ascii: ":") && YAMLParser.isSeparator(byte(1))) { pos += 1 }
        var end = pos
        while end > start, YAMLParser.isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A plain scalar, continued on following lines indented beyond `parent` (block context) or
    /// up to a flow indicator (flow context), lines joined as YAML folds them. In block context it
    /// returns at the next content line; in flow context at the character that ended it.
    mutating func parsePlain(flow: Bool, parent: Int) throws(YAMLError) -> String {
        var out: [UInt8] = []
        var pendingBreaks = 0
        var firstLine = true
        while true {
            // One line's run of text.
            var i = pos
            var stop: UInt8? = nil
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x0A { break }
                let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                if c == UInt8(ascii: ":") && (YAMLParser.isSeparator(next) || (flow && YAMLParser.isFlowIndicator(next))) {
                    stop = c
                    break
                }
                if flow && YAMLParser.isFlowIndicator(c) {
                    stop = c
                    break
                }
                if c == UInt8(ascii: "#") && i > lineStart && YAMLParser.isBlank(bytes[i - 1]) {
                    stop = c
                    break
                }
                i += 1
            }
            var end = i
            while end > pos, YAMLParser.isBlank(bytes[end - 1]) { end -= 1 }
            if end > pos {
                if !firstLine || !out.isEmpty {
                    if pendingBreaks == 1 {
                        out.append(0x20)
                    } else if pendingBreaks > 1 {
                        out += [UInt8](repeating: 0x0A, count: pendingBreaks - 1)
                    }
                }
                out += bytes[pos..<end]
            }
            pos = i
            if let stop {
                if stop == UInt8(ascii: ":") && !flow {
                    throw scannerError("mapping values are not allowed in this context")
                }
                if !flow {
                    // A comment ends the scalar.
                    try skipToContent()
                }
                return String(decoding: out, as: UTF8.self)
            }
            firstLine = false
            if atEnd { return String(decoding: out, as: UTF8.self) }

            // Look past the line break (and empty lines) for a continuation line.
            var breaks = 0
            var probe = pos
            var probeLine = line
            var probeLineStart = lineStart
            while probe < bytes.count, bytes[probe] == 0x0A {
                breaks += 1
                probe += 1
                probeLine += 1
                probeLineStart = probe
                while probe < bytes.count, YAMLParser.isBlank(bytes[probe]) { probe += 1 }
            }
            let probeColumn = probe - probeLineStart
            let startsComment = probe < bytes.count && bytes[probe] == UInt8(ascii: "#")
            let atMarker: Bool = {
                guard probe == probeLineStart, probe + 3 <= bytes.count else { return false }
                let c = bytes[probe]
                guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
                let after: UInt8? = probe + 3 < bytes.count ? bytes[probe + 3] : nil
                return bytes[probe + 1] == c && bytes[probe + 2] == c && YAMLParser.isSeparator(after)
            }()
            let ends: Bool
            if probe >= bytes.count || startsComment || atMarker {
                ends = true
            } else if flow {
                ends = YAMLParser.isFlowIndicator(bytes[probe])
                    || (bytes[probe] == UInt8(ascii: ":")
                        && (probe + 1 >= bytes.count || YAMLParser.isSeparator(bytes[probe + 1])
                            || YAMLParser.isFlowIndicator(bytes[probe + 1])))
            } else {
                ends = probeColumn <= parent
            }
            if ends {
                if flow {
                    // Leave the breaks for the flow collection to skip.
                    return String(decoding: out, as: UTF8.self)
                }
                pos = probe
                line = probeLine
                lineStart = probeLineStart
                if startsComment { try skipToContent() }
                return String(decoding: out, as: UTF8.self)
            }
            pos = probe
            line = probeLine
            lineStart = probeLineStart
            pendingBreaks = breaks
        }
    }

    // MARK: - Quoted scalars

    mutating func parseSingleQuoted() throws(YAMLError) -> String {
        try parseQuoted(double: false)
    }

    mutating func parseDoubleQuoted() throws(YAMLError) -> String {
        try parseQuoted(double: true)
    }

    private mutating func parseQuoted(double: Bool) throws(YAMLError) -> String {
        let quote: UInt8 = double ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        let startLine = line
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = byte() else {
                throw scannerError("found unexpected end of stream", context: startLine)
            }
            if column == 0 && isDocumentMarker {
                throw scannerError("found unexpected document indicator", context: startLine)
            }
            if c == quote {
                if !double && byte(1) == quote {
                    out.append(quote)
                    pos += 2
                    continue
                }
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if double && c == UInt8(ascii: "\\") {
                if byte(1) == 0x0A {
                    // An escaped line break joins the lines without a space.
                    pos += 1
                    advance()
                    skipBlanks()
                    continue
                }
                try parseEscape(into: &out)
                continue
            }
            if YAMLParser.isBlank(c) {
                let start = pos
                skipBlanks()
                if byte() == 0x0A || byte() == nil { continue }  // trailing blanks are dropped
                out += bytes[start..<pos]
                continue
            }
            if c == 0x0A {
                var breaks = 0
                while byte() == 0x0A {
                    advance()
                    breaks += 1
                    skipBlanks()
                }
                if breaks == 1 {
                    out.append(0x20)
                } else {
                    out += [UInt8](repeating: 0x0A, count: breaks - 1)
                }
                continue
            }
            out.append(c)
            pos += 1
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(YAMLError) {
        guard let e = byte(1) else { throw scannerError("found unexpected end of stream") }
        var scalar: UInt32?
        var hexDigits = 0
        switch e {
        case UInt8(ascii: "0"): scalar = 0
        case UInt8(ascii: "a"): scalar = 7
        case UInt8(ascii: "b"): scalar = 8
        case UInt8(ascii: "t"), 0x09: scalar = 9
        case UInt8(ascii: "n"): scalar = 10
        case UInt8(ascii: "v"): scalar = 11
        case UInt8(ascii: "f"): scalar = 12
        case UInt8(ascii: "r"): scalar = 13
        case UInt8(ascii: "e"): scalar = 0x1B
        case UInt8(ascii: " "): scalar = 0x20
        case UInt8(ascii: "\""): scalar = 0x22
        case UInt8(ascii: "/"): scalar = 0x2F
        case UInt8(ascii: "\\"): scalar = 0x5C
        case UInt8(ascii: "N"): scalar = 0x85
        case UInt8(ascii: "_"): scalar = 0xA0
        case UInt8(ascii: "L"): scalar = 0x2028
        case UInt8(ascii: "P"): scalar = 0x2029
        case UInt8(ascii: "x"): hexDigits = 2
        case UInt8(ascii: "u"): hexDigits = 4
        case UInt8(ascii: "U"): hexDigits = 8
        default: throw scannerError("found unknown escape character")
        }
        pos += 2
        if hexDigits > 0 {
            var v: UInt32 = 0
            for _ in 0..<hexDigits {
                guard let h = byte(), let d = YAMLParser.hexValue(h) else {
                    throw scannerError("did not find expected hexdecimal number")
                }
                v = v << 4 | d
                pos += 1
            }
            scalar = v
        }
        guard let value = scalar, let unicode = Unicode.Scalar(value) else {
            throw scannerError("found invalid Unicode character escape code")
        }
        out += Array(String(Character(unicode)).utf8)
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: - Block scalars

    /// `|` (literal) or `>` (folded), with optional chomping (`+`/`-`) and indentation (1-9)
    /// indicators, as libyaml scans them. Returns at the next content line.
    mutating func parseBlockScalar(parent: Int) throws(YAMLError) -> String {
        let literal = byte() == UInt8(ascii: "|")
        pos += 1
        var chomping = 0
        var increment = 0
        for _ in 0..<2 {
            guard let c = byte() else { break }
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && chomping == 0 {
                chomping = c == UInt8(ascii: "+") ? 1 : -1
                pos += 1
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") && increment == 0 {
                if c == UInt8(ascii: "0") { throw scannerError("found an indentation indicator equal to 0") }
                increment = Int(c - UInt8(ascii: "0"))
                pos += 1
            } else {
                break
            }
        }
        skipBlanks()
        if byte() == UInt8(ascii: "#") {
            while let c = byte(), c != 0x0A { pos += 1 }
        }
        guard byte() == nil || byte() == 0x0A else {
            throw scannerError("did not find expected comment or line break")
        }
        if !atEnd { advance() }

        var indent = 0
        if increment > 0 { indent = parent >= 0 ? parent + increment : increment }
        var text: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []

        try scanBlockBreaks(indent: &indent, parent: parent, breaks: &trailingBreaks)
        var leadingBlank = false
        while column == indent && !atEnd {
            let trailingBlank = YAMLParser.isBlank(byte())
            if !literal && leadingBreak.first == 0x0A && !leadingBlank && !trailingBlank {
                if trailingBreaks.isEmpty { text.append(0x20) }
                leadingBreak = []
            } else {
                text += leadingBreak
                leadingBreak = []
            }
            text += trailingBreaks
            trailingBreaks = []
            leadingBlank = YAMLParser.isBlank(byte())
            let start = pos
            while let c = byte(), c != 0x0A { pos += 1 }
            text += bytes[start..<pos]
            if atEnd { break }
            advance()
            leadingBreak = [0x0A]
            try scanBlockBreaks(indent: &indent, parent: parent, breaks: &trailingBreaks)
        }
        if chomping != -1 { text += leadingBreak }
        if chomping == 1 { text += trailingBreaks }
        try settleAtContent()
        return String(decoding: text, as: UTF8.self)
    }

    /// Skips the indentation and empty lines before block scalar content; with no indentation
    /// yet, takes the deepest one seen (at least one more than the parent's).
    private mutating func scanBlockBreaks(indent: inout Int, parent: Int, breaks: inout [UInt8]) throws(YAMLError) {
        var maxIndent = 0
        while true {
            while (indent == 0 || column < indent) && byte() == 0x20 { pos += 1 }
            if column > maxIndent { maxIndent = column }
            if (indent == 0 || column < indent) && byte() == 0x09 {
                throw scannerError("found a tab character where an indentation space is expected")
            }
            guard byte() == 0x0A else { break }
            advance()
            breaks.append(0x0A)
        }
        if indent == 0 { indent = max(maxIndent, parent + 1, 1) }
    }
}
