import JSON
import Policy
import Rego

extension DecisionRecord {
    /// Reads a line written by `jsonLine` (or by a later Airlock: keys this version does not know
    /// are ignored). Required: `time`, `decision`, `kind`, `listener`, `reason`; every other key may
    /// be absent or null.
    public init(jsonLine: String) throws(DecisionRecordError) {
        let value: Value
        do {
            value = try JSONDecoding.decode(jsonLine, file: "")
        } catch {
            throw .malformedJSON(column: error.column, message: error.message)
        }
        guard case .object(let object) = value else { throw .notAnObject(found: value.typeName) }
        let fields = RecordFields(object: object)
        self.init(
            time: try fields.requiredString("time"),
            decision: try fields.required("decision", Verdict.allCases),
            audit: try fields.bool("audit") ?? false,
            kind: try fields.required("kind", kinds),
            listener: try fields.required("listener", Listener.allCases),
            pid: try fields.int("pid"),
            exe: try fields.string("exe"),
            ancestors: try fields.strings("ancestors"),
            cmdline: try fields.strings("cmdline"),
            host: try fields.string("host"),
            ip: try fields.string("ip"),
            port: try fields.int("port"),
            hostSource: try fields.optional("host_source", hostSources),
            unixPath: try fields.string("unix_path"),
            httpMethod: try fields.string("http_method"),
            httpPath: try fields.string("http_path"),
            policy: try fields.string("policy"),
            reason: try fields.requiredString("reason"),
            hints: try fields.strings("hints"),
            bytesUp: try fields.int("bytes_up"),
            bytesDown: try fields.int("bytes_down"),
            durationMilliseconds: try fields.int("duration_ms"),
            error: try fields.string("error"))
    }
}

/// Typed reads of one line's keys; null counts as absent.
private struct RecordFields {
    let object: RegoObject

    func present(_ key: String) -> Value? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(DecisionRecordError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else {
            throw .wrongType(key: key, expected: "a string", found: value.typeName)
        }
        return text
    }

    func requiredString(_ key: String) throws(DecisionRecordError) -> String {
        guard let text = try string(key) else { throw .missingKey(key) }
        return text
    }

    func int(_ key: String) throws(DecisionRecordError) -> Int? {
        guard let value = present(key) else { return nil }
        guard case .number(let number) = value, let int = number.intValue else {
            throw .wrongType(key: key, expected: "an integer", found: value.typeName)
        }
        return int
    }

    func bool(_ key: String) throws(DecisionRecordError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw .wrongType(key: key, expected: "a boolean", found: value.typeName)
        }
        return flag
    }

    func strings(_ key: String) throws(DecisionRecordError) -> [String] {
        guard let value = present(key) else { return [] }
        guard case .array(let items) = value else {
            throw .wrongType(key: key, expected: "an array of strings", found: value.typeName)
        }
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else {
                throw .wrongType(
                    key: key, expected: "an array of strings", found: "an array holding a \(item.typeName)")
            }
            texts.append(text)
        }
        return texts
    }

    func optional<E: RawRepresentable>(_ key: String, _ vocabulary: [E]) throws(DecisionRecordError) -> E?
    where E.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let known = E(rawValue: text) else {
            throw .unknownValue(key: key, value: text, expected: vocabulary.map(\.rawValue))
        }
        return known
    }

    func required<E: RawRepresentable>(_ key: String, _ vocabulary: [E]) throws(DecisionRecordError) -> E
    where E.RawValue == String {
        guard let known = try optional(key, vocabulary) else { throw .missingKey(key) }
        return known
    }
}

/// The vocabularies of the Policy enums (which are not `CaseIterable`), for reading and for errors.
private let kinds: [ConnectionFacts.Kind] = [.tcpConnect, .httpRequest, .unixConnect, .udpSend, .dnsQuery]
private let hostSources: [ConnectionFacts.HostSource] = [.connect, .sni, .httpHost, .dnsCache, .ipOnly]
