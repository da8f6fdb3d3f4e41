import Dispatch

/// Work a repository hands to another thread, one item at a time in order, and waits for
/// before it reads what that work writes or goes away.
final class BackgroundWork: Sendable {
    private let queue = DispatchQueue(label: "confsync.director.background")
    private let group = DispatchGroup()

    func run(_ work: @escaping @Sendable () -> Void) {
        queue.async(group: group, execute: work)
    }

    /// Returns once everything handed over so far is done.
    func wait() {
        group.wait()
    }
}
