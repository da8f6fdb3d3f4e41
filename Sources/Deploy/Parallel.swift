import Foundation

/// Runs work for each item on its own thread, at most `limit` at once, and waits for all.
/// (Node I/O blocks on sockets, so threads rather than the cooperative pool.)
enum Parallel {
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], limit: Int, _ body: @escaping @Sendable (T) -> R
    ) -> [R?] {
        let results = ResultSlots<R>(count: items.count)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: max(1, limit))
        for (index, item) in items.enumerated() {
            slots.wait()
            group.enter()
            let thread = Thread {
                results.set(index, body(item))
                slots.signal()
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.values
    }
}

/// Results written by worker threads, one slot each, read after they finished.
final class ResultSlots<R>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [R?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [R?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
