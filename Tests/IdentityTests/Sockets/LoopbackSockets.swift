import Glibc
import Identity
import TestSupport

/// A TCP socket a test opened, closed on deinit. Sockets are close-on-exec so children other
/// tests spawn meanwhile do not become holders too.
final class TestSocket {
    let fd: Int32

    init(family: Int32, v6Only: Bool? = nil) throws {
        fd = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket: \(String(cString: strerror(errno)))") }
        if let v6Only {
            var flag: Int32 = v6Only ? 1 : 0
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &flag, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    init(accepted fd: Int32) { self.fd = fd }

    /// A listener on `ip`, port chosen by the kernel.
    static func listener(_ ip: String, v6Only: Bool? = nil) throws -> TestSocket {
        let address = try endpoint(ip, 0)
        let socket = try TestSocket(family: ip.contains(":") ? AF_INET6 : AF_INET, v6Only: v6Only)
        try socket.check("bind") { address.withSockaddr { Glibc.bind(socket.fd, $0, $1) } }
        try socket.check("listen") { Glibc.listen(socket.fd, 16) }
        return socket
    }

    /// A client connected to `remote`; `mappedIPv6` connects an AF_INET6 socket to an IPv4 address.
    static func client(to remote: SocketEndpoint, mappedIPv6: Bool = false) throws -> TestSocket {
        let family = remote.isIPv4 && !mappedIPv6 ? AF_INET : AF_INET6
        let socket = try TestSocket(family: family, v6Only: mappedIPv6 ? false : nil)
        try socket.check("connect") {
            remote.withSockaddr(mappedIPv6: mappedIPv6) { Glibc.connect(socket.fd, $0, $1) }
        }
        return socket
    }

    /// Accepts one connection within 10 s; the new socket and the peer address `accept` gave.
    func accept() throws -> (TestSocket, SocketEndpoint) {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 10_000) == 1 else { throw TestSetupError("no connection within 10 s") }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let accepted = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
        }
        guard accepted >= 0 else { throw TestSetupError("accept: \(String(cString: strerror(errno)))") }
        _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
        guard let peer = SocketEndpoint(sockaddr: &storage, length: length) else {
            throw TestSetupError("accept gave an address of family \(storage.ss_family)")
        }
        return (TestSocket(accepted: accepted), peer)
    }

    var localAddress: SocketEndpoint { get throws { try address(getsockname) } }
    var peerAddress: SocketEndpoint { get throws { try address(getpeername) } }

    private func address(
        _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) throws -> SocketEndpoint {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(fd, $0, &length) }
        }
        guard result == 0, let endpoint = SocketEndpoint(sockaddr: &storage, length: length) else {
            throw TestSetupError("getsockname/getpeername: \(String(cString: strerror(errno)))")
        }
        return endpoint
    }

    private func check(_ what: String, _ call: () -> Int32) throws {
        guard call() == 0 else { throw TestSetupError("\(what): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }
}

/// `ip:port` as an endpoint, or a setup error naming the text.
func endpoint(_ ip: String, _ port: Int) throws -> SocketEndpoint {
    guard let endpoint = SocketEndpoint(ip: ip, port: port) else { throw TestSetupError("not an address: \(ip)") }
    return endpoint
}
