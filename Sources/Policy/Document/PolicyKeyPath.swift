/// The key path of a node in a policy document, as errors print it:
/// `network_policies.pypi.endpoints[1].port`.
///
/// Keys outside `[A-Za-z0-9_-]` are written quoted in brackets (`network_policies["pypi.org"]`)
/// so a policy name holding a dot cannot be mistaken for two path steps.
struct PolicyKeyPath: Hashable, CustomStringConvertible {
    let description: String

    /// The document itself: "".
    static let root = PolicyKeyPath(description: "")

    func key(_ name: String) -> PolicyKeyPath {
        if !name.isEmpty && name.utf8.allSatisfy(PolicyKeyPath.isPlain) {
            return PolicyKeyPath(description: description.isEmpty ? name : description + "." + name)
        }
        var quoted = "[\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return PolicyKeyPath(description: description + quoted + "\"]")
    }

    /// A list element, 0-based as in Rego and JSON paths.
    func index(_ index: Int) -> PolicyKeyPath { PolicyKeyPath(description: description + "[\(index)]") }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
