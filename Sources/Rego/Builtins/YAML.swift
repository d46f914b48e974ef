extension Builtins {
    /// The `yaml` family: `yaml.marshal`, `yaml.unmarshal`, `yaml.is_valid`, with the results and
    /// messages of OPA (sigs.k8s.io/yaml over go-yaml v2) for JSON-compatible data.
    static let yaml: [Builtin] = [
        Builtin("yaml.marshal", arity: 1) { args, _ in
            .string(YAMLEmitter.emit(args[0]))
        },
        Builtin("yaml.unmarshal", arity: 1) { args, _ throws(BuiltinError) in
            let text = try args.string(1)
            do throws(YAMLError) {
                return try YAMLParser.parse(text)
            } catch {
                throw .builtin(error.message)
            }
        },
        Builtin("yaml.is_valid", arity: 1) { args, _ in
            guard case .string(let text) = args[0] else { return .false }
            do throws(YAMLError) {
                _ = try YAMLParser.parse(text)
                return .true
            } catch {
                return .false
            }
        },
    ]
}
