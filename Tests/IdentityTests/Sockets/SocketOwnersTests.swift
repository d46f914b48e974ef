import CAirlockLinux
import Foundation
import Glibc
import TestSupport
import Testing

@testable import Identity

/// Real sockets on 127.0.0.1 and [::1], looked up the way the proxy would on accept: `local` is
/// the peer address `accept` returned, `remote` the listener's address.
@Suite struct SocketOwnersTests {
    static let python = "/usr/bin/python3"

    /// Connects to argv[1]:argv[2] and sleeps; with argv[3], forks first so both hold the socket.
    static let connectorScript = """
        import os, socket, sys, time
        family = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
        s = socket.socket(family, socket.SOCK_STREAM)
        s.connect((sys.argv[1], int(sys.argv[2])))
        if len(sys.argv) > 3:
            os.fork()
        time.sleep(300)
        """

    static func connector(to remote: SocketEndpoint, fork: Bool = false) throws -> RunningProcess {
        try Command.require(python, package: "python3")
        let ip = remote.ip
        return try RunningProcess(python, ["-c", connectorScript, ip, String(remote.port)] + (fork ? ["fork"] : []))
    }

    @Test(arguments: ["127.0.0.1", "::1"])
    func ownSocket(ip: String) throws {
        let listener = try TestSocket.listener(ip)
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening)
        let (_, peer) = try listener.accept()
        #expect(peer == (try client.localAddress))

