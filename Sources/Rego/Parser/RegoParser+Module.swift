/// A module: `package`, imports and rules.
extension RegoParser {
    mutating func parseModule() throws -> Module {
        guard !isAtEnd else {
            try fail("empty module", at: SourceLocation(file: file, line: 1, column: 1, offset: 0))
        }
        let moduleLocation = currentLocation
        var packagePath: [String] = []
        if isStatement(.package) {
            packagePath = try parsePackage()
        } else {
            deferError(error("package expected", at: currentLocation))
        }
        var imports: [Import] = []
        var rules: [Rule] = []
        while !isAtEnd {
            if isStatement(.package) {
                let location = currentLocation
                _ = try parsePackage()
                deferError(error("unexpected package", at: location))
            } else if isStatement(.import) {
                imports.append(try parseImport())
            } else {
                rules.append(contentsOf: try parseRuleStatement())
            }
        }
        try throwDeferredError()
        return Module(package: packagePath, imports: imports, rules: rules, file: file, at: moduleLocation)
    }

    /// `package`/`import` start a statement unless a ref follows directly (`import.x` is a ref).
    private func isStatement(_ keyword: Keyword) -> Bool {
        token.isKeyword(keyword) && !refContinuesImmediately
    }

    /// `package a.b["c-d"]` → `["a", "b", "c-d"]` (without OPA's implicit `data`).
    private mutating func parsePackage() throws -> [String] {
        try advance()
        let path = try parseStaticPath()
        guard let path else { try failUnexpected() }
        return path
    }

    /// A dotted path of a package or import: a variable, then string segments (dotted or
    /// bracketed). Nil when the term is not a variable or ref.
    private mutating func parseStaticPath() throws -> [String]? {
        // Any keyword may name the first segment here (OPA's isIdentOrAllowedRefKeyword).
        if case .keyword = token.kind { token.kind = .identifier }
        guard token.kind == .identifier else { try failUnexpected() }
        let term = try parseTerm()
        switch term.kind {
        case .variable(let name):
            return [name]
        case .ref(let head, let path):
            guard case .variable(let name) = head.kind else {
                try fail("unexpected \(head.valueName) token: expecting var", at: head.location)
            }
            var segments = [name]
            for element in path {
                guard case .scalar(.string(let segment)) = element.kind else {
                    try fail("unexpected \(element.valueName) token: expecting string", at: element.location)
                }
                segments.append(segment)
            }
            return segments
        default:
            return nil
        }
    }

    /// `import data.a.b [as c]`, `import input.x`, `import rego.v1`, `import future.keywords[.kw]`.
    /// The last two change nothing in v1 but are checked as OPA checks them.
    private mutating func parseImport() throws -> Import {
        let location = currentLocation
        try advance()
        let pathLocation = currentLocation
        guard let path = try parseStaticPath() else { try fail("expected path", at: currentLocation) }

        let root = path[0]
        guard ["data", "input", "future", "rego"].contains(root) else {
            try fail(
                "unexpected import path, must begin with one of: {data, future, input, rego}, got: \(root)"
                    + " (hint: if this is unexpected, try updating OPA)", at: pathLocation)
        }

        var alias: String?
        if token.isKeyword(.as) {
            try advance()
            guard token.kind == .identifier else { try failUnexpected("expected var") }
            alias = text(of: token)
            try advance()
        } else if root != "future", let last = path.last, Keyword(rawValue: last) != nil {
            try fail("unexpected import path, must not end with a keyword, got: \(last)", at: pathLocation)
        }

        switch root {
        case "future":
            guard path.count > 1, path[1] == "keywords" else {
                try fail("invalid import, must be `future.keywords`", at: pathLocation)
            }
            if alias != nil { try fail("`future` imports cannot be aliased", at: pathLocation) }
            if path.count == 3, !["contains", "every", "if", "in"].contains(path[2]) {
                try fail("unexpected keyword, must be one of [contains every if in]", at: pathLocation)
            }
        case "rego":
            guard path.count == 2, path[1] == "v1" else {
                try fail("invalid import `\(path.joined(separator: "."))`, must be `rego.v1`", at: pathLocation)
            }
        default:
            break
        }
        return Import(path: path, alias: alias, at: location)
    }
}
