import Proxy

/// Test literals that must parse; a typo in a table fails the test that uses it, naming the text.
struct BadLiteral: Error, CustomStringConvertible {
    let text: String
    var description: String { "not parseable: \(text)" }
}

func ip(_ text: String) throws -> IPAddress {
    guard let address = IPAddress(text) else { throw BadLiteral(text: text) }
    return address
}

func cidr(_ text: String) throws -> CIDR {
    guard let network = CIDR(text) else { throw BadLiteral(text: text) }
    return network
}
