import Policy

/// One connection decision as the decision log stores it: a JSON line, keys in the order of the
/// stored properties below, optional fields left out when nil (arrays when empty, `audit` when false).
///
/// ```json
/// {"time":"2026-12-04T21:15:02.123Z","decision":"deny","kind":"tcp_connect","listener":"transparent",
///  "pid":4711,"exe":"/usr/bin/python3.11","host":"evil.example","port":443,"host_source":"sni",
///  "reason":"…","hints":["…"]}
/// ```
public struct DecisionRecord: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case allow, deny
    }

    /// Which part of Airlock decided: a proxy listener or the supervisor (unix sockets, UDP).
    public enum Listener: String, Sendable, Hashable, CaseIterable {
        case explicit, transparent, supervisor
    }

    /// UTC, RFC 3339 with milliseconds: `2026-12-04T21:15:02.123Z` (see `DecisionRecord.currentTime()`).
    public var time: String
    public var decision: Verdict
    /// True when the policy denied and audit mode let the connection through: `decision` is then
    /// `allow`, and the record is a would-be denial.
    public var audit: Bool
    public var kind: ConnectionFacts.Kind
    public var listener: Listener
    public var pid: Int?
    public var exe: String?
    public var ancestors: [String]
    /// Diagnostics only (argv[0] is spoofable).
    public var cmdline: [String]
    public var host: String?
    public var ip: String?
    public var port: Int?
    public var hostSource: ConnectionFacts.HostSource?
    /// The resolved socket path, or `@name` for an abstract socket.
    public var unixPath: String?
    public var httpMethod: String?
    public var httpPath: String?
    public var policy: String?
    public var reason: String
    public var hints: [String]
    public var bytesUp: Int?
    public var bytesDown: Int?
    public var durationMilliseconds: Int?
    /// What went wrong after the decision, e.g. the upstream connect failure.
    public var error: String?

    public init(
        time: String, decision: Verdict, audit: Bool = false, kind: ConnectionFacts.Kind, listener: Listener,
        pid: Int? = nil, exe: String? = nil, ancestors: [String] = [], cmdline: [String] = [],
        host: String? = nil, ip: String? = nil, port: Int? = nil, hostSource: ConnectionFacts.HostSource? = nil,
        unixPath: String? = nil, httpMethod: String? = nil, httpPath: String? = nil,
        policy: String? = nil, reason: String, hints: [String] = [],
        bytesUp: Int? = nil, bytesDown: Int? = nil, durationMilliseconds: Int? = nil, error: String? = nil
    ) {
        self.time = time
        self.decision = decision
        self.audit = audit
        self.kind = kind
        self.listener = listener
        self.pid = pid
        self.exe = exe
        self.ancestors = ancestors
        self.cmdline = cmdline
        self.host = host
        self.ip = ip
        self.port = port
        self.hostSource = hostSource
        self.unixPath = unixPath
        self.httpMethod = httpMethod
        self.httpPath = httpPath
        self.policy = policy
        self.reason = reason
        self.hints = hints
        self.bytesUp = bytesUp
        self.bytesDown = bytesDown
        self.durationMilliseconds = durationMilliseconds
        self.error = error
    }

    /// The record of `decision` on `facts`. With `auditMode`, a denial is let through and logged as
    /// `decision: allow, audit: true`; the reason and hints stay the policy's.
    public init(
        decision: Decision, facts: ConnectionFacts, listener: Listener, auditMode: Bool = false,
        time: String = DecisionRecord.currentTime()
    ) {
        let audited = auditMode && !decision.allow
        self.init(
            time: time, decision: decision.allow || audited ? .allow : .deny, audit: audited, kind: facts.kind,
            listener: listener, pid: facts.process?.pid, exe: facts.process?.exe,
            ancestors: facts.process?.ancestors ?? [], cmdline: facts.process?.cmdline ?? [],
            host: facts.network?.host, ip: facts.network?.ip, port: facts.network?.port,
            hostSource: facts.network?.hostSource, unixPath: facts.unixSocket?.path,
            httpMethod: facts.http?.method, httpPath: facts.http?.path,
            policy: decision.policy, reason: decision.reason, hints: decision.hints)
    }

    /// Denied by the policy, whether or not audit mode let it through.
    public var isWouldBeDenial: Bool { decision == .deny || audit }
}
