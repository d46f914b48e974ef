import Identity
import Rego

/// The facts of one connection: the Rego `input` of DESIGN.md §2.
public struct ConnectionFacts: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case tcpConnect = "tcp_connect"
        case httpRequest = "http_request"
        case unixConnect = "unix_connect"
        case udpSend = "udp_send"
        case dnsQuery = "dns_query"
    }

    /// Where the host name came from, weakest last.
    public enum HostSource: String, Sendable {
        case connect, sni
        case httpHost = "http_host"
        case dnsCache = "dns_cache"
        case ipOnly = "ip_only"
    }

    public struct Process: Sendable, Hashable {
        public var pid: Int?
        public var exe: String
        public var ancestors: [String]
        /// Diagnostics only: never granted on.
        public var cmdline: [String]
        public var sha256: String?

        public init(pid: Int? = nil, exe: String, ancestors: [String] = [], cmdline: [String] = [], sha256: String? = nil) {
            self.pid = pid
            self.exe = exe
            self.ancestors = ancestors
            self.cmdline = cmdline
            self.sha256 = sha256
        }

        public init(_ identity: ProcessIdentity) {
            self.init(
                pid: Int(identity.pid), exe: identity.exe, ancestors: identity.ancestors, cmdline: identity.cmdline,
                sha256: identity.sha256)
        }
    }

    public struct Network: Sendable, Hashable {
        public var host: String?
        public var ip: String?
        public var port: Int
        public var hostSource: HostSource

        public init(host: String? = nil, ip: String? = nil, port: Int, hostSource: HostSource = .connect) {
            self.host = host
            self.ip = ip
            self.port = port
            self.hostSource = hostSource
        }
    }

    public struct UnixSocket: Sendable, Hashable {
        /// The resolved path, or `@name` for an abstract socket.
        public var path: String
        public var abstract: Bool

        public init(path: String, abstract: Bool = false) {
            self.path = path
            self.abstract = abstract
        }
    }

    public struct HTTPRequest: Sendable, Hashable {
        public var method: String
        public var path: String

        public init(method: String, path: String) {
            self.method = method
            self.path = path
        }
    }

    public var kind: Kind
    public var process: Process?
    public var network: Network?
    public var unixSocket: UnixSocket?
    public var http: HTTPRequest?

    public init(
        kind: Kind, process: Process?, network: Network? = nil, unixSocket: UnixSocket? = nil, http: HTTPRequest? = nil
    ) {
        self.kind = kind
        self.process = process
        self.network = network
        self.unixSocket = unixSocket
        self.http = http
    }

    public static func tcp(_ process: Process, host: String?, ip: String? = nil, port: Int, source: HostSource = .connect)
        -> ConnectionFacts
    {
        ConnectionFacts(kind: .tcpConnect, process: process, network: Network(host: host, ip: ip, port: port, hostSource: source))
    }

    public static func unix(_ process: Process, path: String, abstract: Bool = false) -> ConnectionFacts {
        ConnectionFacts(kind: .unixConnect, process: process, unixSocket: UnixSocket(path: path, abstract: abstract))
    }

    public var value: Value {
        var fields: [(String, Value)] = [("kind", .string(kind.rawValue))]
        if let process {
            var p: [(String, Value)] = [
                ("exe", .string(process.exe)),
                ("ancestors", .array(process.ancestors.map(Value.string))),
                ("cmdline", .array(process.cmdline.map(Value.string))),
            ]
            if let pid = process.pid { p.append(("pid", .int(pid))) }
            if let sha256 = process.sha256 { p.append(("sha256", .string(sha256))) }
            fields.append(("process", .object(RegoObject(p))))
        }
        if let network {
            var n: [(String, Value)] = [
                ("port", .int(network.port)), ("protocol", .string(kind == .udpSend ? "udp" : "tcp")),
                ("host_source", .string(network.hostSource.rawValue)),
            ]
            if let host = network.host { n.append(("host", .string(host))) }
            if let ip = network.ip { n.append(("ip", .string(ip))) }
            fields.append(("network", .object(RegoObject(n))))
        }
        if let unixSocket {
            fields.append(("unix_socket", .object(RegoObject([
                ("path", .string(unixSocket.path)), ("abstract", .bool(unixSocket.abstract)),
            ]))))
        }
        if let http {
            fields.append(("http", .object(RegoObject([("method", .string(http.method)), ("path", .string(http.path))]))))
        }
        return .object(RegoObject(fields))
    }
}
