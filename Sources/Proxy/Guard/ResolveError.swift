/// Why a host name did not resolve. Every case names the host, so a log line or a 502 body says
/// which name failed without the caller threading it through.
public enum ResolveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer within the resolver's timeout (queueing behind other lookups included).
    case timeout(String)
    /// The name exists nowhere (`EAI_NONAME`, `EAI_NODATA`): a typo, or no address of any family.
    case notFound(String)
    /// Not something a resolver should be asked: empty labels, bad characters, a numeric last
    /// label that `inet_aton` would read as an address (`127.1`, `0x7f000001`), an unclosed bracket.
    case invalidName(String)
    /// Any other failure: `code` is getaddrinfo's (`EAI_AGAIN`, `EAI_SYSTEM`, …) or 0 for the
    /// resolver's own (shut down, port out of range); `message` is the system's text for it.
    case failed(String, code: Int32, message: String)

    /// The host the lookup was for.
    public var host: String {
        switch self {
        case .timeout(let host), .notFound(let host), .invalidName(let host), .failed(let host, _, _): host
        }
    }

    public var description: String {
        switch self {
        case .timeout(let host): "resolve \(host): timed out"
        case .notFound(let host): "resolve \(host): no such host"
        case .invalidName(let host): "resolve \(host): not a valid host name"
        case .failed(let host, 0, let message): "resolve \(host): \(message)"
        case .failed(let host, let code, let message): "resolve \(host): \(message) (getaddrinfo \(code))"
        }
    }
}
