extension Builtins {
    /// The `strings` family (see BuiltinTable): OPA's topdown/strings.go, with Go's byte-wise
    /// comparisons and code-point indexing.
    static let strings: [Builtin] = [
        Builtin("concat", arity: 2) { args, _ throws(BuiltinError) in
            let separator = try args.string(1)
            return .string(try StringBuiltins.concat(args[1], separator: separator))
        },
        Builtin("contains", arity: 2) { args, _ throws(BuiltinError) in
            .bool(UTF8Text.contains(try args.string(1), try args.string(2)))
        },
        Builtin("startswith", arity: 2) { args, _ throws(BuiltinError) in
            .bool(UTF8Text.hasPrefix(try args.string(1), try args.string(2)))
        },
        Builtin("endswith", arity: 2) { args, _ throws(BuiltinError) in
            .bool(UTF8Text.hasSuffix(try args.string(1), try args.string(2)))
        },
        Builtin("lower", arity: 1) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.mapCase(try args.string(1), upper: false))
        },
        Builtin("upper", arity: 1) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.mapCase(try args.string(1), upper: true))
        },
        Builtin("split", arity: 2) { args, _ throws(BuiltinError) in
            .array(StringBuiltins.split(try args.string(1), separator: try args.string(2)))
        },
        Builtin("replace", arity: 3) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let old = try args.string(2)
            let new = try args.string(3)
            return .string(StringReplacer(pairs: [(old, new)]).replace(in: s))
        },
        Builtin("strings.replace_n", arity: 2) { args, _ throws(BuiltinError) in
            let patterns = try args.object(1)
            let s = try args.string(2)
            var pairs: [(old: String, new: String)] = []
            pairs.reserveCapacity(patterns.count)
            for (key, value) in patterns {  // sorted keys, as OPA sorts them
                guard case .string(let old) = key else {
                    throw BuiltinError(.type, "operand 1 non-string key found in pattern object")
                }
                guard case .string(let new) = value else {
                    throw BuiltinError(.type, "operand 1 non-string value found in pattern object")
                }
                pairs.append((old, new))
            }
            if pairs.isEmpty { return .string(s) }
            return .string(StringReplacer(pairs: pairs).replace(in: s))
        },
        Builtin("substring", arity: 3) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let start = try args.integer(2)
            let length = try args.integer(3)
            if start < 0 { throw .builtin("negative offset") }
            return .string(StringBuiltins.substring(s, start: start, length: length))
        },
        Builtin("indexof", arity: 2) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let search = try args.string(2)
            if search.isEmpty { throw .builtin("empty search character") }
            return .int(UTF8Text.withBytes(s, search) { hay, needle in
                guard let at = UTF8Text.firstIndex(of: needle, in: hay) else { return -1 }
                return UTF8Text.scalarCount(hay, upTo: at)
            })
        },
        Builtin("indexof_n", arity: 2) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let search = try args.string(2)
            if search.isEmpty { throw .builtin("empty search character") }
            return .array(UTF8Text.withBytes(s, search) { hay, needle in
                var found: [Value] = []
                var from = 0
                var scalarsBefore = 0
                var counted = 0
                while let at = UTF8Text.firstIndex(of: needle, in: hay, from: from) {
                    scalarsBefore += UTF8Text.scalarCount(hay, from: counted, to: at)
                    counted = at
                    found.append(.int(scalarsBefore))
                    from = at + 1
                }
                return found
            })
        },
        Builtin("trim", arity: 2) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.trim(try args.string(1), cutset: try args.string(2), left: true, right: true))
        },
        Builtin("trim_left", arity: 2) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.trim(try args.string(1), cutset: try args.string(2), left: true, right: false))
        },
        Builtin("trim_right", arity: 2) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.trim(try args.string(1), cutset: try args.string(2), left: false, right: true))
        },
        Builtin("trim_prefix", arity: 2) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let prefix = try args.string(2)
            guard !prefix.isEmpty, UTF8Text.hasPrefix(s, prefix) else { return .string(s) }
            return .string(UTF8Text.withBytes(s) { UTF8Text.string($0, prefix.utf8.count..<$0.count) })
        },
        Builtin("trim_suffix", arity: 2) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let suffix = try args.string(2)
            guard !suffix.isEmpty, UTF8Text.hasSuffix(s, suffix) else { return .string(s) }
            return .string(UTF8Text.withBytes(s) { UTF8Text.string($0, 0..<($0.count - suffix.utf8.count)) })
        },
        Builtin("trim_space", arity: 1) { args, _ throws(BuiltinError) in
            .string(StringBuiltins.trimSpace(try args.string(1)))
        },
        Builtin("format_int", arity: 2) { args, _ throws(BuiltinError) in
            let n = try args.number(1)
            let base = try args.number(2)
            guard let b = base.intValue, [2, 8, 10, 16].contains(b) else {
                throw BuiltinError(.type, "operand 2 must be one of {2, 8, 10, 16}")
            }
            return .string(StringBuiltins.formatInt(n, base: b))
        },
        Builtin("strings.any_prefix_match", arity: 2) { args, _ throws(BuiltinError) in
            let strings = try StringBuiltins.stringOrCollection(args, 1)
            let prefixes = try StringBuiltins.stringOrCollection(args, 2)
            for s in strings {
                for p in prefixes where UTF8Text.hasPrefix(s, p) { return .true }
            }
            return .false
        },
        Builtin("strings.any_suffix_match", arity: 2) { args, _ throws(BuiltinError) in
            let strings = try StringBuiltins.stringOrCollection(args, 1)
            let suffixes = try StringBuiltins.stringOrCollection(args, 2)
            for s in strings {
                for p in suffixes where UTF8Text.hasSuffix(s, p) { return .true }
            }
            return .false
        },
        Builtin("strings.reverse", arity: 1) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: s.unicodeScalars.reversed())
            return .string(String(view))
        },
        Builtin("strings.count", arity: 2) { args, _ throws(BuiltinError) in
            let s = try args.string(1)
            let search = try args.string(2)
            if search.isEmpty { return .int(s.unicodeScalars.count + 1) }
            return .int(UTF8Text.withBytes(s, search) { hay, needle in
                var count = 0
                var from = 0
                while let at = UTF8Text.firstIndex(of: needle, in: hay, from: from) {
                    count += 1
                    from = at + needle.count
                }
                return count
            })
        },
        Builtin("strings.render_template", arity: 2) { args, _ throws(BuiltinError) in
            let template = try args.string(1)
            let variables = try args.object(2)
            return .string(try GoTemplate.render(template, variables: variables))
        },
    ]
}

