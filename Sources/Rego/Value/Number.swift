/// A Rego number. OPA keeps numbers as arbitrary-precision decimals; Airlock keeps the common cases
/// fast: integers that fit in 64 bits stay exact, everything else is an IEEE double. The storage is
/// private so a big-decimal case can be added without touching callers.
public struct Number: Sendable {
    @usableFromInline
    enum Storage: Sendable {
        case int(Int)
        case double(Double)
    }

    @usableFromInline
    var storage: Storage

    @inlinable public init(_ value: Int) { storage = .int(value) }

    /// Doubles that hold an exact integer in Int range are stored as integers, so `2.0 == 2` and both
    /// print as `2`, as OPA does for integral results.
    @inlinable public init(_ value: Double) {
        if value.isFinite, value == value.rounded(.towardZero), Swift.abs(value) < 9.2e18 {
            storage = .int(Int(value))
        } else {
            storage = .double(value)
        }
    }

    /// Parses a JSON/Rego number literal (`12`, `-3.5`, `1e3`). Returns nil for anything else.
    public init?(literal text: Substring) {
        if let i = Int(text) {
            self.init(i)
        } else if let d = Double(text), d.isFinite {
            self.init(d)
        } else {
            return nil
        }
    }

    public init?(literal text: String) { self.init(literal: text[...]) }

    /// The integer value when the number is integral and fits in `Int`.
    @inlinable public var intValue: Int? {
        switch storage {
        case .int(let i): return i
        case .double: return nil
        }
    }

    @inlinable public var doubleValue: Double {
        switch storage {
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    @inlinable public var isInteger: Bool {
        switch storage {
        case .int: return true
        case .double(let d): return d.isFinite && d == d.rounded(.towardZero)
        }
    }

    public static let zero = Number(0)
    public static let one = Number(1)
}

extension Number: Hashable, Comparable {
    @inlinable public static func == (lhs: Number, rhs: Number) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): return a == b
        default: return lhs.doubleValue == rhs.doubleValue
        }
    }

    @inlinable public static func < (lhs: Number, rhs: Number) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): return a < b
        default: return lhs.doubleValue < rhs.doubleValue
        }
    }

    public func hash(into hasher: inout Hasher) {
        // Integral doubles are normalised to .int at construction, so hashing the storage is
        // consistent with ==.
        switch storage {
        case .int(let i): hasher.combine(i)
        case .double(let d): hasher.combine(d)
        }
    }
}

// MARK: - Arithmetic (overflow promotes to double, as OPA's big numbers would stay exact-ish)

extension Number {
    public static func + (lhs: Number, rhs: Number) -> Number {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage {
            let (r, o) = a.addingReportingOverflow(b)
            if !o { return Number(r) }
        }
        return Number(lhs.doubleValue + rhs.doubleValue)
    }

    public static func - (lhs: Number, rhs: Number) -> Number {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage {
            let (r, o) = a.subtractingReportingOverflow(b)
            if !o { return Number(r) }
        }
        return Number(lhs.doubleValue - rhs.doubleValue)
    }

    public static func * (lhs: Number, rhs: Number) -> Number {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage {
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if !o { return Number(r) }
        }
        return Number(lhs.doubleValue * rhs.doubleValue)
    }

    /// Division; nil when dividing by zero (callers raise OPA's "divide by zero" error).
    public func divided(by rhs: Number) -> Number? {
        if rhs.doubleValue == 0 { return nil }
        if case .int(let a) = storage, case .int(let b) = rhs.storage, b != 0, a % b == 0,
            !(a == Int.min && b == -1)
        {
            return Number(a / b)
        }
        return Number(doubleValue / rhs.doubleValue)
    }

    /// Integer remainder with Go's sign rules; nil when either side is not an integer or rhs is 0.
    public func remainder(dividingBy rhs: Number) -> Number? {
        guard let a = intValue, let b = rhs.intValue, b != 0 else { return nil }
        if a == Int.min && b == -1 { return .zero }
        return Number(a % b)
    }

    public static prefix func - (operand: Number) -> Number {
        if case .int(let a) = operand.storage, a != Int.min { return Number(-a) }
        return Number(-operand.doubleValue)
    }
}

// MARK: - Text

extension Number: CustomStringConvertible {
    /// The JSON spelling OPA prints: integers without a fraction, other values in the shortest form
    /// that round-trips, with an exponent for very large or small magnitudes.
    public var description: String {
        switch storage {
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN || d.isInfinite { return String(d) }
            if d == d.rounded(.towardZero), Swift.abs(d) < 1e21 {
                // Integral but beyond Int: print all digits, as Go's big.Float 'f' formatting does.
                return Number.integralDigits(d)
            }
            let text = String(d)  // Swift prints the shortest round-tripping form: 0.1, 1e-07, 1e+21
            return Number.goStyleExponent(text)
        }
    }

    static func integralDigits(_ d: Double) -> String {
        var text = String(format: d)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Swift writes `1e-07`; Go's strconv and JSON write `1e-07` as well for 'g' but encoding/json
    /// writes `1e-7`. OPA's JSON output uses the latter, so strip the exponent's leading zeros.
    static func goStyleExponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if let first = exponent.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : "+"
            exponent = exponent.dropFirst()
        }
        while exponent.count > 1, exponent.first == "0" { exponent = exponent.dropFirst() }
        return "\(mantissa)e\(sign)\(exponent)"
    }
}

extension String {
    /// Formats a finite integral double with all its digits and no exponent.
    fileprivate init(format d: Double) {
        self = String.allDigits(d)
    }

    fileprivate static func allDigits(_ d: Double) -> String {
        var digits: [UInt8] = []
        var v = Swift.abs(d).rounded(.towardZero)
        if v == 0 { return "0" }
        while v >= 1 {
            let q = (v / 10).rounded(.towardZero)
            let r = Int(v - q * 10)
            digits.append(UInt8(48 + Swift.max(0, Swift.min(9, r))))
            v = q
        }
        if d < 0 { digits.append(UInt8(ascii: "-")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
