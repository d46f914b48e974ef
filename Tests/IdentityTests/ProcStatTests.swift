import TestSupport
import Glibc
import Testing

@testable import Identity

@Suite struct ProcStatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let expected: ProcStat?
        var testDescription: String { line.prefix(40).description }
    }

    /// Fields 5…21 filled with small numbers, then start time, then the tail the kernel prints.
    static func line(pid: Int, comm: String, state: String, ppid: Int, start: UInt64) -> String {
        let middle = (5...21).map { String($0) }.joined(separator: " ")
        return
            "\(pid) (\(comm)) \(state) \(ppid) \(middle) \(start) 2990080 394 18446744073709551615 1 1 0 0 0 0 0 6 0\n"
    }

    static let cases: [Case] = [
        Case(
            line: line(pid: 4711, comm: "python3", state: "S", ppid: 1, start: 227004),
            expected: ProcStat(pid: 4711, comm: "python3", state: "S", ppid: 1, startTime: 227004)),
        Case(
            line: line(pid: 12, comm: "a) (b", state: "R", ppid: 3, start: 9),
            expected: ProcStat(pid: 12, comm: "a) (b", state: "R", ppid: 3, startTime: 9)),
        Case(
            line: line(pid: 7, comm: "x) S 999 ", state: "Z", ppid: 6, start: 42),
            expected: ProcStat(pid: 7, comm: "x) S 999 ", state: "Z", ppid: 6, startTime: 42)),
        Case(
            line: line(pid: 8, comm: "", state: "D", ppid: 0, start: 18_446_744_073_709_551_615),
            expected: ProcStat(pid: 8, comm: "", state: "D", ppid: 0, startTime: .max)),
        Case(line: "4711 (python3 S 1 2 3\n", expected: nil),
        Case(line: "4711 python3) S 1\n", expected: nil),
        Case(line: "4711 (python3) S 1 2 3 4\n", expected: nil),
        Case(line: "x (y) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20\n", expected: nil),
        Case(line: "", expected: nil),
    ]

    @Test(arguments: cases)
    func parse(_ testCase: Case) {
        let parsed = Array(testCase.line.utf8).withUnsafeBufferPointer { ProcStat.parse($0) }
        #expect(parsed == testCase.expected)
    }

    @Test func parsesOwnStat() throws {
        let reader = try ProcReader(pid: getpid())
        let stat = try reader.readStat()
        #expect(stat.pid == getpid())
        #expect(stat.ppid == getppid())
        #expect(stat.state == "R" || stat.state == "S")
        #expect(stat.startTime > 0)
    }
}
