import Testing
@testable import Rego

/// Calls builtins the way the evaluator will: by name through the table, strict mode.
enum TextBuiltinHarness {
    static func call(_ name: String, _ args: [Value], strict: Bool = true) throws(BuiltinError) -> Value? {
        guard let builtin = BuiltinTable.lookup(name) else {
            throw BuiltinError(.builtin, "no builtin \(name)")
        }
        #expect(builtin.arity == args.count, "arity of \(name)")
        return try builtin.implementation(args, BuiltinContext(strict: strict))
    }

    /// The result, or the error message prefixed with its kind (`type: …`, `builtin: …`).
    static func outcome(_ name: String, _ args: [Value]) -> String {
        do {
            guard let v = try call(name, args) else { return "undefined" }
            return v.description
        } catch {
            return (error.kind == .type ? "type: " : "builtin: ") + error.message
        }
    }

    static func error(_ name: String, _ args: [Value]) -> BuiltinError? {
        do {
            _ = try call(name, args)
            return nil
        } catch {
            return error
        }
    }

    /// Decodes one JSON string literal (the oracle tables store their fields that way).
    static func decodeJSONString(_ text: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        var it = text.unicodeScalars.dropFirst().dropLast().makeIterator()
        var pendingHigh: UInt32? = nil
        while let c = it.next() {
            guard c == "\\" else {
                scalars.append(c)
                continue
            }
            let e = it.next()!
            switch e {
            case "n": scalars.append("\n")
            case "t": scalars.append("\t")
            case "r": scalars.append("\r")
            case "b": scalars.append("\u{8}")
            case "f": scalars.append("\u{c}")
            case "u":
                var hex = ""
                for _ in 0..<4 { hex.unicodeScalars.append(it.next()!) }
                let v = UInt32(hex, radix: 16)!
                if v >= 0xD800 && v < 0xDC00 {
                    pendingHigh = v
                } else if v >= 0xDC00 && v < 0xE000, let high = pendingHigh {
                    scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00))!)
                    pendingHigh = nil
                } else {
                    scalars.append(Unicode.Scalar(v)!)
                }
            default: scalars.append(e)
            }
        }
        return String(scalars)
    }

    /// Tab-separated rows of JSON string literals.
    static func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { decodeJSONString($0) }
        }
    }
}
