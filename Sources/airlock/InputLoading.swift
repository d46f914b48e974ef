import JSON
import Policy
import Rego

// Everything `airlock` reads from disk goes through `InputLoading`: the JSON module (jansson) for
// inputs and expectations, Policy's `DataLoader` for `-d` paths, with their errors mapped to the
// one failure type the commands report.

/// Rego modules and the base `data` document read from `-d` paths.
typealias LoadedPolicy = Policy.LoadedPolicy

/// A file could not be read or parsed. `location` is set when the reader knows where.
struct LoadFailure: Error, Sendable, CustomStringConvertible {
    var message: String
    var location: SourceLocation?

    var description: String { location.map { "\($0): \(message)" } ?? message }

    init(message: String, location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    init(_ error: LoadError) {
        if let line = error.line {
            self.init(message: error.message, location: SourceLocation(file: error.file, line: line, column: error.column ?? 1))
        } else {
            self.init(message: error.description)
        }
    }

    init(_ error: JSONError) {
        // jansson reports line 0 when the file could not be read at all.
        if error.line > 0 {
            self.init(message: error.message, location: SourceLocation(file: error.file, line: error.line, column: error.column))
        } else {
            self.init(message: "\(error.file): \(error.message)")
        }
    }
}

enum InputLoading {
    /// Loads `-d` paths as `opa eval -d` does (see `DataLoader`).
    static func loadPolicy(paths: [String]) throws(LoadFailure) -> LoadedPolicy {
        do { return try DataLoader.load(paths) } catch { throw LoadFailure(error) }
    }

    /// Reads one JSON (or, by extension, YAML) document: `-i`, `--expect`.
    static func readDocument(path: String) throws(LoadFailure) -> Value {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            // A YAML file named directly loads at the root of `data`: that is the document.
            do { return try DataLoader.load([path]).data } catch { throw LoadFailure(error) }
        }
        do { return try JSONDecoding.decodeFile(path) } catch { throw LoadFailure(error) }
    }

    /// Reads a JSON Lines file (`--inputs`): one document per non-blank line.
    static func readJSONLines(path: String) throws(LoadFailure) -> [Value] {
        do { return try JSONLines.decodeFile(path) } catch { throw LoadFailure(error) }
    }
}
