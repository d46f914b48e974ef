extension GraphQL {
    /// The checks gqlparser runs on every type and directive definition of a schema, in its
    /// order (types, then directives, each sorted by name), stopping at the first failure.
    struct SchemaChecks {
        let schema: Schema

        private func failure(_ position: Position?, _ message: String) -> Failure {
            SchemaBuilder.failure(position, message)
        }

        func check() throws(Failure) {
            for name in schema.types.keys.sorted(by: { Value.compareBytes($0, $1) < 0 }) {
                try checkDefinition(schema.types[name]!)
            }
            for name in schema.directives.keys.sorted(by: { Value.compareBytes($0, $1) < 0 }) {
                let directive = schema.directives[name]!
                try checkName(directive.name, at: directive.position)
                try checkArguments(directive.arguments, of: directive)
            }
        }

        private func checkDefinition(_ definition: Definition) throws(Failure) {
            for field in definition.fields {
                try checkName(field.name, at: field.position)
                try checkTypeReference(field.type)
                try checkArguments(field.arguments, of: nil)
                let location = definition.kind == DefinitionKind.inputObject ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION"
                try checkDirectives(field.directives, at: location, of: nil)
            }
            for member in definition.types {
                guard let memberDefinition = schema.types[member] else {
                    throw failure(definition.position, "Undefined type \(GoText.quote(member)).")
                }
                if memberDefinition.kind != DefinitionKind.object {
                    throw failure(definition.position, "\(definition.kind) type \(GoText.quote(member)) must be \(DefinitionKind.object).")
                }
            }
            for interface in definition.interfaces {
                try checkImplements(definition, interface)
            }
            switch definition.kind {
            case DefinitionKind.object, DefinitionKind.interface:
                if definition.fields.isEmpty {
                    throw failure(definition.position, "\(definition.kind) \(definition.name): must define one or more fields.")
                }
                for field in definition.fields {
                    guard let type = schema.types[field.type?.name ?? ""] else { continue }
                    let outputKinds = [
                        DefinitionKind.scalar, DefinitionKind.object, DefinitionKind.interface, DefinitionKind.union,
                        DefinitionKind.enumeration,
                    ]
                    if !outputKinds.contains(type.kind) {
                        throw failure(
                            field.position,
                            "\(definition.kind) \(definition.name): field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.")
                    }
                }
            case DefinitionKind.enumeration:
                if definition.enumValues.isEmpty {
                    throw failure(definition.position, "\(definition.kind) \(definition.name): must define one or more unique enum values.")
                }
                for value in definition.enumValues where ["true", "false", "null"].contains(value.name) {
                    throw failure(definition.position, "\(definition.kind) \(definition.name): non-enum value \(value.name).")
                }
            case DefinitionKind.inputObject:
                if definition.fields.isEmpty {
                    throw failure(definition.position, "\(definition.kind) \(definition.name): must define one or more input fields.")
                }
                for field in definition.fields {
                    guard let type = schema.types[field.type?.name ?? ""] else { continue }
                    if !type.isInputType {
                        throw failure(field.position, "\(type.kind) \(field.name): field must be one of SCALAR, ENUM, INPUT_OBJECT.")
                    }
                }
            default:
                break
            }
            if let duplicate = SchemaChecks.firstRepeatedField(definition.fields) {
                throw failure(duplicate.position, "Field \(definition.name).\(duplicate.name) can only be defined once.")
            }
            if !definition.builtIn {
                try checkName(definition.name, at: definition.position)
            }
            try checkDirectives(definition.directives, at: definition.kind, of: nil)
        }

        /// The field gqlparser blames for a repeated name: it compares each field with the ones
        /// after it, so the earliest name that repeats, at its second occurrence.
        static func firstRepeatedField(_ fields: [FieldDefinition]) -> FieldDefinition? {
            var firstIndex: [String: Int] = [:]
            var best: (first: Int, second: FieldDefinition)?
            for (index, field) in fields.enumerated() {
                if let first = firstIndex[field.name] {
                    if best == nil || first < best!.first { best = (first, field) }
                } else {
                    firstIndex[field.name] = index
                }
            }
            return best?.second
        }

        private func checkTypeReference(_ type: TypeRef?) throws(Failure) {
            let name = type?.name ?? ""
            if schema.types[name] == nil {
                throw failure(type?.position, "Undefined type \(name).")
            }
        }

        private func checkArguments(_ arguments: [ArgumentDefinition], of directive: DirectiveDefinition?) throws(Failure) {
            for argument in arguments {
                try checkName(argument.name, at: argument.position)
                try checkTypeReference(argument.type)
                let type = schema.types[argument.type?.name ?? ""]!
                if !type.isInputType {
                    throw failure(
                        argument.position,
                        "cannot use \(argument.type?.description ?? "") as argument \(argument.name) because \(type.kind) is not a valid input type")
                }
                try checkDirectives(argument.directives, at: "ARGUMENT_DEFINITION", of: directive)
            }
        }

        private func checkDirectives(_ directives: [Directive], at location: String, of current: DirectiveDefinition?) throws(Failure) {
            for directive in directives {
                try checkName(directive.name, at: directive.position)
                if let current, directive.name == current.name {
                    throw failure(directive.position, "Directive \(current.name) cannot refer to itself.")
                }
                guard let definition = schema.directives[directive.name] else {
                    throw failure(directive.position, "Undefined directive \(directive.name).")
                }
                if !definition.allows(location) {
                    throw failure(directive.position, "Directive \(directive.name) is not applicable on \(location).")
                }
                directive.definition = definition
            }
        }

        private func checkImplements(_ definition: Definition, _ interfaceName: String) throws(Failure) {
            guard let interface = schema.types[interfaceName] else {
                throw failure(definition.position, "Undefined type \(GoText.quote(interfaceName)).")
            }
            if interface.kind != DefinitionKind.interface {
                throw failure(definition.position, "\(GoText.quote(interfaceName)) is a non interface type \(interface.kind).")
            }
            for required in interface.fields {
                guard let found = definition.field(named: required.name) else {
                    throw failure(
                        definition.position,
                        "For \(definition.name) to implement \(interface.name) it must have a field called \(required.name).")
                }
                if !isCovariant(required.type, found.type) {
                    throw failure(
                        found.position,
                        "For \(definition.name) to implement \(interface.name) the field \(required.name) must have type \(required.type?.description ?? "").")
                }
                for requiredArgument in required.arguments {
                    guard let foundArgument = found.argument(named: requiredArgument.name) else {
                        throw failure(
                            found.position,
                            "For \(definition.name) to implement \(interface.name) the field \(required.name) must have the same arguments but it is missing \(requiredArgument.name).")
                    }
                    if let requiredType = requiredArgument.type, let foundType = foundArgument.type,
                        !requiredType.isCompatible(with: foundType)
                    {
                        throw failure(
                            foundArgument.position,
                            "For \(definition.name) to implement \(interface.name) the field \(required.name) must have the same arguments but \(requiredArgument.name) has the wrong type.")
                    }
                }
                for argument in found.arguments
                where required.argument(named: argument.name) == nil && argument.type?.nonNull == true && argument.defaultValue == nil {
                    throw failure(
                        argument.position,
                        "For \(definition.name) to implement \(interface.name) any additional arguments on \(found.name) must be optional or have a default value but \(argument.name) is required.")
                }
            }
            // An implementation must also implement what its interfaces implement.
            let implemented = Set(definition.interfaces)
            for transitive in interface.interfaces where !implemented.contains(transitive) {
                if transitive == definition.name {
                    throw failure(
                        definition.position,
                        "Type \(definition.name) cannot implement \(interfaceName) because it would create a circular reference.")
                }
                throw failure(
                    definition.position,
                    "Type \(definition.name) must implement \(transitive) because it is implemented by \(interfaceName).")
            }
        }

        /// Whether a field of type `actual` may stand for one of type `required`.
        private func isCovariant(_ required: TypeRef?, _ actual: TypeRef?) -> Bool {
            guard let required, let actual else { return required == nil && actual == nil }
            if required.nonNull && !actual.nonNull { return false }
            if !required.namedType.isEmpty {
                if required.namedType == actual.namedType { return true }
                return schema.possibleTypeNames(of: required.namedType).contains(actual.namedType)
            }
            if required.elem != nil && actual.elem == nil { return false }
            return isCovariant(required.elem, actual.elem)
        }

        private func checkName(_ name: String, at position: Position?) throws(Failure) {
            if name.hasPrefix("__") {
                throw failure(position, "Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.")
            }
        }
    }
}