/// The bodies of the strings builtins that are more than a line.
enum StringBuiltins {
    static func concat(_ collection: Value, separator: String) throws(BuiltinError) -> String {
        let elements: [Value]
        switch collection {
        case .array(let a): elements = a
        case .set(let s): elements = s.sorted
        default: throw .operand(2, mustBe: "one of {set, array}", got: collection)
        }
        var result = ""
        var first = true
        for element in elements {
            guard case .string(let s) = element else {
                throw elementError(2, collection, element, "string")
            }
            if !first { result += separator }
            first = false
            result += s
        }
        return result
    }

    /// OPA's `NewOperandElementErr`: `operand 2 must be array of strings but got array containing number`.
    static func elementError(_ position: Int, _ collection: Value, _ element: Value, _ expected: String) -> BuiltinError {
        let kind = collection.typeName
        return BuiltinError(.type, "operand \(position) must be \(kind) of \(expected)s but got \(kind) containing \(element.typeName)")
    }

    /// A string, or an array or set of strings (`strings.any_prefix_match`).
    static func stringOrCollection(_ args: [Value], _ position: Int) throws(BuiltinError) -> [String] {
        let v = args[position - 1]
        let elements: [Value]
        switch v {
        case .string(let s): return [s]
        case .array(let a): elements = a
        case .set(let s): elements = s.sorted
        default: throw .operand(position, mustBe: "one of {string, set, array}", got: v)
        }
        var out: [String] = []
        out.reserveCapacity(elements.count)
        for e in elements {
            guard case .string(let s) = e else { throw elementError(position, v, e, "string") }
            out.append(s)
        }
        return out
    }

