/// A Rego value: what documents, inputs, rule results and builtin arguments are made of.
///
/// Composite payloads are copy-on-write collections, so copying a `Value` never copies elements.
/// Equality, hashing and ordering follow OPA: numbers compare by value (`1 == 1.0`), strings compare
/// by their UTF-8 bytes (Go's string order, not Unicode canonical equivalence), and the kinds are
/// ordered `null < boolean < number < string < array < object < set`.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case array([Value])
    case object(RegoObject)
    case set(RegoSet)

    public static let `true` = Value.bool(true)
    public static let `false` = Value.bool(false)
    public static let emptyArray = Value.array([])
    public static let emptyObject = Value.object(RegoObject())
    public static let emptySet = Value.set(RegoSet())

    @inlinable public static func int(_ i: Int) -> Value { .number(Number(i)) }
    @inlinable public static func double(_ d: Double) -> Value { .number(Number(d)) }
}

// MARK: - Kind names and accessors

extension Value {
    /// The type name OPA uses in `type_name` and in error messages ("string", "number", …).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .set: return "set"
        }
    }

    /// Position of the kind in OPA's total order.
    @inlinable var kindRank: Int {
        switch self {
        case .null: return 0
        case .bool: return 1
        case .number: return 2
        case .string: return 3
        case .array: return 4
        case .object: return 5
        case .set: return 6
        }
    }

    @inlinable public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    @inlinable public var numberValue: Number? {
        if case .number(let n) = self { return n }
        return nil
    }

    @inlinable public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    @inlinable public var arrayValue: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    @inlinable public var objectValue: RegoObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    @inlinable public var setValue: RegoSet? {
        if case .set(let s) = self { return s }
        return nil
    }

    /// Looks one step down: array index, object key, or set membership (a set "contains" its
    /// members as keys mapping to themselves, as OPA's `s[x]` does).
    @inlinable public subscript(key: Value) -> Value? {
        switch self {
        case .object(let o): return o[key]
        case .array(let a):
            guard case .number(let n) = key, let i = n.intValue, i >= 0, i < a.count else { return nil }
            return a[i]
        case .set(let s): return s.contains(key) ? key : nil
        default: return nil
        }
    }

    /// Whether the value is a collection (`array`, `object`, `set`).
    @inlinable public var isCollection: Bool {
        switch self {
        case .array, .object, .set: return true
        default: return false
        }
    }
}

// MARK: - Equality and hashing

extension Value: Hashable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return Value.bytesEqual(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        case (.set(let a), .set(let b)): return a == b
        default: return false
        }
    }

    /// Byte equality of two strings (Go's string equality), comparing contiguous UTF-8 storage.
    @inlinable static func bytesEqual(_ a: String, _ b: String) -> Bool {
        // Identical representations are equal without reading bytes: object keys and the keys of
        // refs are mostly short, stored inline, so a key found by its hash usually ends here.
        if rawBits(a) == rawBits(b) { return true }
        // Same length first: most unequal keys differ there, and it needs no storage access.
        let au = a.utf8
        let bu = b.utf8
        if au.count != bu.count { return false }
        // Native strings expose their bytes without copying; others fall back to iteration.
        let fast = au.withContiguousStorageIfAvailable { pa in
            bu.withContiguousStorageIfAvailable { pb in equalBytes(pa, pb) }
        }
        if let result = fast ?? nil { return result }
        return au.elementsEqual(bu)
    }

    /// A string's representation: the same bits are the same string (the same inline bytes of a
    /// short string, or the same storage), though equal strings may differ in representation.
    @inlinable static func rawBits(_ s: String) -> (UInt64, UInt64) {
        unsafeBitCast(s, to: (UInt64, UInt64).self)
    }

    @inlinable static func equalBytes(_ pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = pa.count
        guard n > 0, let a = pa.baseAddress, let b = pb.baseAddress else { return true }
        var i = 0
        // Eight bytes at a time, then the tail.
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s):
            // Hash the bytes: consistent with byte equality above (String's own hash is
            // normalisation-aware and would be consistent only with canonical equivalence).
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(0xFF as UInt8)
        case .array(let a):
            hasher.combine(4 as UInt8)
            hasher.combine(a.count)
            for e in a { e.hash(into: &hasher) }
        case .object(let o): hasher.combine(o)
        case .set(let s): hasher.combine(s)
        }
    }
}

// MARK: - Ordering

extension Value: Comparable {
    public static func < (lhs: Value, rhs: Value) -> Bool { compare(lhs, rhs) < 0 }

    /// Three-way comparison in OPA's total order: negative, zero or positive.
    public static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        switch (lhs, rhs) {
        case (.null, .null): return 0
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.number(let a), .number(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.string(let a), .string(let b)): return compareBytes(a, b)
        case (.array(let a), .array(let b)): return compareSequences(a, b)
        case (.object(let a), .object(let b)): return RegoObject.compare(a, b)
        case (.set(let a), .set(let b)): return compareSequences(a.sorted, b.sorted)
        default: return lhs.kindRank - rhs.kindRank
        }
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        var ai = a.utf8.makeIterator()
        var bi = b.utf8.makeIterator()
        while true {
            switch (ai.next(), bi.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func compareSequences(_ a: [Value], _ b: [Value]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n {
            let c = compare(a[i], b[i])
            if c != 0 { return c }
        }
        return a.count - b.count
    }
}