        let ownership = try SocketOwners.lookup(local: peer, remote: listening)
        #expect(ownership.pids == [getpid()])
        #expect(ownership.inode == (try socketInode(client.fd)))
    }

    /// The accepted (proxy) side is a different socket: looking it up the other way round finds it.
    @Test func acceptedSideIsItsOwnSocket() throws {
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening)
        let (accepted, peer) = try listener.accept()
        let clientSide = try SocketOwners.lookup(local: peer, remote: listening)
        let serverSide = try SocketOwners.lookup(local: listening, remote: peer)
        #expect(clientSide.inode == (try socketInode(client.fd)))
        #expect(serverSide.inode == (try socketInode(accepted.fd)))
        #expect(clientSide.inode != serverSide.inode)
    }

    @Test(arguments: ["127.0.0.1", "::1"])
    func childProcess(ip: String) throws {
        let listener = try TestSocket.listener(ip)
        let listening = try listener.localAddress
        let child = try Self.connector(to: listening)
        defer { child.stop() }
        let (_, peer) = try listener.accept()
        let ownership = try SocketOwners.lookup(local: peer, remote: listening)
        #expect(ownership.pids == [child.pid])
    }

    /// fork after connect: parent and child hold one socket, and both are named once each.
    @Test func socketSharedAcrossFork() throws {
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        let parent = try Self.connector(to: listening, fork: true)
        defer { parent.stop() }
        let (_, peer) = try listener.accept()
        var forked: pid_t = 0
        try waitUntil("the connector's fork") {
            guard let child = childPIDs(of: parent.pid).first else { return false }
            forked = child
            return true
        }
        var ownership = try SocketOwners.lookup(local: peer, remote: listening)
        try waitUntil("both holders") {
            ownership = try SocketOwners.lookup(local: peer, remote: listening)
            return ownership.pids.count == 2
        }
        #expect(ownership.pids == [parent.pid, forked].sorted())
    }

    /// An IPv4 client to a dual-stack `[::]` listener: the client is an AF_INET socket, so it is in
    /// /proc/net/tcp; accept reports `::ffff:127.0.0.1`, which SocketEndpoint makes IPv4.
    @Test func ipv4ClientToDualStackListener() throws {
        let listener = try TestSocket.listener("::", v6Only: false)
        let port = try listener.localAddress.port
        let remote = try endpoint("127.0.0.1", Int(port))
        let client = try TestSocket.client(to: remote)
        let (accepted, peer) = try listener.accept()
        #expect(peer.isIPv4)
        #expect(peer == (try client.localAddress))
        // The listener's own view of the connection is mapped too, and compares equal.
        #expect(try accepted.localAddress == remote)

        let ownership = try SocketOwners.lookup(local: peer, remote: remote)
        #expect(ownership.pids == [getpid()])
        #expect(ownership.inode == (try socketInode(client.fd)))
        #expect(try procNetContains(ProcNetTables.ipv4, inode: ownership.inode))
    }

    /// A dual-stack AF_INET6 client talking to an IPv4 listener: its row is in /proc/net/tcp6
    /// with mapped addresses, and the IPv4 lookup still finds it.
    @Test func dualStackClientToIPv4Listener() throws {
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening, mappedIPv6: true)
        let (_, peer) = try listener.accept()
        #expect(peer == (try client.localAddress))
        let ownership = try SocketOwners.lookup(local: peer, remote: listening)
        #expect(ownership.pids == [getpid()])
        #expect(ownership.inode == (try socketInode(client.fd)))
        #expect(try procNetContains(ProcNetTables.ipv6, inode: ownership.inode))
    }

    /// sock_diag and the /proc tables name the same socket, in every family combination.
    @Test(arguments: [("127.0.0.1", false), ("::1", false), ("127.0.0.1", true)])
    func diagAgreesWithProcTables(ip: String, mappedClient: Bool) throws {
        let listener = try TestSocket.listener(ip)
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening, mappedIPv6: mappedClient)
        let (_, peer) = try listener.accept()
        let inode = try socketInode(client.fd)
        #expect(InetDiag.inode(local: peer, remote: listening) == .inode(inode))
        #expect(try SocketOwners.procNetInode(local: peer, remote: listening) == inode)
        let absent = try endpoint(ip, 1)
        #expect(InetDiag.inode(local: absent, remote: listening) == .noSocket)
        #expect(try SocketOwners.procNetInode(local: absent, remote: listening) == nil)
    }

    @Test func diagReplies() {
        func reply(type: UInt16, _ payload: [UInt8]) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 16) + payload
            withUnsafeBytes(of: UInt32(bytes.count)) { bytes.replaceSubrange(0..<4, with: $0) }
            withUnsafeBytes(of: type) { bytes.replaceSubrange(4..<6, with: $0) }
            return bytes
        }
        func errorReply(_ code: Int32) -> [UInt8] {
            reply(type: 2, withUnsafeBytes(of: -code) { Array($0) } + [UInt8](repeating: 0, count: 16))
        }
        var message = [UInt8](repeating: 0, count: 72)
        withUnsafeBytes(of: UInt32(48213)) { message.replaceSubrange(68..<72, with: $0) }
        #expect(reply(type: 20, message).withUnsafeBytes { InetDiag.parse($0) } == .inode(48213))
        #expect(errorReply(ENOENT).withUnsafeBytes { InetDiag.parse($0) } == .noSocket)
        #expect(errorReply(EPERM).withUnsafeBytes { InetDiag.parse($0) } == .unavailable(errno: EPERM))
        #expect(reply(type: 20, [1, 2, 3]).withUnsafeBytes { InetDiag.parse($0) } == .unavailable(errno: EPROTO))
        #expect([UInt8](repeating: 0, count: 8).withUnsafeBytes { InetDiag.parse($0) } == .unavailable(errno: EPROTO))
    }

    @Test func noSuchSocket() throws {
        let local = try endpoint("127.0.0.1", 1)
        let remote = try endpoint("127.0.0.1", 2)
        #expect(throws: SocketOwnerError.notFound(local: local, remote: remote)) {
            try SocketOwners.lookup(local: local, remote: remote)
        }
        let v6 = try endpoint("::1", 3)
        #expect(throws: SocketOwnerError.notFound(local: v6, remote: v6)) {
            try SocketOwners.lookup(local: v6, remote: v6)
        }
        #expect(
            SocketOwnerError.notFound(local: local, remote: remote).description
                == "no TCP socket 127.0.0.1:1 -> 127.0.0.1:2 in /proc/net/tcp or /proc/net/tcp6 (closed, or in another network namespace)"
        )
        #expect(SocketOwnerError.unreadable(path: "/proc/net/tcp", errno: EACCES).description == "read /proc/net/tcp: Permission denied")
    }

    /// A client that closed before the lookup (the raced close): its orphaned or time-wait row
    /// has inode 0, so no process holds it.
    @Test func closedClientIsNotFound() throws {
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        var client: TestSocket? = try TestSocket.client(to: listening)
        let (_, peer) = try listener.accept()
        _ = try SocketOwners.lookup(local: peer, remote: listening)
        client = nil
        _ = client
        #expect(throws: SocketOwnerError.notFound(local: peer, remote: listening)) {
            try SocketOwners.lookup(local: peer, remote: listening)
        }
    }

    /// Without CAP_SYS_PTRACE and DAC overrides, another user's /proc/<pid>/fd is closed: the
    /// lookup still answers, and says the answer may be incomplete.
    @Test func unreadableProcessesMakeTheAnswerIncomplete() throws {
        try requireRoot("setpriv --reuid and capset")
        try Command.require("/usr/bin/setpriv", package: "util-linux")
        let other = try RunningProcess(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/sleep", "300"])
        defer { other.stop() }
        try other.waitForExe { $0.hasSuffix("/sleep") }
        let listener = try TestSocket.listener("127.0.0.1")
        let listening = try listener.localAddress
        let client = try TestSocket.client(to: listening)
        let (_, peer) = try listener.accept()
        _ = client

        let full = try SocketOwners.lookup(local: peer, remote: listening)
        #expect(full.pids == [getpid()])
        // Even root may be refused some descriptor tables (a container's pid 1 run by the host
        // with more capabilities than ours, in some sandboxes): compare with an independent scan.
        #expect(full.incomplete == someDescriptorTableIsClosed())

        let restricted = try withoutCapabilities([CAP_SYS_PTRACE, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH]) {
            Result { () throws(SocketOwnerError) in try SocketOwners.lookup(local: peer, remote: listening) }
        }
        let reduced = try restricted.get()
        #expect(reduced.pids == [getpid()])
        #expect(reduced.incomplete)
    }
}

