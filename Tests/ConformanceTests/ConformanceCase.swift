import Foundation
import JSON
import Rego

/// One OPA conformance case (format: shared/opa-conformance/README.md).
struct ConformanceCase: Sendable {
    enum Input: Sendable {
        case none
        case value(Value)
        /// Rego term text, parsed by the engine itself.
        case term(String)
    }

    /// Directory name: the topic the case is counted under.
    var topic: String
    /// `note`, made unique within the case set (a repeated note gets ` (2)`, ` (3)`, …).
    var id: String
    var note: String
    /// `file.json#index`, for finding the case again.
    var source: String
    var query: String
    var modules: [String]
    var data: Value
    var input: Input
    /// Binding objects; `[]` means undefined.
    var wantResult: [Value]?
    var sortBindings: Bool
    var wantError: String?
    var wantErrorCode: String?
    var strictError: Bool

    var wantsError: Bool { wantError != nil || wantErrorCode != nil }
}

/// Reads every case below `<dir>/<topic>/*.json`, in a fixed order: topics, then files, by name;
/// cases in file order. The order matters for crash tracing and for the ids of repeated notes.
enum ConformanceCases {
    struct BadFile: Error, CustomStringConvertible {
        var description: String
    }

    static func load(from directory: String) throws -> [ConformanceCase] {
        let fm = FileManager.default
        var cases: [ConformanceCase] = []
        var seen: [String: Int] = [:]
        for topic in try fm.contentsOfDirectory(atPath: directory).sorted(by: byteOrder) {
            let topicPath = directory + "/" + topic
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: topicPath, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let files = try fm.contentsOfDirectory(atPath: topicPath).filter { $0.hasSuffix(".json") }
            for file in files.sorted(by: byteOrder) {
                let document = try JSONDecoding.decodeFile(topicPath + "/" + file)
                guard case .array(let entries)? = document.objectValue?["cases"] else {
                    throw BadFile(description: "\(topicPath)/\(file): no \"cases\" array")
                }
                for (index, entry) in entries.enumerated() {
                    var testCase = try parse(entry, topic: topic, source: "\(topic)/\(file)#\(index)")
                    let occurrence = (seen[testCase.note] ?? 0) + 1
                    seen[testCase.note] = occurrence
                    if occurrence > 1 { testCase.id = "\(testCase.note) (\(occurrence))" }
                    cases.append(testCase)
                }
            }
        }
        return cases
    }

    static func parse(_ entry: Value, topic: String, source: String) throws -> ConformanceCase {
        let entry = entry.objectValue ?? RegoObject()
        guard let note = entry["note"]?.stringValue, let query = entry["query"]?.stringValue else {
            throw BadFile(description: "\(source): case without note or query")
        }
        let modules = (entry["modules"]?.arrayValue ?? []).compactMap(\.stringValue)
        var input = ConformanceCase.Input.none
        if let term = entry["input_term"]?.stringValue {
            input = .term(term)
        } else if let value = entry["input"] {
            input = .value(value)
        }
        return ConformanceCase(
            topic: topic, id: note, note: note, source: source, query: query, modules: modules,
            data: entry["data"] ?? .emptyObject, input: input,
            wantResult: entry["want_result"]?.arrayValue,
            sortBindings: entry["sort_bindings"]?.boolValue ?? false,
            wantError: entry["want_error"]?.stringValue,
            wantErrorCode: entry["want_error_code"]?.stringValue,
            strictError: entry["strict_error"]?.boolValue ?? false)
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
