extension Builtins {
    /// The `encoding` family: JSON, base64, base64url, hex and URL-query encodings. (`yaml.*` is
    /// not provided: the Rego module has no YAML parser.)
    static let encoding: [Builtin] = [
        Builtin("json.marshal", arity: 1) { args, _ in .string(args[0].jsonText()) },
        Builtin("json.marshal_with_options", arity: 2) { args, _ throws(BuiltinError) in
            .string(try JSONMarshalOptions(args.object(2)).marshal(args[0]))
        },
        Builtin("json.unmarshal", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            do throws(JSONTextParser.Error) {
                return try JSONTextParser.parse(text)
            } catch {
                throw .builtin(error.message)
            }
        },
        Builtin("json.is_valid", arity: 1) { args, _ in
            guard case .string(let s) = args[0] else { return .false }
            return .bool(JSONTextParser.isValid(s))
        },
        Builtin("base64.encode", arity: 1) { args, _ throws(BuiltinError) in
            .string(Base64.standard.encode(try args.string(1).utf8))
        },
        Builtin("base64.decode", arity: 1) { args, _ throws(BuiltinError) in
            .string(try Encodings.decode(args.string(1), Base64.standard))
        },
        Builtin("base64.is_valid", arity: 1) { args, _ in
            guard case .string(let s) = args[0] else { return .false }
            if case .success = Base64.standard.decode(s) { return .true }
            return .false
        },
        Builtin("base64url.encode", arity: 1) { args, _ throws(BuiltinError) in
            .string(Base64.url.encode(try args.string(1).utf8))
        },
        Builtin("base64url.encode_no_pad", arity: 1) { args, _ throws(BuiltinError) in
            .string(Base64.rawURL.encode(try args.string(1).utf8))
        },
        Builtin("base64url.decode", arity: 1) { args, _ throws(BuiltinError) in
            var s = try args.string(1)
            // Unpadded input is accepted by restoring the padding (RFC 7515, appendix C).
            if !s.hasSuffix("=") {
                switch s.utf8.count % 4 {
                case 0: break
                case 2: s += "=="
                case 3: s += "="
                default: throw .builtin("illegal base64url string: \(s)")
                }
            }
            return .string(try Encodings.decode(s, Base64.url))
        },
        Builtin("hex.encode", arity: 1) { args, _ throws(BuiltinError) in
            .string(Hex.encode(try args.string(1).utf8))
        },
        Builtin("hex.decode", arity: 1) { args, _ throws(BuiltinError) in
            .string(String(decoding: try Hex.decode(args.string(1)), as: UTF8.self))
        },
        Builtin("urlquery.encode", arity: 1) { args, _ throws(BuiltinError) in
            .string(URLQuery.escape(try args.string(1)))
        },
        Builtin("urlquery.decode", arity: 1) { args, _ throws(BuiltinError) in
            .string(try URLQuery.unescape(args.string(1)))
        },
        Builtin("urlquery.encode_object", arity: 1) { args, _ throws(BuiltinError) in
            .string(URLQuery.encode(try Encodings.queryPairs(args.object(1))))
        },
        Builtin("urlquery.decode_object", arity: 1) { args, _ throws(BuiltinError) in
            let parsed = try URLQuery.parse(args.string(1))
            return .object(RegoObject(parsed.map { (Value.string($0.key), Value.array($0.value.map(Value.string))) }))
        },
    ]
}

enum Encodings {
    /// Decoded base64 as a string. Go strings may hold any bytes; Swift strings hold Unicode, so
    /// bytes that are not UTF-8 become U+FFFD.
    static func decode(_ text: String, _ codec: Base64) throws(BuiltinError) -> String {
        switch codec.decode(text) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure(let error): throw .builtin(error.message)
        }
    }

    /// `urlquery.encode_object`'s operand: each value a string, or an array or set of strings.
    static func queryPairs(_ object: RegoObject) throws(BuiltinError) -> [(key: String, values: [String])] {
        var pairs: [(key: String, values: [String])] = []
        for (key, value) in object {
            let name: String
            if case .string(let s) = key { name = s } else { name = key.jsonText() }
            var values: [String] = []
            switch value {
            case .string(let s): values = [s]
            case .array, .set:
                for element in (value.arrayValue ?? value.setValue?.sorted ?? []) {
                    guard case .string(let s) = element else { throw queryValueError }
                    values.append(s)
                }
            default: throw queryValueError
            }
            pairs.append((name, values))
        }
        return pairs
    }

    static let queryValueError = BuiltinError.operand(1, "values must be string, array[string], or set[string]")
}

/// The options of `json.marshal_with_options`: `pretty` (bool), `indent` and `prefix` (strings).
/// Setting `indent` or `prefix` implies `pretty` unless `pretty` is given explicitly.
struct JSONMarshalOptions {
    var indent = "\t"
    var prefix = ""
    var pretty = false

    init(_ options: RegoObject) throws(BuiltinError) {
        var implicitPretty = false
        var explicitPretty: Bool?
        for (index, (key, value)) in options.enumerated() {
            guard case .string(let name) = key else {
                throw .operand(2, "failed to stringify key \(key) at index \(index): operand \(index) must be string but got \(key.typeName)")
            }
            switch name {
            case "prefix", "indent":
                guard case .string(let s) = value else {
                    throw .operand(2, "key \(key) failed cast to string: operand \(index) must be string but got \(value.typeName)")
                }
                if name == "prefix" { prefix = s } else { indent = s }
                implicitPretty = true
            case "pretty":
                guard case .bool(let b) = value else { throw .operand(2, "key \(key) failed cast to bool") }
                explicitPretty = b
            default:
                throw .operand(2, "object contained unknown key \(key)")
            }
        }
        pretty = explicitPretty ?? implicitPretty
    }

    /// Go's `json.MarshalIndent(x, prefix, indent)` with the prefix also put before the first line,
    /// as OPA does. JSON text never holds a raw newline, so every newline starts a new line.
    func marshal(_ value: Value) -> String {
        guard pretty else { return value.jsonText() }
        let text = value.jsonText(indent: indent)
        guard !prefix.isEmpty else { return text }
        return prefix + text.replacing("\n", with: "\n" + prefix)
    }
}
