import Glibc
import Identity
import NIOCore
import Policy

/// Who is on the other end of an accepted proxy connection: the process holding the client
/// socket, found from its addresses through the kernel's socket tables.
struct ClientIdentifier: Sendable {
    let identities: IdentityCache

    enum Failure: Error, CustomStringConvertible {
        case notInet(String)
        case noOwner(String)
        case disagree([String])
        case identity(ProcError)

        var description: String {
            switch self {
            case .notInet(let address): return "the client address \(address) is not IPv4 or IPv6"
            case .noOwner(let why): return "no process holds the client socket (\(why))"
            case .disagree(let exes):
                return "the client socket is shared by processes running different binaries (\(exes.joined(separator: ", ")))"
            case .identity(let error): return "the client process could not be read: \(error)"
            }
        }
    }

    /// Blocking (reads /proc): call it off the event loop.
    func identify(peer: SocketAddress, local: SocketAddress) -> Result<ConnectionFacts.Process, Failure> {
        guard let client = Self.endpoint(peer), let server = Self.endpoint(local) else {
            return .failure(.notInet("\(peer)"))
        }
        let ownership: SocketOwnership
        do { ownership = try SocketOwners.lookup(local: client, remote: server) } catch {
            return .failure(.noOwner("\(error)"))
        }
        guard !ownership.pids.isEmpty else { return .failure(.noOwner("socket inode \(ownership.inode) has no holder")) }
        var found: [ProcessIdentity] = []
        for pid in ownership.pids {
            do { found.append(try identities.identity(of: pid)) } catch where error.kind == .missing {
                continue
            } catch { return .failure(.identity(error)) }
        }
        guard let first = found.first else { return .failure(.noOwner("its holders exited")) }
        // A socket passed between processes: deciding for one binary while another sends would
        // grant the wrong one, so holders must agree on what they run.
        let exes = Set(found.map(\.exe))
        guard exes.count == 1 else { return .failure(.disagree(exes.sorted())) }
        return .success(ConnectionFacts.Process(first))
    }

    private static func endpoint(_ address: SocketAddress) -> SocketEndpoint? {
        switch address {
        case .v4(let v4): return SocketEndpoint(v4.address)
        case .v6(let v6): return SocketEndpoint(v6.address)
        default: return nil
        }
    }
}
