extension Builtins {
    /// The `casts` family: `to_number`. (OPA v1 removed the deprecated `cast_*` builtins.)
    static let casts: [Builtin] = [
        Builtin("to_number", arity: 1) { args, _ throws(BuiltinError) in
            switch args[0] {
            case .null: return .int(0)
            case .bool(let b): return .int(b ? 1 : 0)
            case .number: return args[0]
            case .string(let s): return .number(try Casts.number(parsing: s))
            default:
                throw .operand(1, mustBe: "one of {null, boolean, number, string}", got: args[0])
            }
        }
    ]
}

/// String-to-number conversion with Go's `strconv.ParseFloat` acceptance and messages.
enum Casts {
    static func number(parsing text: String) throws(BuiltinError) -> Number {
        if let i = Int(text) { return Number(i) }
        // Infinities and NaN parse in Go but are not numbers in Rego: a type error, as OPA's.
        let word = text.drop(while: { $0 == "+" || $0 == "-" }).lowercased()
        if word == "inf" || word == "infinity" || word == "nan" {
            throw .operand(1, mustBe: "valid number string", got: .string(text))
        }
        guard isDecimalLiteral(text), let d = Double(text) else {
            throw .builtin("strconv.ParseFloat: parsing \(quoted(text)): invalid syntax")
        }
        guard d.isFinite else {
            throw .builtin("strconv.ParseFloat: parsing \(quoted(text)): value out of range")
        }
        return Number(d)
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`: the decimal floats Go accepts.
    /// (Go also takes hexadecimal floats and `_` separators after a base prefix; OPA policies do
    /// not use them and they are reported as invalid syntax here.)
    static func isDecimalLiteral(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        let intDigits = bytes.prefix(while: isDigit).count
        bytes = bytes.dropFirst(intDigits)
        var fracDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fracDigits = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fracDigits)
        }
        guard intDigits + fracDigits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let expDigits = bytes.prefix(while: isDigit).count
            guard expDigits > 0 else { return false }
            bytes = bytes.dropFirst(expDigits)
        }
        return bytes.isEmpty
    }

    /// Go's `strconv.Quote` for the common case: the text in double quotes with `"` and `\`
    /// escaped (control characters as `\n`, `\t`, `\x..`).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