    static func mapCase(_ s: String, upper: Bool) -> String {
        let ascii = UTF8Text.withBytes(s) { UTF8Text.isASCII($0) }
        if ascii {
            return UTF8Text.withBytes(s) { bytes in
                String(unsafeUninitializedCapacity: bytes.count) { out in
                    for i in 0..<bytes.count {
                        let b = bytes[i]
                        if upper {
                            out[i] = (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b
                        } else {
                            out[i] = (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b
                        }
                    }
                    return bytes.count
                }
            }
        }
        var view = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { view.append(upper ? GoText.upper(scalar) : GoText.lower(scalar)) }
        return String(view)
    }

    static func split(_ s: String, separator: String) -> [Value] {
        if separator.isEmpty {
            // Go explodes into code points; "" gives no elements at all.
            return s.unicodeScalars.map { .string(String($0)) }
        }
        return UTF8Text.withBytes(s, separator) { hay, needle in
            var parts: [Value] = []
            var start = 0
            while let at = UTF8Text.firstIndex(of: needle, in: hay, from: start) {
                parts.append(.string(UTF8Text.string(hay, start..<at)))
                start = at + needle.count
            }
            parts.append(.string(start == 0 ? s : UTF8Text.string(hay, start..<hay.count)))
            return parts
        }
    }

    /// Code-point substring; a negative length means "to the end".
    static func substring(_ s: String, start: Int, length: Int) -> String {
        UTF8Text.withBytes(s) { bytes in
            if UTF8Text.isASCII(bytes) {
                if start >= bytes.count { return "" }
                let end = length < 0 ? bytes.count : min(bytes.count, start + min(length, bytes.count))
                if start == 0 && end == bytes.count { return s }
                return UTF8Text.string(bytes, start..<end)
            }
            // Walk scalar boundaries to find the byte range.
            var scalarIndex = 0
            var startByte: Int? = nil
            var endByte = bytes.count
            for i in 0..<bytes.count where bytes[i] & 0xC0 != 0x80 {
                if scalarIndex == start { startByte = i }
                if length >= 0, startByte != nil, scalarIndex - start == length {
                    endByte = i
                    break
                }
                scalarIndex += 1
            }
            guard let from = startByte else { return "" }
            return UTF8Text.string(bytes, from..<endByte)
        }
    }

    /// Go's `strings.Trim`/`TrimLeft`/`TrimRight`: the cutset is a set of code points.
    static func trim(_ s: String, cutset: String, left: Bool, right: Bool) -> String {
        if s.isEmpty || cutset.isEmpty { return s }
        let cut = Array(cutset.unicodeScalars)
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        if left {
            while lo < hi, cut.contains(scalars[lo]) { lo = scalars.index(after: lo) }
        }
        if right {
            while hi > lo {
                let before = scalars.index(before: hi)
                guard cut.contains(scalars[before]) else { break }
                hi = before
            }
        }
        if lo == scalars.startIndex && hi == scalars.endIndex { return s }
        return String(scalars[lo..<hi])
    }

    static func trimSpace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, GoText.isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard GoText.isSpace(scalars[before]) else { break }
            hi = before
        }
        if lo == scalars.startIndex && hi == scalars.endIndex { return s }
        return String(scalars[lo..<hi])
    }

    /// `format_int`: the number truncated toward zero (big.Float.Int), in base 2, 8, 10 or 16.
    static func formatInt(_ n: Number, base: Int) -> String {
        if let i = n.intValue { return String(i, radix: base) }
        let d = n.doubleValue
        guard d.isFinite else { return String(d) }
        let truncated = d.rounded(.towardZero)
        if Swift.abs(truncated) < 9.2e18 { return String(Int(truncated), radix: base) }
        let magnitude = BigUInt(integralMagnitudeOf: truncated)!
        let digits = String(decoding: magnitude.digits(base: UInt32(base)), as: UTF8.self)
        return truncated < 0 ? "-" + digits : digits
    }
}
