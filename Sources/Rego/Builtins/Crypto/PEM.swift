/// PEM (RFC 7468) decoding with the exact acceptance rules of Go's `encoding/pem.Decode`, because
/// OPA's results (which block is found, what counts as "rest") follow them.
struct PEMBlock: Sendable, Equatable {
    let type: String
    let headers: [String: String]
    let bytes: [UInt8]
}

enum PEM {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    /// The first PEM block in `data` and the bytes after it; nil (and all of `data`) when none.
    static func decode(_ data: ArraySlice<UInt8>) -> (block: PEMBlock?, rest: ArraySlice<UInt8>) {
        var rest = data
        while true {
            if rest.starts(with: begin) {
                rest = rest.dropFirst(begin.count)
            } else if let index = firstIndex(of: [0x0A] + begin, in: rest) {
                rest = rest[(index + 1 + begin.count)...]
            } else {
                return (nil, data)
            }
            let (typeLine, afterType) = line(rest)
            rest = afterType
            guard typeLine.count >= dashes.count, typeLine.suffix(dashes.count).elementsEqual(dashes) else { continue }
            let type = typeLine.dropLast(dashes.count)

            var headers: [String: String] = [:]
            var truncated = false
            while true {
                if rest.isEmpty {
                    truncated = true
                    break
                }
                let (headerLine, next) = line(rest)
                guard let colon = headerLine.firstIndex(of: UInt8(ascii: ":")) else { break }
                let key = trimmedSpace(headerLine[..<colon]), value = trimmedSpace(headerLine[(colon + 1)...])
                headers[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                rest = next
            }
            if truncated { return (nil, data) }

            let endIndex: ArraySlice<UInt8>.Index
            let trailerStart: ArraySlice<UInt8>.Index
            if headers.isEmpty && rest.starts(with: end) {
                endIndex = rest.startIndex
                trailerStart = rest.startIndex + end.count
            } else if let index = firstIndex(of: [0x0A] + end, in: rest) {
                endIndex = index
                trailerStart = index + 1 + end.count
            } else {
                // Go would go on to the next BEGIN line, but no END line can follow it either:
                // stopping here gives the same answer without quadratic rescans of hostile input.
                return (nil, data)
            }
            let trailer = rest[trailerStart...]
            let trailerLength = type.count + dashes.count
            guard trailer.count >= trailerLength else { continue }
            let endName = trailer.prefix(trailerLength)
            guard endName.starts(with: type), endName.suffix(dashes.count).elementsEqual(dashes) else { continue }
            guard line(trailer.dropFirst(trailerLength)).line.isEmpty else { continue }

            let body = rest[rest.startIndex..<endIndex].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard case .success(let bytes) = Base64.standard.decode(String(decoding: body, as: UTF8.self)) else { continue }
            let after = line(rest[(trailerStart - 1)...]).rest
            return (PEMBlock(type: String(decoding: type, as: UTF8.self), headers: headers, bytes: bytes), after)
        }
    }

    static func decode(_ text: String) -> (block: PEMBlock?, rest: ArraySlice<UInt8>) {
        decode(Array(text.utf8)[...])
    }

    /// Go's `getLine`: up to the newline (without `\r` and trailing spaces/tabs), and what follows.
    private static func line(_ data: ArraySlice<UInt8>) -> (line: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        var lineEnd: ArraySlice<UInt8>.Index
        let next: ArraySlice<UInt8>.Index
        if let newline = data.firstIndex(of: 0x0A) {
            next = newline + 1
            lineEnd = newline
            if newline > data.startIndex && data[newline - 1] == 0x0D { lineEnd -= 1 }
        } else {
            lineEnd = data.endIndex
            next = data.endIndex
        }
        var text = data[data.startIndex..<lineEnd]
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text = text.dropLast() }
        return (text, data[next...])
    }

    private static func trimmedSpace(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        let space: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        while let f = s.first, space(f) { s = s.dropFirst() }
        while let l = s.last, space(l) { s = s.dropLast() }
        return s
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> ArraySlice<UInt8>.Index? {
        guard needle.count <= haystack.count, let first = needle.first else { return nil }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// A PEM block's text as Go's `pem.Encode` writes it (64-column base64, no headers).
    static func encode(type: String, bytes: [UInt8]) -> String {
        let body = Array(Base64.standard.encode(bytes).utf8)
        var out = "-----BEGIN \(type)-----\n"
        var i = 0
        while i < body.count {
            out += String(decoding: body[i..<min(i + 64, body.count)], as: UTF8.self) + "\n"
            i += 64
        }
        return out + "-----END \(type)-----\n"
    }
}
