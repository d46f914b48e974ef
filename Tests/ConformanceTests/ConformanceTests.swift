import Foundation
import Testing

/// Runs every OPA conformance case, prints the per-topic table, and fails when a case listed in
/// `docs/conformance-passing.txt` no longer passes.
///
/// Environment:
/// - `AIRLOCK_CONFORMANCE_DIR`: the case folder (default `<repo>/../shared/opa-conformance/v1`);
/// - `AIRLOCK_CONFORMANCE_WRITE=1`: rewrite `docs/CONFORMANCE.md` and `docs/conformance-passing.txt`;
/// - `AIRLOCK_CONFORMANCE_TRACE=1|FILE`: run one case at a time and name each before running it
///   (to stderr or appended to FILE), so a case that traps the engine can be identified;
/// - `AIRLOCK_CONFORMANCE_SKIP=FILE`: ids (one per line) not to attempt, counted as not run.
@Suite struct ConformanceTests {
    @Test func opaConformanceCases() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = ConformanceLocation.caseDirectory(environment: environment)
        guard location.exists else {
            print("conformance: skipped: no case folder at \(location.path) (set AIRLOCK_CONFORMANCE_DIR)")
            return
        }
        let cases = try ConformanceCases.load(from: location.path)
        let trace = Trace(setting: environment["AIRLOCK_CONFORMANCE_TRACE"])
        var skip: Set<String> = []
        if let skipFile = environment["AIRLOCK_CONFORMANCE_SKIP"], let text = try? String(contentsOfFile: skipFile, encoding: .utf8) {
            skip = Set(ConformanceReport.parsePassingList(text))
        }
        let runner = ConformanceRunner(skip: skip, trace: trace)

        let started = ContinuousClock.now
        let outcomes = trace == nil ? await Self.runInParallel(cases, runner) : cases.map(runner.run)
        trace?.write("■ all cases ran")
        let elapsed = ContinuousClock.now - started

        let report = ConformanceReport(Array(zip(cases, outcomes)))
        print(report.table)
        print("conformance: \(cases.count) cases from \(location.path) in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))")
        try? FileManager.default.createDirectory(
            atPath: (ConformanceLocation.detailsPath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        if (try? report.details.write(toFile: ConformanceLocation.detailsPath, atomically: true, encoding: .utf8)) != nil {
            print("conformance: every case's outcome is in \(ConformanceLocation.detailsPath)")
        }

        // Regressions against the committed list (read before any rewrite).
        let committed = (try? String(contentsOfFile: ConformanceLocation.passingListPath, encoding: .utf8))
            .map(ConformanceReport.parsePassingList) ?? []
        let outcomeByID = Dictionary(uniqueKeysWithValues: zip(cases.map(\.id), outcomes))
        let regressions = committed.filter { outcomeByID[$0].map { $0 != .passed } ?? false }
        let absent = committed.filter { outcomeByID[$0] == nil }
        if !absent.isEmpty {
            print("conformance: \(absent.count) listed passing case(s) are not in this case set; ignored")
        }
        let newlyPassing = Set(report.passingIDs).subtracting(committed)
        if !newlyPassing.isEmpty && environment["AIRLOCK_CONFORMANCE_WRITE"] != "1" {
            print("conformance: \(newlyPassing.count) case(s) pass that docs/conformance-passing.txt does not list; run scripts/conformance.sh")
        }
        if environment["AIRLOCK_CONFORMANCE_WRITE"] == "1" {
            let folder = location.path.split(separator: "/").suffix(2).joined(separator: "/")
            let source = "\(cases.count) from `…/\(folder)`"
            try report.markdown(source: source).write(toFile: ConformanceLocation.markdownPath, atomically: true, encoding: .utf8)
            try report.passingList.write(toFile: ConformanceLocation.passingListPath, atomically: true, encoding: .utf8)
            print("conformance: wrote \(ConformanceLocation.markdownPath) and \(ConformanceLocation.passingListPath)")
        }
        for id in regressions {
            if case .failed(let why)? = outcomeByID[id] {
                Issue.record("regression: \(id): \(why)")
            } else if case .notRun(let why)? = outcomeByID[id] {
                Issue.record("regression: \(id): not run: \(why)")
            }
        }
    }

    /// Cases are independent, so they run on every core; outcomes come back in case order.
    private static func runInParallel(_ cases: [ConformanceCase], _ runner: ConformanceRunner) async
        -> [ConformanceRunner.Outcome]
    {
        let chunkCount = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = max(1, (cases.count + chunkCount - 1) / chunkCount)
        let chunks = stride(from: 0, to: cases.count, by: chunkSize).map { Array(cases[$0..<min($0 + chunkSize, cases.count)]) }
        return await withTaskGroup(of: (Int, [ConformanceRunner.Outcome]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask { (index, chunk.map(runner.run)) }
            }
            var byChunk: [Int: [ConformanceRunner.Outcome]] = [:]
            for await (index, outcomes) in group { byChunk[index] = outcomes }
            return (0..<chunks.count).flatMap { byChunk[$0] ?? [] }
        }
    }
}
