import Rego

/// Why a command produced no result, as OPA reports it: a list of errors, each with an optional
/// code (`rego_parse_error`, …), a message and an optional location.
struct CommandFailure: Error, Sendable {
    struct Entry: Sendable, Equatable {
        var code: String?
        var message: String
        var location: SourceLocation?
    }

    var entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    init(_ error: RegoError) {
        self.init([Entry(code: error.code.rawValue, message: error.message, location: error.location)])
    }

    init(_ failure: LoadFailure) {
        self.init([Entry(code: nil, message: failure.message, location: failure.location)])
    }

    /// `{"errors":[{"code":…,"message":…,"location":{"file":…,"row":…,"col":…}}]}`, as `opa eval`.
    var json: OrderedJSON {
        .object([("errors", .array(entries.map(\.json)))])
    }

    /// `1 error occurred: file:row: code: message`, as OPA's pretty output.
    var text: String {
        let lines = entries.map(\.text)
        if lines.count == 1 { return "1 error occurred: \(lines[0])" }
        return "\(lines.count) errors occurred:\n" + lines.joined(separator: "\n")
    }

    /// Prints the failure in the command's output format: JSON on standard output, text on error.
    func report(asJSON: Bool) {
        if asJSON {
            StandardStreams.writeOutput(json.indentedText())
        } else {
            StandardStreams.writeError(text + "\n")
        }
    }
}

extension CommandFailure.Entry {
    var json: OrderedJSON {
        var fields: [(String, OrderedJSON)] = []
        if let code { fields.append(("code", .string(code))) }
        fields.append(("message", .string(message)))
        if let location {
            fields.append(
                (
                    "location",
                    .object([
                        ("file", .string(location.file)), ("row", .int(location.line)),
                        ("col", .int(location.column)),
                    ])
                ))
        }
        return .object(fields)
    }

    var text: String {
        var prefix = ""
        if let location {
            prefix =
                location.file.isEmpty ? "\(location.line):\(location.column): " : "\(location.file):\(location.line): "
        }
        if let code { return "\(prefix)\(code): \(message)" }
        return prefix + message
    }
}
