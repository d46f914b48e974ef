import Rego

/// One entry of an endpoint's `allowed_ips`: a CIDR, or a bare address that stands for the
/// single-address network (`/32` or `/128`).
///
/// The stored text is always a valid first operand of `net.cidr_contains` (checked with the
/// builtin's own parser), so the rules never meet an invalid network at decision time.
enum AllowedNetwork {
    static func parse(_ written: String) throws(PatternError) -> String {
        let quoted = PatternError.quote(written)
        let network: String
        if let slash = written.firstIndex(of: "/") {
            let address = written[..<slash]
            let length = written[written.index(after: slash)...]
            guard IPAddress(address) != nil else {
                throw PatternError("expected a CIDR such as 10.0.0.0/8 or fd00::/8, found \(quoted)")
            }
            let width = address.contains(":") ? 128 : 32
            guard !length.isEmpty, length.utf8.count <= 4, length.allSatisfy(\.isASCIIDigit) else {
                throw PatternError("expected a prefix length of 0 to \(width) after \"/\", found \(quoted)")
            }
            guard let bits = Int(length), bits <= width else {
                let family = width == 32 ? "IPv4" : "IPv6"
                throw PatternError("expected a prefix length of 0 to \(width) for \(family), found \(quoted)")
            }
            network = written
        } else {
            guard IPAddress(written) != nil else {
                throw PatternError("expected an IP address or a CIDR such as 10.0.0.0/8, found \(quoted)")
            }
            network = written + (written.contains(":") ? "/128" : "/32")
        }
        // The checks above give the operator a precise message; this one makes sure the rules'
        // builtin agrees, whatever either parser learns later.
        if let problem = PatternValidation.cidrError(network) {
            throw PatternError("expected a CIDR such as 10.0.0.0/8, found \(quoted) (\(problem))")
        }
        return network
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
