/// What the first bytes of a connection say about its TLS server name.
public enum SNIResult: Sendable, Equatable {
    /// A valid prefix of a TLS ClientHello: read more and ask again.
    case needMore
    /// Not a TLS handshake record (plain HTTP, SSH, SSLv2): sniff something else.
    case notTLS
    /// A complete ClientHello without a `server_name` extension (an IP-only client, or ESNI off).
    case noServerName
    /// The host name, lower-cased, without a trailing dot.
    case serverName(String)
    /// TLS framing that breaks its own rules, or a hello too large to wait for. Close the connection.
    case malformed(String)
}
