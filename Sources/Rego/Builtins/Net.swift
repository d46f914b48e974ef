extension Builtins {
    /// The `net` family: CIDR arithmetic over IPv4 and IPv6 (see `IPAddress` and `CIDR`).
    static let net: [Builtin] = [
        Builtin("net.cidr_contains", arity: 2) { args, _ throws(BuiltinError) in
            .bool(try NetCIDR.contains(args[0], args[1]))
        },
        Builtin("net.cidr_intersects", arity: 2) { args, _ throws(BuiltinError) in
            .bool(try NetCIDR.network(args[0]).intersects(NetCIDR.network(args[1])))
        },
        Builtin("net.cidr_is_valid", arity: 1) { args, _ in
            guard case .string(let s) = args[0] else { return .false }
            return .bool(CIDR(s) != nil)
        },
        Builtin("net.cidr_expand", arity: 1) { args, _ throws(BuiltinError) in
            .set(try NetCIDR.expand(NetCIDR.network(args[0])))
        },
        Builtin("net.cidr_contains_matches", arity: 2) { args, _ throws(BuiltinError) in
            var matches: [Value] = []
            for (cidr, key) in try NetCIDR.matchTerms(args[0], position: 1) {
                for (candidate, candidateKey) in try NetCIDR.matchTerms(args[1], position: 2)
                where try NetCIDR.contains(cidr, candidate) {
                    matches.append(.array([key, candidateKey]))
                }
            }
            return .set(RegoSet(matches))
        },
        Builtin("net.cidr_merge", arity: 1) { args, _ throws(BuiltinError) in
            let elements: [Value]
            switch args[0] {
            case .array(let a): elements = a
            case .set(let s): elements = s.sorted
            default: throw .builtin("operand must be an array")
            }
            var blocks: [NetCIDR.Block] = []
            blocks.reserveCapacity(elements.count)
            for element in elements { blocks.append(try NetCIDR.block(element)) }
            return .set(RegoSet(NetCIDR.merge(blocks).map(Value.string)))
        },
    ]
}

/// The logic behind the `net.cidr_*` builtins, with OPA's (Go's) messages.
enum NetCIDR {
    /// A string operand parsed as a CIDR. OPA reads every such operand "as operand 1".
    static func network(_ value: Value) throws(BuiltinError) -> CIDR {
        guard case .string(let s) = value else { throw .operand(1, mustBe: "string", got: value) }
        guard let cidr = CIDR(s) else { throw .builtin("invalid CIDR address: \(s)") }
        return cidr
    }

    /// `net.cidr_contains`: the second operand is an address or a network.
    static func contains(_ outer: Value, _ inner: Value) throws(BuiltinError) -> Bool {
        let network = try network(outer)
        guard case .string(let s) = inner else { throw .operand(1, mustBe: "string", got: inner) }
        if let address = IPAddress(s) { return network.contains(address) }
        guard let other = CIDR(s) else {
            throw .builtin("not a valid textual representation of an IP address or CIDR: \(s)")
        }
        return network.contains(other)
    }

    /// Most addresses `net.cidr_expand` lists; a larger network would exhaust memory.
    static let maxExpansion = 1 << 20

    static func expand(_ network: CIDR) throws(BuiltinError) -> RegoSet {
        let size = network.last.bits - network.network.bits
        guard size < UInt128(maxExpansion) else {
            throw .builtin("network \(network) has more than \(maxExpansion) addresses")
        }
        var addresses: [Value] = []
        addresses.reserveCapacity(Int(size) + 1)
        var bits = network.network.bits
        while true {
            addresses.append(.string(IPAddress(bits: bits).description))
            if bits == network.last.bits { break }
            bits += 1
        }
        return RegoSet(addresses)
    }

