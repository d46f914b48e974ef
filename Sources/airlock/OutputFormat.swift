import ArgumentParser

/// `--format`: `json` for programs (OPA's JSON envelopes), `pretty` for people.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case json, pretty
}
