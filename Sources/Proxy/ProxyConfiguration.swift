import Policy

/// How an egress proxy listens and behaves. Addresses are `host:port` as operators write them.
public struct ProxyConfiguration: Sendable {
    /// The explicit listener: `HTTP_PROXY`/`HTTPS_PROXY` clients (CONNECT and absolute-form requests).
    public var explicitListen: String = "127.0.0.1:3128"
    /// The transparent listener, for sockets the supervisor redirects; nil when not running one.
    public var transparentListen: String? = nil
    /// Longest request head (request line + headers) accepted; beyond it, 431.
    public var maximumHeaderBytes: Int = 32 * 1024
    /// Upstream connect timeout.
    public var connectTimeout: Duration = .seconds(10)
    /// A tunnel or keep-alive connection with no bytes either way for this long is closed.
    public var idleTimeout: Duration = .seconds(300)

    public init() {}
}