    /// The (network text, key) pairs of a `net.cidr_contains_matches` operand: a string is its own
    /// key; arrays give indexes, sets their members, objects their keys, and array or set
    /// elements that are tuples contribute their first element as the network.
    static func matchTerms(_ operand: Value, position: Int) throws(BuiltinError) -> [(Value, Value)] {
        func first(_ element: Value) throws(BuiltinError) -> Value {
            switch element {
            case .string: return element
            case .array(let a) where !a.isEmpty: return a[0]
            default: throw .builtin("operand \(position): element must be string or non-empty array")
            }
        }
        switch operand {
        case .string: return [(operand, operand)]
        case .array(let a):
            var terms: [(Value, Value)] = []
            for (i, element) in a.enumerated() { terms.append((try first(element), .int(i))) }
            return terms
        case .set(let s):
            var terms: [(Value, Value)] = []
            for element in s { terms.append((try first(element), element)) }
            return terms
        case .object(let o):
            var terms: [(Value, Value)] = []
            for (key, element) in o { terms.append((try first(element), key)) }
            return terms
        default:
            return []
        }
    }

    // MARK: - net.cidr_merge

    /// An input network of `net.cidr_merge`, with the text OPA prints when it is not merged.
    struct Block {
        var first: UInt128
        var last: UInt128
        /// Nil once merged with another block.
        var text: String?
    }

    /// A network, or an IPv4 address with its classful default mask (Go's `DefaultMask`: /8, /16
    /// or /24 by the first octet; OPA keeps the address unmasked when printing it back).
    static func block(_ element: Value) throws(BuiltinError) -> Block {
        guard case .string(let s) = element else { throw .builtin("element must be string") }
        if let address = IPAddress(s) {
            guard let v4 = address.ipv4Value else { throw .builtin("IPv6 invalid: needs prefix length") }
            let length = v4 < 0x8000_0000 ? 8 : v4 < 0xC000_0000 ? 16 : 24
            let network = CIDR(address: address, prefixLength: length)!
            return Block(first: network.network.bits, last: network.last.bits, text: "\(address)/\(length)")
        }
        guard let network = CIDR(s) else { throw .builtin("invalid CIDR address: \(s)") }
        return Block(first: network.network.bits, last: network.last.bits, text: network.description)
    }

    /// Merges overlapping and adjacent blocks, then covers each merged range with the fewest
    /// networks (OPA's algorithm, from Cilium and netaddr).
    static func merge(_ input: [Block]) -> [String] {
        var blocks = input.sorted { ($0.last, $0.first) < ($1.last, $1.first) }
        var i = blocks.count - 1
        while i > 0 {
            let previous = blocks[i].first == 0 || blocks[i].first == IPAddress.ipv4MappedPrefix
                ? blocks[i].first : blocks[i].first - 1
            if previous <= blocks[i - 1].last {
                blocks[i - 1] = Block(
                    first: Swift.min(blocks[i - 1].first, blocks[i].first), last: blocks[i].last, text: nil)
                blocks.remove(at: i)
            }
            i -= 1
        }
        var texts: [String] = []
        for block in blocks {
            if let text = block.text {
                texts.append(text)
            } else {
                texts.append(contentsOf: cover(block.first, block.last).map(\.description))
            }
        }
        return texts
    }

    /// The fewest aligned networks that exactly cover `first...last`.
    static func cover(_ first: UInt128, _ last: UInt128) -> [CIDR] {
        var networks: [CIDR] = []
        var start = first
        while true {
            // The largest block aligned at `start` that does not pass `last`.
            var size = start == 0 ? 128 : start.trailingZeroBitCount
            while size > 0 && blockEnd(start, size) > last { size -= 1 }
            networks.append(CIDR(masking: IPAddress(bits: start), prefix128: 128 - size))
            let end = blockEnd(start, size)
            if end >= last { break }
            start = end + 1
        }
        return networks
    }

    /// The last address of the block of 2^size addresses starting at the aligned `start`.
    private static func blockEnd(_ start: UInt128, _ size: Int) -> UInt128 {
        start | (size == 128 ? ~UInt128(0) : (UInt128(1) << size) - 1)
    }
}
