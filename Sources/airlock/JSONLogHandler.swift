import Foundation
import Logging
import Rego

/// Writes each log event to standard error as one JSON object per line, for log collectors:
/// `{"time":…,"level":…,"label":…,"message":…,"metadata":{…}}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [(String, OrderedJSON)] = [
            ("time", .string(Date.now.formatted(.iso8601))),
            ("level", .string(event.level.rawValue)),
            ("label", .string(label)),
            ("message", .string(event.message.description)),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            fields.append(("metadata", .value(Self.value(.dictionary(merged)))))
        }
        StandardStreams.writeError(OrderedJSON.object(fields).compactText() + "\n")
    }

    private static func value(_ metadata: Logger.Metadata.Value) -> Value {
        switch metadata {
        case .string(let s): return .string(s)
        case .stringConvertible(let c): return .string(c.description)
        case .array(let a): return .array(a.map(value))
        case .dictionary(let d): return .object(RegoObject(d.map { ($0.key, value($0.value)) }))
        }
    }
}
