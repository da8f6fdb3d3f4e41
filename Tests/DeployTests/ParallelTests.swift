import Foundation
import Synchronization
import Testing

@testable import Deploy

@Suite struct ParallelTests {
    @Test(arguments: [1, 3, 16])
    func mapKeepsTheItemsOrder(limit: Int) {
        let results = Parallel.map(Array(0..<10), limit: limit) { $0 * $0 }
        #expect(results == (0..<10).map { $0 * $0 })
    }

    @Test func mapOfNothingIsEmpty() {
        #expect(Parallel.map([Int](), limit: 4) { $0 }.isEmpty)
    }

    /// Item 0 waits until item 1 was handled: only a forEach that hands each result over as
    /// it finishes (not after all of them) lets it through before its timeout.
    @Test func forEachHandsOverEachResultAsItFinishes() {
        let secondHandled = DispatchSemaphore(value: 0)
        var handled: [Int] = []
        var firstGotThrough = false
        Parallel.forEach([0, 1], limit: 2) { item -> Bool in
            item == 0 ? secondHandled.wait(timeout: .now() + 10) == .success : true
        } handle: { index, gotThrough in
            handled.append(index)
            if index == 0 { firstGotThrough = gotThrough }
            if index == 1 { secondHandled.signal() }
        }
        #expect(handled == [1, 0])
        #expect(firstGotThrough)
    }

    @Test(arguments: [1, 2, 5])
    func forEachRunsAtMostLimitAtOnce(limit: Int) {
        let running = Mutex((now: 0, most: 0))
        var handled = Set<Int>()
        Parallel.forEach(Array(0..<12), limit: limit) { item -> Int in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            usleep(2_000)
            running.withLock { $0.now -= 1 }
            return item
        } handle: { index, _ in
            handled.insert(index)
        }
        #expect(handled == Set(0..<12))
        #expect(running.withLock { $0.most } <= limit)
    }
}
