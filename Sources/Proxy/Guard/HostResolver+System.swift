#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension HostResolver {
    /// The blocking system lookup: getaddrinfo for TCP (one answer per address rather than one per
    /// socket type), `AI_ADDRCONFIG` so a host without IPv6 is not handed addresses it cannot dial.
    /// Must run off the event loop.
    public static func systemLookup(_ host: String) throws(ResolveError) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0 else { throw ResolveError(host: host, getaddrinfoCode: code, errno: errno) }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry {
            if let sockaddr = current.pointee.ai_addr {
                switch current.pointee.ai_family {
                case AF_INET:
                    sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        addresses.append(IPAddress($0.pointee.sin_addr))
                    }
                case AF_INET6:
                    sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        addresses.append(IPAddress($0.pointee.sin6_addr))
                    }
                default:
                    break
                }
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw .notFound(host) }
        return addresses
    }
}

extension ResolveError {
    /// glibc's `EAI_NODATA` and `EAI_ADDRFAMILY` sit behind `_GNU_SOURCE`, which the Swift module
    /// does not define; their values are fixed ABI.
    static let noData: Int32 = -5
    static let addressFamily: Int32 = -9

    /// Maps a getaddrinfo failure: "no such name" and "no address" are `notFound`, everything else
    /// (`EAI_AGAIN` included: the name may exist) is `failed` with the system's message.
    init(host: String, getaddrinfoCode code: Int32, errno: Int32) {
        switch code {
        case EAI_NONAME, ResolveError.noData, ResolveError.addressFamily:
            self = .notFound(host)
        case EAI_SYSTEM:
            self = .failed(host, code: code, message: String(cString: strerror(errno)))
        default:
            self = .failed(host, code: code, message: String(cString: gai_strerror(code)))
        }
    }
}
