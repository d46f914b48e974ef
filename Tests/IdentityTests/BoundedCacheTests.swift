import TestSupport
import Testing

@testable import Identity

@Suite struct BoundedCacheTests {
    @Test func evictsLeastRecentlyUsedQuarter() {
        var cache = BoundedCache<Int, String>(capacity: 8)
        for key in 0..<8 { cache.insert("v\(key)", for: key) }
        // Touch 0 and 1 so 2 and 3 are now the oldest.
        _ = cache.value(for: 0)
        _ = cache.value(for: 1)
        cache.insert("v8", for: 8)
        #expect(cache.count == 7)
        #expect(cache.peek(2) == nil)
        #expect(cache.peek(3) == nil)
        #expect(cache.peek(0) == "v0")
        #expect(cache.peek(8) == "v8")
    }

    @Test func replacingDoesNotEvict() {
        var cache = BoundedCache<Int, Int>(capacity: 2)
        cache.insert(1, for: 1)
        cache.insert(2, for: 2)
        cache.insert(3, for: 2)
        #expect(cache.count == 2)
        #expect(cache.peek(2) == 3)
        #expect(cache.remove(1) == 1)
        #expect(cache.count == 1)
    }

    @Test func capacityOne() {
        var cache = BoundedCache<Int, Int>(capacity: 1)
        cache.insert(1, for: 1)
        cache.insert(2, for: 2)
        #expect(cache.count == 1)
        #expect(cache.peek(2) == 2)
    }
}
