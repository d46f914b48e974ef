/// Writes a value as YAML the way OPA's `yaml.marshal` does: sigs.k8s.io/yaml turns the JSON
/// text into go-yaml v2 values and go-yaml's emitter (a port of libyaml) prints them. So keys are
/// in go-yaml's "natural" order, sequences in mappings are not indented, empty collections are
/// `{}` and `[]`, strings that would read back as something else are double-quoted, strings with
/// line breaks are literal blocks, and long lines fold at 80 columns. The states and flags below
/// follow libyaml's emitter so the output matches it byte for byte.
struct YAMLEmitter {
    private var out: [UInt8] = []
    private var column = 0
    private var indent = -1
    private var indents: [Int] = []
    /// The last character written was whitespace (or nothing was written yet on the line).
    private var whitespace = true
    /// Only indentation has been written on the current line.
    private var indention = true
    private var mappingContext = false
    private var simpleKeyContext = false

    private static let bestIndent = 2
    private static let bestWidth = 80

    static func emit(_ value: Value) -> String {
        var emitter = YAMLEmitter()
        emitter.node(value, mapping: false, simpleKey: false)
        emitter.writeIndent()
        return String(decoding: emitter.out, as: UTF8.self)
    }

    // MARK: - Nodes

    private mutating func node(_ value: Value, mapping: Bool, simpleKey: Bool) {
        mappingContext = mapping
        simpleKeyContext = simpleKey
        switch value {
        case .null: scalar("null", requested: .plain)
        case .bool(let b): scalar(b ? "true" : "false", requested: .plain)
        case .number(let n): scalar(YAMLEmitter.numberText(n), requested: .plain)
        case .string(let s): string(s)
        case .array(let items): sequence(items)
        case .set(let members): sequence(members.sorted)
        case .object(let object):
            let pairs = object.map { (YAMLEmitter.keyText($0.key), $0.value) }
            mappingNode(pairs.sorted { YAMLEmitter.naturalLess($0.0, $1.0) })
        }
    }

