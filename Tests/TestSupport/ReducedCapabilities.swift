import CAirlockLinux
import Foundation
import Glibc
import Synchronization

/// Runs `body` on a fresh thread whose *effective* capabilities lack `dropped`.
///
/// Capabilities are per thread on Linux and capset(2) changes only the caller, so the rest of the
/// test process keeps running as full root; the thread restores its set and ends afterwards.
public func withoutCapabilities<T: Sendable>(_ dropped: [Int32], _ body: @escaping @Sendable () -> T) throws -> T {
    let outcome = Mutex<Result<T, TestSetupError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        defer { done.signal() }
        var header = __user_cap_header_struct(version: UInt32(_LINUX_CAPABILITY_VERSION_3), pid: 0)
        var saved = [__user_cap_data_struct](repeating: .init(), count: 2)
        guard airlock_capget(&header, &saved) == 0 else {
            outcome.withLock { $0 = .failure(TestSetupError("capget: \(String(cString: strerror(errno)))")) }
            return
        }
        var reduced = saved
        for capability in dropped {
            reduced[Int(capability) / 32].effective &= ~(UInt32(1) << UInt32(capability % 32))
        }
        guard airlock_capset(&header, reduced) == 0 else {
            outcome.withLock { $0 = .failure(TestSetupError("capset: \(String(cString: strerror(errno)))")) }
            return
        }
        let value = body()
        _ = airlock_capset(&header, saved)
        outcome.withLock { $0 = .success(value) }
    }
    thread.start()
    done.wait()
    guard let result = outcome.withLock({ $0 }) else {
        throw TestSetupError("capability thread ended without a result")
    }
    return try result.get()
}