/// The inode of the socket behind `fd`, as fstat sees it.
func socketInode(_ fd: Int32) throws -> UInt64 {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw TestSetupError("fstat: \(String(cString: strerror(errno)))") }
    return UInt64(info.st_ino)
}

enum ProcNetTables {
    static let ipv4 = "/proc/net/tcp"
    static let ipv6 = "/proc/net/tcp6"
}

/// Whether the table at `path` lists `inode` (the inode column, read independently of the parser).
func procNetContains(_ path: String, inode: UInt64) throws -> Bool {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().contains { line in
        let fields = line.split(separator: " ")
        return fields.count > 9 && fields[9] == "\(inode)"
    }
}

/// Whether any process's /proc/<pid>/fd (or a link in it) refuses us, found through Foundation.
func someDescriptorTableIsClosed() -> Bool {
    let files = FileManager.default
    for entry in (try? files.contentsOfDirectory(atPath: "/proc")) ?? [] where pid_t(entry) != nil {
        let directory = "/proc/\(entry)/fd"
        guard let stream = opendir(directory) else {
            if errno == EACCES || errno == EPERM { return true }
            continue
        }
        closedir(stream)
        for name in (try? files.contentsOfDirectory(atPath: directory)) ?? [] {
            var buffer = [CChar](repeating: 0, count: 256)
            if readlink("\(directory)/\(name)", &buffer, buffer.count) < 0 && (errno == EACCES || errno == EPERM) {
                return true
            }
        }
    }
    return false
}
