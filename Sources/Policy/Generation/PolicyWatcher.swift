import Foundation
import Identity
import Logging
import Synchronization

/// Reloads a store when its files change: the policy file and every file under the rule paths.
///
/// Polling `stat` rather than inotify: it sees every way a file is replaced (editors renaming into
/// place, Kubernetes swapping a ConfigMap's `..data` symlink, a bind mount changing underneath),
/// costs a few syscalls per interval, and needs no descriptor per directory.
public final class PolicyWatcher: Sendable {
    public let store: PolicyStore
    public let interval: Duration
    private let snapshot: Mutex<[String: FileVersion?]>
    private let running = Atomic<Bool>(false)
    private let logger: Logger

    public init(store: PolicyStore, interval: Duration = .seconds(1), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
        snapshot = Mutex(Self.versions(of: store.current.sources))
    }

    /// Reloads if anything changed since the last look; nil when nothing did. A change is looked
    /// at once: a broken file is not retried until it changes again.
    @discardableResult
    public func checkNow() -> PolicyStore.ReloadOutcome? {
        let now = Self.versions(of: store.current.sources)
        let changed = snapshot.withLock { previous in
            defer { previous = now }
            return previous != now
        }
        guard changed else { return nil }
        logger.info("policy files changed, reloading", metadata: ["policy.file": "\(store.current.sources.policyFile)"])
        return store.reload()
    }

    /// Polls on a thread of its own until `stop()`.
    public func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            while running.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: Double(interval.components.seconds)
                    + Double(interval.components.attoseconds) / 1e18)
                if running.load(ordering: .acquiring) { checkNow() }
            }
        }
        thread.name = "airlock-policy-watch"
        thread.start()
    }

    public func stop() { running.store(false, ordering: .releasing) }

    deinit { stop() }

    private static func versions(of sources: PolicySources) -> [String: FileVersion?] {
        var versions: [String: FileVersion?] = [sources.policyFile: FileVersion.current(at: sources.policyFile)]
        for path in sources.rules.paths {
            for file in files(under: path) { versions[file] = FileVersion.current(at: file) }
        }
        return versions
    }

    /// `path` itself when it is a file, else every regular file below it.
    private static func files(under path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let full = path + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
