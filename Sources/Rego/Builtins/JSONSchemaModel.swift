/// A compiled JSON Schema: the subschemas of one document in an array, referring to each other by
/// index (so `$ref` cycles need no reference counting), as gojsonschema's `SubSchema` tree holds
/// them. Immutable once compiled and shared through `BuiltinCaches`.
struct JSONSchema: Sendable {
    var nodes: [JSONSchemaNode]
    var root: Int
}

/// Which JSON Schema draft a (sub)schema follows; `hybrid` (gojsonschema's default without
/// `$schema`) accepts the keywords of all of them.
enum JSONSchemaDraft: Int, Comparable, Sendable {
    case draft4 = 4
    case draft6 = 6
    case draft7 = 7
    case hybrid = 1_000

    static func < (a: JSONSchemaDraft, b: JSONSchemaDraft) -> Bool { a.rawValue < b.rawValue }

    /// The draft named by a `$schema` URI, if it is one of the three meta-schemas.
    static func named(_ uri: String) -> JSONSchemaDraft? {
        var u = uri
        if u.hasSuffix("#") { u.removeLast() }
        switch u {
        case "http://json-schema.org/draft-04/schema": return .draft4
        case "http://json-schema.org/draft-06/schema": return .draft6
        case "http://json-schema.org/draft-07/schema": return .draft7
        default: return nil
        }
    }
}

/// A number from a schema, kept as written (as gojsonschema keeps a `big.Rat`): integers exactly,
/// other numbers as doubles.
struct SchemaNumber: Sendable {
    var value: Number

    /// Go's `big.Float` `%v` text, used in messages (`Must be less than or equal to 1e+06`).
    var text: String {
        if let i = value.intValue, Swift.abs(i) < 1_000_000 { return String(i) }
        var out: [UInt8] = []
        GoFloatFormat.append(value.doubleValue, format: UInt8(ascii: "g"), precision: -1, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// -1, 0 or 1 as `n` is below, equal to or above this number.
    func compare(_ n: Number) -> Int {
        if n < value { return -1 }
        if n == value { return 0 }
        return 1
    }

    /// Whether `n / self` is an integer, exactly for decimal numbers.
    func divides(_ n: Number) -> Bool {
        if let a = n.intValue, let b = value.intValue { return b != 0 && a % b == 0 }
        if let a = SchemaDecimal(n), let b = SchemaDecimal(value), let result = a.isMultiple(of: b) {
            return result
        }
        let q = n.doubleValue / value.doubleValue
        return q.isFinite && q == q.rounded()
    }
}

/// A decimal `mantissa × 10^-scale` read from a number's shortest text, for exact `multipleOf`.
struct SchemaDecimal {
    var mantissa: Int
    var scale: Int

    init?(_ n: Number) {
        let text = n.description
        var digits = ""
        var scale = 0
        var exponent = 0
        var inFraction = false
        var negative = false
        var chars = Substring(text)
        if chars.first == "-" {
            negative = true
            chars = chars.dropFirst()
        }
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(chars[chars.index(after: e)...]) else { return nil }
            exponent = x
            chars = chars[..<e]
        }
        for c in chars {
            if c == "." {
                inFraction = true
            } else {
                digits.append(c)
                if inFraction { scale += 1 }
            }
        }
        scale -= exponent
        guard digits.count <= 18, var m = Int(digits) else { return nil }
        while scale < 0 {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = r
            scale += 1
        }
        mantissa = negative ? -m : m
        self.scale = scale
    }

    /// nil when the common scale would overflow.
    func isMultiple(of divisor: SchemaDecimal) -> Bool? {
        guard divisor.mantissa != 0 else { return nil }
        let common = max(scale, divisor.scale)
        guard let a = SchemaDecimal.scaled(mantissa, by: common - scale),
            let b = SchemaDecimal.scaled(divisor.mantissa, by: common - divisor.scale)
        else { return nil }
        return a % b == 0
    }

    private static func scaled(_ m: Int, by places: Int) -> Int? {
        var r = m
        for _ in 0..<places {
            let (x, o) = r.multipliedReportingOverflow(by: 10)
            if o { return nil }
            r = x
        }
        return r
    }
}

/// One subschema, with gojsonschema's fields (and defaults).
struct JSONSchemaNode: Sendable {
    enum Additional: Sendable {
        case allowed(Bool)
        case schema(Int)
    }

