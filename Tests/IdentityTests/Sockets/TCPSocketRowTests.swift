import Foundation
import Glibc
import Testing

@testable import Identity

/// Lines as the kernel writes them on a little-endian machine (x86_64, aarch64): each 32-bit
/// word of an address is printed as this host reads it, so its bytes appear reversed.
@Suite struct TCPSocketRowTests {
    static let ipv4Table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41001 1 0000000000000000 100 0 0 10 0
           1: 0100007F:9D78 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 41002 1 0000000000000000 20 4 30 10 -1
           2: 0100007F:1F90 0100007F:9D78 01 00000000:00000000 00:00000000 00000000     0        0 41003 1 0000000000000000 20 4 30 10 -1
           3: 0302000A:D431 0A0B0C0D:01BB 06 00000000:00000000 03:00001680 00000000     0        0 0 3 0000000000000000

        """

    static let ipv6Table = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 52001 1 0000000000000000 100 0 0 10 0
           1: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 52002 1 0000000000000000 20 4 30 10 -1
           2: B80D0120000000000000000001000A00:01BB B80D0120000000000000000002000A00:E0F1 01 00000000:00000000 00:00000000 00000000     0        0 52003 1 0000000000000000 20 4 30 10 -1
        """

    @Test func ipv4Rows() throws {
        try #require(Int(bigEndian: 1) != 1, "fixtures are written for a little-endian host")
        let rows = TCPSocketRow.parseAll(Self.ipv4Table)
        #expect(rows.count == 4)
        #expect(rows[0] == TCPSocketRow(local: try endpoint("127.0.0.1", 8080), remote: try endpoint("0.0.0.0", 0), state: 0x0A, inode: 41001))
        #expect(rows[1].local.description == "127.0.0.1:40312")
        #expect(rows[1].remote.description == "127.0.0.1:8080")
        #expect(rows[1].state == 1)
        #expect(rows[1].inode == 41002)
        #expect(rows[3].local.description == "10.0.2.3:54321")
        #expect(rows[3].remote.description == "13.12.11.10:443")
        #expect(rows[3].state == 6)
        #expect(rows[3].inode == 0)
    }

    @Test func ipv6RowsWithWordsInHostOrder() throws {
        try #require(Int(bigEndian: 1) != 1, "fixtures are written for a little-endian host")
        let rows = TCPSocketRow.parseAll(Self.ipv6Table)
        #expect(rows.count == 3)
        #expect(rows[0].local.description == "[::1]:8080")
        #expect(rows[0].remote.description == "[::]:0")
        // A dual-stack socket talking IPv4: the mapped address is the IPv4 endpoint.
        #expect(rows[1].local == (try endpoint("127.0.0.1", 50000)))
        #expect(rows[1].remote == (try endpoint("127.0.0.1", 8080)))
        #expect(rows[2].local.description == "[2001:db8::a:1]:443")
        #expect(rows[2].remote.description == "[2001:db8::a:2]:57585")
        #expect(rows[2].inode == 52003)
    }

    @Test(arguments: [
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "",
        "   0: 0100007F:1F90",
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0",
        "   0: 0100007G:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
        "   0: 0100007F:1F9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
        "   0: 00007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
        "   0: 0100007F1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
        "   0: 0100007F:1F90 00000000:0000 100 00000000:00000000 00:00000000 00000000     0        0 1 1",
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12x 1",
        "   0 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
    ])
    func rejectsMalformedLines(_ line: String) {
        #expect(TCPSocketRow.parseAll(line).isEmpty)
    }

    @Test func lowercaseHexIsAccepted() throws {
        let rows = TCPSocketRow.parseAll(
            "   0: 0100007f:1f90 00000000:0000 0a 00000000:00000000 00:00000000 00000000     0        0 7 1")
        #expect(rows.first?.local == (try endpoint("127.0.0.1", 8080)))
        #expect(rows.first?.state == 10)
    }

    /// The live tables parse line for line (minus the header), whatever is on this machine.
    @Test func liveTablesParse() throws {
        for path in [ProcNetTCP.ipv4Path, ProcNetTCP.ipv6Path] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n").count
            #expect(TCPSocketRow.parseAll(text).count == lines - 1, "\(path)")
        }
    }
}
