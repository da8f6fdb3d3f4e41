import Foundation
import Synchronization

/// Runs work for each item on its own thread, at most `limit` at once.
/// (Node I/O blocks on sockets, so threads rather than the cooperative pool.)
enum Parallel {
    /// The results of `body` for each item, in the items' order, once all are done.
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], limit: Int, _ body: @escaping @Sendable (T) -> R
    ) -> [R?] {
        var results = [R?](repeating: nil, count: items.count)
        forEach(items, limit: limit, body) { index, result in results[index] = result }
        return results
    }

    /// Hands each result of `body` (with its item's index) to `handle` on the calling thread
    /// as soon as it is ready, in the order the items finish; returns when all are handled.
    static func forEach<T: Sendable, R: Sendable>(
        _ items: [T], limit: Int, _ body: @escaping @Sendable (T) -> R, handle: (Int, R) -> Void
    ) {
        let finished = FinishedQueue<R>()
        var next = 0
        func startNext() {
            let index = next
            let item = items[index]
            next += 1
            let thread = Thread { finished.push(index, body(item)) }
            thread.stackSize = 1 << 20
            thread.start()
        }
        while next < min(max(1, limit), items.count) { startNext() }
        for _ in items.indices {
            let (index, result) = finished.pop()
            if next < items.count { startNext() }
            handle(index, result)
        }
    }
}

/// Results that worker threads finished, waiting for the calling thread.
private final class FinishedQueue<R: Sendable>: Sendable {
    private let results = Mutex<[(Int, R)]>([])
    private let ready = DispatchSemaphore(value: 0)

    func push(_ index: Int, _ result: R) {
        results.withLock { $0.append((index, result)) }
        ready.signal()
    }

    /// The oldest finished result, waiting for one if none is there yet.
    func pop() -> (Int, R) {
        ready.wait()
        return results.withLock { $0.removeFirst() }
    }
}
