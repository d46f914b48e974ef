/// A strict ASN.1 DER reader (X.690) over untrusted bytes: definite minimal lengths only, every
/// read bounds-checked, nesting followed only as deep as the caller walks (no recursion here).
/// Malformed DER is reported like every other key or certificate problem.
typealias DERError = CryptoError

/// One TLV element: its tag byte, its content, and (for signatures over it) its full encoding.
struct DERElement: Sendable {
    let tag: UInt8
    let content: ArraySlice<UInt8>
    let encoded: ArraySlice<UInt8>

    var isConstructed: Bool { tag & 0x20 != 0 }
    /// Context-specific tag number (`[n]`), or nil for other classes.
    var contextNumber: UInt8? { tag & 0xC0 == 0x80 ? tag & 0x1F : nil }

    /// The children of a constructed element.
    func children() throws(DERError) -> DERReader { DERReader(content) }

    // Universal tags used by X.509 and keys.
    static let boolean: UInt8 = 0x01
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06
    static let utf8String: UInt8 = 0x0C
    static let sequence: UInt8 = 0x30
    static let set: UInt8 = 0x31
    static let printableString: UInt8 = 0x13
    static let t61String: UInt8 = 0x14
    static let ia5String: UInt8 = 0x16
    static let utcTime: UInt8 = 0x17
    static let generalizedTime: UInt8 = 0x18
    static let bmpString: UInt8 = 0x1E
    static let universalString: UInt8 = 0x1C
    static let numericString: UInt8 = 0x12
}

/// Reads consecutive elements from a byte range.
struct DERReader: Sendable {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    var isAtEnd: Bool { position >= bytes.endIndex }

    /// The tag of the next element, if any.
    var peekTag: UInt8? { isAtEnd ? nil : bytes[position] }

    mutating func next() throws(DERError) -> DERElement {
        let start = position
        guard position < bytes.endIndex else { throw DERError("unexpected end of data") }
        let tag = bytes[position]
        // High tag numbers (0x1F) never occur in the structures we read.
        guard tag & 0x1F != 0x1F else { throw DERError("unsupported high tag number") }
        position += 1
        guard position < bytes.endIndex else { throw DERError("truncated length") }
        let first = bytes[position]
        position += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            // Indefinite lengths (0x80) are BER, not DER; more than 4 length bytes is absurd here.
            guard count > 0, count <= 4 else { throw DERError("unsupported length encoding") }
            guard bytes.endIndex - position >= count else { throw DERError("truncated length") }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[position])
                position += 1
            }
            // DER demands the shortest form.
            guard length >= 0x80, length >> (8 * (count - 1)) != 0 else { throw DERError("non-minimal length") }
        }
        guard bytes.endIndex - position >= length else { throw DERError("data truncated") }
        let content = bytes[position..<position + length]
        position += length
        return DERElement(tag: tag, content: content, encoded: bytes[start..<position])
    }

    /// The next element, which must carry `tag`.
    mutating func next(_ tag: UInt8, _ what: String) throws(DERError) -> DERElement {
        let element = try next()
        guard element.tag == tag else { throw DERError("malformed \(what)") }
        return element
    }

    /// The next element if it carries `tag`, else nil (nothing consumed).
    mutating func optional(_ tag: UInt8) throws(DERError) -> DERElement? {
        guard peekTag == tag else { return nil }
        return try next()
    }

    func expectEnd(_ what: String) throws(DERError) {
        guard isAtEnd else { throw DERError("trailing data after \(what)") }
    }
}

extension DERElement {
    /// A non-negative INTEGER's magnitude (DER: minimal two's complement).
    func unsignedInteger(_ what: String) throws(DERError) -> Bignum {
        guard tag == DERElement.integer, !content.isEmpty else { throw DERError("malformed \(what)") }
        let first = content[content.startIndex]
        guard first & 0x80 == 0 else { throw DERError("negative \(what)") }
        if content.count > 1, first == 0, content[content.startIndex + 1] & 0x80 == 0 {
            throw DERError("non-minimal \(what)")
        }
        return Bignum(bytes: content)
    }

    /// A small INTEGER (versions, path lengths), possibly negative.
    func smallInteger(_ what: String) throws(DERError) -> Int {
        guard tag == DERElement.integer, !content.isEmpty, content.count <= 8 else { throw DERError("malformed \(what)") }
        var value: Int = content[content.startIndex] & 0x80 != 0 ? -1 : 0
        for byte in content { value = value << 8 | Int(byte) }
        return value
    }

    /// A BIT STRING's bytes (which must have no unused bits when `wholeBytes`) and unused bit count.
    func bitString(_ what: String) throws(DERError) -> (bytes: ArraySlice<UInt8>, unusedBits: Int) {
        guard tag == DERElement.bitString, !content.isEmpty else { throw DERError("malformed \(what)") }
        let unused = Int(content[content.startIndex])
        guard unused < 8, !(unused > 0 && content.count == 1) else { throw DERError("malformed \(what)") }
        return (content.dropFirst(), unused)
    }

    /// An OBJECT IDENTIFIER's arcs.
    func objectIdentifier(_ what: String) throws(DERError) -> [Int] {
        guard tag == DERElement.objectIdentifier, !content.isEmpty else { throw DERError("malformed \(what)") }
        var arcs: [Int] = []
        var value = 0
        var started = false
        for byte in content {
            if !started && byte == 0x80 { throw DERError("malformed \(what)") }
            guard value < (1 << 50) else { throw DERError("malformed \(what)") }
            value = value << 7 | Int(byte & 0x7F)
            started = true
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    if value < 80 {
                        arcs = [value / 40, value % 40]
                    } else {
                        arcs = [2, value - 80]
                    }
                } else {
                    arcs.append(value)
                }
                value = 0
                started = false
            }
        }
        guard !started else { throw DERError("malformed \(what)") }
        return arcs
    }

    var utf8Text: String { String(decoding: content, as: UTF8.self) }
}

/// Object identifiers by dotted text, for readable comparisons.
extension Array where Element == Int {
    var dotted: String { map(String.init).joined(separator: ".") }
}
