/// What the first bytes of a plain-HTTP connection say about its request.
public enum HostSniffResult: Sendable, Equatable {
    /// A valid prefix of an HTTP/1.x request head: read more and ask again.
    case needMore
    /// The bytes do not start an HTTP/1.x request line (TLS, SSH, a binary protocol).
    case notHTTP
    /// The request line and the Host header. `target` is as sent (origin-form `/path`,
    /// absolute-form `http://h/p`, authority-form `h:443` for CONNECT, or `*`). `host` is lower-cased,
    /// without brackets for an IPv6 literal, and nil when there is no Host header or it is empty;
    /// `port` is nil when the header names none.
    case request(method: String, target: String, host: String?, port: Int?)
    /// An HTTP request head that breaks the grammar in a way proxies and servers may read
    /// differently (duplicate Host, obs-fold, bare LF, space before a colon), or one too large.
    case malformed(String)
}