    /// How go-yaml prints a JSON number: integers in decimal, other numbers by Go's shortest `%g`.
    static func numberText(_ n: Number) -> String {
        switch YAMLScalar.resolve(n.description) {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d): return YAMLScalar.formatFloat(d)
        default: return n.description
        }
    }

    /// JSON object keys are strings; other keys are written as their JSON text (as `json.marshal`).
    static func keyText(_ key: Value) -> String {
        if case .string(let s) = key { return s }
        return key.jsonText()
    }

    private mutating func sequence(_ items: [Value]) {
        // Only empty collections are written in flow style, so flow collections never nest.
        if items.isEmpty {
            writeIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            node(item, mapping: false, simpleKey: false)
        }
        popIndent()
    }

    private mutating func mappingNode(_ pairs: [(String, Value)]) {
        if pairs.isEmpty {
            writeIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        increaseIndent(flow: false, indentless: false)
        for (key, value) in pairs {
            writeIndent()
            let analysis = ScalarAnalysis(Array(key.utf8))
            // A key is written simply (`key: value`) unless it spans lines or is long.
            if !analysis.multiline && key.utf8.count <= 128 {
                node(.string(key), mapping: true, simpleKey: true)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                node(.string(key), mapping: true, simpleKey: false)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            node(value, mapping: true, simpleKey: false)
        }
        popIndent()
    }

    // MARK: - Scalars

    private enum Style { case plain, singleQuoted, doubleQuoted, literal }

    /// go-yaml's choice for a string: a literal block if it has a line break, plain if it would
    /// read back as the same string, double-quoted otherwise; libyaml then demotes styles the
    /// text does not allow.
    private mutating func string(_ s: String) {
        let requested: Style
        if s.utf8.contains(0x0A) {
            requested = .literal
        } else {
            let resolved = YAMLScalar.resolve(s)
            requested = resolved == .string && !YAMLEmitter.isBase60Float(s) ? .plain : .doubleQuoted
        }
        scalar(s, requested: requested)
    }

    private mutating func scalar(_ text: String, requested: Style) {
        let value = Array(text.utf8)
        let analysis = ScalarAnalysis(value)
        var style = requested
        if simpleKeyContext && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if value.isEmpty && simpleKeyContext { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKeyContext) {
            style = .doubleQuoted
        }

        increaseIndent(flow: true, indentless: false)
        let allowBreaks = !simpleKeyContext
        switch style {
        case .plain: writePlain(value, allowBreaks: allowBreaks)
        case .singleQuoted: writeSingleQuoted(value, allowBreaks: allowBreaks)
        case .doubleQuoted: writeDoubleQuoted(value, allowBreaks: allowBreaks)
        case .literal: writeLiteral(value)
        }
        popIndent()
    }

    /// go-yaml quotes strings that YAML 1.1 would read as sexagesimal numbers (`1:20`).
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first else { return false }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39)
        else { return false }
        guard b.contains(UInt8(ascii: ":")) else { return false }
        // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return false }
        i += 1
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            var digits = 0
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 2 { i += 1; digits += 1 }
            if digits == 0 { return false }
            if digits == 2 && b[start] > UInt8(ascii: "5") { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }

    // MARK: - Writing

    private mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? YAMLEmitter.bestIndent : 0
        } else if !indentless {
            indent += YAMLEmitter.bestIndent
        }
    }

    private mutating func popIndent() { indent = indents.removeLast() }

    private mutating func put(_ c: UInt8) {
        out.append(c)
        column += 1
    }

    private mutating func putBreak() {
        out.append(0x0A)
        column = 0
    }

    /// Writes one UTF-8 character starting at `value[i]`, counting it as one column.
    private mutating func write(_ value: [UInt8], _ i: inout Int) {
        let w = ScalarAnalysis.width(value[i])
        out.append(contentsOf: value[i..<min(i + w, value.count)])
        column += 1
        i += w
    }

    private mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) { putBreak() }
        while column < target { put(0x20) }
        whitespace = true
        indention = true
    }

    private mutating func writeIndicator(_ text: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(0x20) }
        for c in text.utf8 { put(c) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    private mutating func writePlain(_ value: [UInt8], allowBreaks: Bool) {
        if !whitespace { put(0x20) }
        var spaces = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > YAMLEmitter.bestWidth && !(i + 1 < value.count && value[i + 1] == 0x20) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                indention = false
                spaces = false
            }
        }
        whitespace = false
        indention = false
    }

    private mutating func writeSingleQuoted(_ value: [UInt8], allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > YAMLEmitter.bestWidth && i > 0 && i < value.count - 1
                    && value[i + 1] != 0x20
                {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(value, i) {
                if !breaks && value[i] == 0x0A { putBreak() }
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if value[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeBreak(_ value: [UInt8], _ i: inout Int) {
        if value[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            let w = ScalarAnalysis.width(value[i])
            out.append(contentsOf: value[i..<min(i + w, value.count)])
            column = 0
            i += w
        }
    }

    private mutating func writeDoubleQuoted(_ value: [UInt8], allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var i = 0
        let hex = Array("0123456789ABCDEF".utf8)
        while i < value.count {
            let c = value[i]
            if !ScalarAnalysis.isPrintable(value, i) || ScalarAnalysis.isBOM(value, i) || ScalarAnalysis.isBreak(value, i)
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
            {
                let w = ScalarAnalysis.width(c)
                var v: UInt32
                switch w {
                case 1: v = UInt32(c & 0x7F)
                case 2: v = UInt32(c & 0x1F)
                case 3: v = UInt32(c & 0x0F)
                default: v = UInt32(c & 0x07)
                }
                for k in 1..<max(w, 1) where i + k < value.count { v = (v << 6) | UInt32(value[i + k] & 0x3F) }
                i += w
                put(UInt8(ascii: "\\"))
                switch v {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let digits: Int
                    if v <= 0xFF {
                        put(UInt8(ascii: "x"))
                        digits = 2
                    } else if v <= 0xFFFF {
                        put(UInt8(ascii: "u"))
                        digits = 4
                    } else {
                        put(UInt8(ascii: "U"))
                        digits = 8
                    }
                    for k in stride(from: (digits - 1) * 4, through: 0, by: -4) { put(hex[Int((v >> UInt32(k)) & 0xF)]) }
                }
                spaces = false
            } else if c == 0x20 {
                if allowBreaks && !spaces && column > YAMLEmitter.bestWidth && i > 0 && i < value.count - 1 {
                    writeIndent()
                    if value[i + 1] == 0x20 { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeLiteral(_ value: [UInt8]) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        // Block scalar header: an indentation hint if the text starts with a space or break,
        // then the chomping indicator that keeps exactly the text's trailing line breaks.
        if let first = value.first, first == 0x20 || ScalarAnalysis.isBreak(value, 0) {
            writeIndicator(String(YAMLEmitter.bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chomp: String?
        if value.isEmpty {
            chomp = "-"
        } else {
            var i = value.count - 1
            while i > 0, value[i] & 0xC0 == 0x80 { i -= 1 }
            if !ScalarAnalysis.isBreak(value, i) {
                chomp = "-"
            } else if i == 0 {
                chomp = "+"
            } else {
                i -= 1
                while i > 0, value[i] & 0xC0 == 0x80 { i -= 1 }
                if ScalarAnalysis.isBreak(value, i) { chomp = "+" }
            }
        }
        if let chomp { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < value.count {
            if ScalarAnalysis.isBreak(value, i) {
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                    breaks = false
                }
                write(value, &i)
                indention = false
            }
        }
    }

    // MARK: - Key order

    /// go-yaml v2's order for map keys: letters sort after other characters, and runs of digits
    /// compare as numbers (`a2` before `a10`).
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = ar[i].properties.isAlphabetic
            let bl = br[i].properties.isAlphabetic
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an = 0
            var bn = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0, isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count, isDigit(ar[ai]) {
                an = an &* 10 &+ Int(ar[ai].value - 48)
                ai += 1
            }
            var bi = i
            while bi < br.count, isDigit(br[bi]) {
                bn = bn &* 10 &+ Int(br[bi].value - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
}

/// libyaml's analysis of a scalar: which styles can hold it unchanged.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = true  // kept for fidelity with libyaml; only block context is emitted
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    init(_ value: [UInt8]) {
        if value.isEmpty {
            flowPlainAllowed = false
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false

        if value.count >= 3 && (value.starts(with: Array("---".utf8)) || value.starts(with: Array("...".utf8))) {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var i = 0
        while i < value.count {
            let w = ScalarAnalysis.width(value[i])
            let followedByWhitespace = i + w >= value.count || value[i + w] == 0x20 || value[i + w] == 0x09
            let c = value[i]
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            // go-yaml emits Unicode, so only unprintable characters are special.
            if !ScalarAnalysis.isPrintable(value, i) { specialCharacters = true }
            if c == 0x20 {
                if i == 0 { leadingSpace = true }
                if i + w == value.count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if ScalarAnalysis.isBreak(value, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == value.count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == 0x20 || c == 0x09 || ScalarAnalysis.isBreak(value, i)
            i += w
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if flowIndicators { flowPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    static func width(_ c: UInt8) -> Int {
        if c & 0x80 == 0 { return 1 }
        if c & 0xE0 == 0xC0 { return 2 }
        if c & 0xF0 == 0xE0 { return 3 }
        if c & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    static func byte(_ b: [UInt8], _ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

    /// libyaml's `is_printable` (which leaves out characters beyond the Basic Multilingual Plane).
    static func isPrintable(_ b: [UInt8], _ i: Int) -> Bool {
        let c = b[i]
        let n1 = byte(b, i + 1)
        let n2 = byte(b, i + 2)
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && n1 >= 0xA0) || (c > 0xC2 && c < 0xED)
            || (c == 0xED && n1 < 0xA0) || c == 0xEE
            || (c == 0xEF && !(n1 == 0xBB && n2 == 0xBF) && !(n1 == 0xBF && (n2 == 0xBE || n2 == 0xBF)))
    }

    static func isBOM(_ b: [UInt8], _ i: Int) -> Bool {
        b[i] == 0xEF && byte(b, i + 1) == 0xBB && byte(b, i + 2) == 0xBF
    }

    /// `\r`, `\n`, NEL, LS and PS.
    static func isBreak(_ b: [UInt8], _ i: Int) -> Bool {
        let c = b[i]
        return c == 0x0D || c == 0x0A || (c == 0xC2 && byte(b, i + 1) == 0x85)
            || (c == 0xE2 && byte(b, i + 1) == 0x80 && (byte(b, i + 2) == 0xA8 || byte(b, i + 2) == 0xA9))
    }
}
