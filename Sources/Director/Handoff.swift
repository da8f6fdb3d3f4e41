import Synchronization

/// A value one thread leaves for another, taken at most once.
final class Handoff<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func put(_ new: Value) {
        value.withLock { $0 = new }
    }

    /// The value left, if any; nil from then on.
    func take() -> Value? {
        value.withLock { $0.take() }
    }
}