    enum Dependency: Sendable {
        case properties([String])
        case schema(Int)
    }

    var draft: JSONSchemaDraft
    /// `true`/`false` schemas (draft 6 on).
    var pass: Bool?
    /// `$ref`: validation uses only the referenced schema.
    var ref: Int?

    var types: [String] = []
    /// By property name, sorted (gojsonschema walks a Go map; sorting makes messages stable).
    var properties: [(name: String, node: Int)] = []
    var additionalProperties: Additional = .allowed(true)
    var patternProperties: [(pattern: SchemaPattern, node: Int)] = []
    var propertyNames: Int?
    var dependencies: [(name: String, dependency: Dependency)] = []

    var items: [Int] = []
    var itemsIsSingleSchema = false
    var additionalItems: Additional?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: Int?

    var multipleOf: SchemaNumber?
    var minimum: SchemaNumber?
    var maximum: SchemaNumber?
    var exclusiveMinimum: SchemaNumber?
    var exclusiveMaximum: SchemaNumber?

    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format = ""

    var minProperties: Int?
    var maxProperties: Int?
    var required: [String] = []

    /// `const` and `enum` members as canonical JSON text (gojsonschema compares those).
    var constText: String?
    var enumTexts: [String]?

    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var allOf: [Int] = []
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?

    init(draft: JSONSchemaDraft) { self.draft = draft }

    /// `integer` or `[integer,null]`, as gojsonschema prints expected types.
    var typesText: String {
        if types.isEmpty { return "undefined" }
        if types.count == 1 { return types[0] }
        return "[" + types.joined(separator: ",") + "]"
    }
}

/// Canonical JSON text of a value as gojsonschema compares values for `const`, `enum` and
/// `uniqueItems`: Go's `json.Marshal` after a round trip through float64 numbers.
enum SchemaJSONText {
    static func of(_ value: Value) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += goJSONFloat(n.doubleValue)
        case .string(let s): Value.writeJSONString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .set(let members): write(.array(members.sorted), into: &out)
        case .object(let object):
            out += "{"
            let pairs = object.map { (JSONSchemaValues.keyText($0.key), $0.value) }.sorted {
                Value.compareBytes($0.0, $1.0) < 0
            }
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Value.writeJSONString(k, into: &out)
                out += ":"
                write(v, into: &out)
            }
            out += "}"
        }
    }

    /// Go's encoding/json float64 text.
    static func goJSONFloat(_ d: Double) -> String {
        let magnitude = Swift.abs(d)
        let exponential = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
        var out: [UInt8] = []
        GoFloatFormat.append(d, format: exponential ? UInt8(ascii: "e") : UInt8(ascii: "f"), precision: -1, into: &out)
        var text = String(decoding: out, as: UTF8.self)
        if exponential, let e = text.firstIndex(of: "e") {
            let exponent = text[text.index(after: e)...]
            if exponent.hasPrefix("-0") && exponent.count == 3 {
                text = String(text[...e]) + "-" + String(exponent.last!)
            }
        }
        return text
    }
}

/// Values as gojsonschema sees them after OPA's `ast.JSON`: sets are arrays, keys are strings.
enum JSONSchemaValues {
    static func keyText(_ key: Value) -> String {
        if case .string(let s) = key { return s }
        return key.jsonText()
    }

    static func normalized(_ value: Value) -> Value {
        switch value {
        case .set(let members): return .array(members.sorted.map(normalized))
        case .array(let items): return .array(items.map(normalized))
        case .object(let object):
            var out = RegoObject()
            for (k, v) in object { out.insert(normalized(v), forKey: .string(keyText(k))) }
            return .object(out)
        default: return value
        }
    }
}
