/// An IP network: `10.0.0.0/8`, `fd00::/8`, or a bare address standing for itself (`/32`, `/128`).
///
/// The stored address is masked (`10.1.2.3/8` is `10.0.0.0/8`), as the policy loader and
/// `net.cidr_contains` treat it. An IPv6 network inside `::ffff:0:0/96` is stored as the IPv4
/// network it maps (`::ffff:10.0.0.0/104` is `10.0.0.0/8`): the guard compares IPv4 addresses in
/// their IPv4 form, so an exemption written either way means the same addresses.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the network.
    public let address: IPAddress
    /// The prefix length in bits of the address's family (0...32 or 0...128).
    public let prefixLength: Int

    /// The network of `address` with `prefixLength` leading bits; nil when the length does not fit
    /// the family.
    public init?(address: IPAddress, prefixLength: Int) {
        switch address.bits {
        case .v4(let value):
            guard (0...32).contains(prefixLength) else { return nil }
            self.address = .v4(value & CIDR.mask32(prefixLength))
            self.prefixLength = prefixLength
        case .v6(let value):
            guard (0...128).contains(prefixLength) else { return nil }
            if prefixLength >= 96 && value >> 32 == IPAddress.mappedPrefix {
                let length = prefixLength - 96
                self.address = .v4(UInt32(truncatingIfNeeded: value) & CIDR.mask32(length))
                self.prefixLength = length
            } else {
                self.address = .v6(value & CIDR.mask128(prefixLength))
                self.prefixLength = prefixLength
            }
        }
    }

    /// Parses `address/length` or a bare address. The length is 1-4 decimal digits, as the policy
    /// loader accepts, so every `allowed_ips` entry it stored parses here.
    public init?(_ text: some StringProtocol) {
        guard let slash = text.firstIndex(of: "/") else {
            guard let address = IPAddress(text) else { return nil }
            self.init(address: address, prefixLength: address.family == .v4 ? 32 : 128)
            return
        }
        let lengthText = text[text.index(after: slash)...]
        guard let address = IPAddress(text[..<slash]),
            (1...4).contains(lengthText.utf8.count),
            lengthText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let length = Int(lengthText)
        else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// Whether `candidate` is in the network; an address of the other family never is.
    public func contains(_ candidate: IPAddress) -> Bool {
        switch (address.bits, candidate.bits) {
        case (.v4(let network), .v4(let value)):
            value & CIDR.mask32(prefixLength) == network
        case (.v6(let network), .v6(let value)):
            value & CIDR.mask128(prefixLength) == network
        default:
            false
        }
    }

    public var description: String { "\(address)/\(prefixLength)" }

    static func mask32(_ length: Int) -> UInt32 { length == 0 ? 0 : ~UInt32(0) << (32 - length) }

    static func mask128(_ length: Int) -> UInt128 { length == 0 ? 0 : ~UInt128(0) << (128 - length) }
}
