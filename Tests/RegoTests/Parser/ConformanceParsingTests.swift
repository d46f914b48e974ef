import Foundation
import Testing

@testable import Rego

/// Every module, query and input term of OPA's conformance cases is valid Rego v1 that OPA
/// compiles, so all of them must parse.
@Suite struct ConformanceParsingTests {
    struct Corpus {
        var modules: [(note: String, index: Int, text: String)] = []
        var queries: [(note: String, text: String)] = []
        var inputTerms: [(note: String, text: String)] = []
    }

    /// `$AIRLOCK_CONFORMANCE_DIR`, else `shared/opa-conformance` next to the repository (looked
    /// up through the parent directories, so work trees nested one level deeper find it too).
    static func conformanceDirectory() -> URL? {
        if let override = ProcessInfo.processInfo.environment["AIRLOCK_CONFORMANCE_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        // #filePath is <root>/Tests/RegoTests/Parser/<file>.
        var directory = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { directory.deleteLastPathComponent() }
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/opa-conformance")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("v1").path) {
                return candidate
            }
        }
        return nil
    }

    static func loadCorpus(from root: URL) throws -> Corpus {
        var corpus = Corpus()
        let v1 = root.appendingPathComponent("v1")
        let topics = try FileManager.default.contentsOfDirectory(atPath: v1.path).sorted()
        for topic in topics {
            let topicDirectory = v1.appendingPathComponent(topic)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: topicDirectory.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".json") {
                let data = try Data(contentsOf: topicDirectory.appendingPathComponent(file))
                let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                for case let testCase as [String: Any] in json?["cases"] as? [Any] ?? [] {
                    let note = testCase["note"] as? String ?? "\(topic)/\(file)"
                    for (index, module) in (testCase["modules"] as? [String] ?? []).enumerated() {
                        corpus.modules.append((note, index, module))
                    }
                    if let query = testCase["query"] as? String { corpus.queries.append((note, query)) }
                    if let term = testCase["input_term"] as? String { corpus.inputTerms.append((note, term)) }
                }
            }
        }
        return corpus
    }

    /// Cases the AST cannot represent yet: `with` inside a template-string expression
    /// (`$"{a with input as {…}}"`) needs `Term.TemplatePart` to carry `with` modifiers.
    static let needsASTChange: Set<String> = [
        "string-interpolation/with in template expression",
        "string-interpolation/multi-line/with in template expression",
    ]

    @Test func everyConformanceModuleQueryAndInputTermParses() throws {
        guard let root = Self.conformanceDirectory() else {
            print("ConformanceParsingTests skipped: no shared/opa-conformance above the repository and AIRLOCK_CONFORMANCE_DIR unset")
            return
        }
        let corpus = try Self.loadCorpus(from: root)
        #expect(!corpus.modules.isEmpty)

        var failures: [String] = []
        var knownFailures: [String] = []
        var parsedModules = 0
        for module in corpus.modules {
            do {
                _ = try Parser.parseModule(SourceFile(name: "\(module.note)#\(module.index)", text: module.text))
                parsedModules += 1
            } catch {
                let failure = "module \(module.note)#\(module.index): \(error)"
                if Self.needsASTChange.contains(module.note) {
                    knownFailures.append(failure)
                } else {
                    failures.append(failure)
                }
            }
        }
        var parsedQueries = 0
        for query in corpus.queries {
            do {
                _ = try Parser.parseQuery(query.text)
                parsedQueries += 1
            } catch {
                failures.append("query \(query.note): \(error) in \(query.text)")
            }
        }
        var parsedTerms = 0
        for term in corpus.inputTerms {
            do {
                _ = try Parser.parseTerm(term.text)
                parsedTerms += 1
            } catch {
                failures.append("input_term \(term.note): \(error)")
            }
        }
        print("""
            ConformanceParsingTests: modules \(parsedModules)/\(corpus.modules.count), \
            queries \(parsedQueries)/\(corpus.queries.count), input terms \(parsedTerms)/\(corpus.inputTerms.count)
            """)
        for failure in failures.prefix(50) { print("  " + failure) }
        #expect(failures.isEmpty, "\(failures.count) conformance sources failed to parse")
        for failure in knownFailures {
            withKnownIssue("AST cannot hold `with` in template expressions") {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }
}
