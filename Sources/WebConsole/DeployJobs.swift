import Foundation
import Synchronization

/// The deploys started from the console, each a page of its own (`/deploy/ID`) that any
/// logged-in user may watch: the nodes' rows as they finish, then the summary. A deploy runs
/// on its own thread to its end whether or not anyone watches (its outcome is in the audit
/// too); its events are kept for late and reconnecting watchers (`/deploy/ID/events`, which
/// replays from the last event a watcher had). The last `kept` deploys stay, for an hour.
final class DeployJobs: Sendable {
    /// One thing a watcher sees: a node's row (while it is sent to, then when it is done: the
    /// later row replaces the earlier), or the end (the summary, or the error).
    struct Event: Sendable, Equatable {
        enum Kind: String, Sendable { case node, done }
        var kind: Kind
        /// Markup the server rendered (everything from outside escaped).
        var html: String
        /// The node a `node` event is about, and whether it is done (else being sent to).
        var node: String? = nil
        var nodeDone = false
    }

    /// What a deploy page shows when it is loaded.
    struct Snapshot: Sendable {
        var user: String
        var started: Date
        var events: [Event]
        var finished: Bool

        /// Each node's latest row, in the order the nodes first appeared.
        var rows: [String] { latestNodeEvents.map(\.html) }

        /// How many nodes are done.
        var nodesDone: Int { latestNodeEvents.filter(\.nodeDone).count }

        private var latestNodeEvents: [Event] {
            var order: [String] = []
            var latest: [String: Event] = [:]
            for event in events where event.kind == .node {
                let node = event.node ?? ""
                if latest[node] == nil { order.append(node) }
                latest[node] = event
            }
            return order.compactMap { latest[$0] }
        }
    }

    private struct Job {
        var user: String
        var started: Date
        var events: [Event] = []
        var finished = false
        var watchers: [UUID: AsyncStream<(Int, Event)>.Continuation] = [:]
    }

    static let kept = 20
    static let keptFor: TimeInterval = 3600
    private let jobs = Mutex<[String: Job]>([:])

    /// Starts `run` on a thread of its own as user `user`'s deploy and returns its id. `run`
    /// reports each node's row through its argument (node, row, whether the node is done) and
    /// returns the closing markup.
    func start(
        user: String, _ run: @escaping @Sendable (_ row: @escaping @Sendable (String, String, Bool) -> Void) -> String
    ) -> String {
        let id = SessionStore.randomToken()
        jobs.withLock { jobs in
            prune(&jobs)
            jobs[id] = Job(user: user, started: Date())
        }
        let thread = Thread { [self] in
            let end = run { node, row, done in self.append(Event(kind: .node, html: row, node: node, nodeDone: done), to: id) }
            append(Event(kind: .done, html: end), to: id)
        }
        thread.start()
        return id
    }

    func snapshot(_ id: String) -> Snapshot? {
        jobs.withLock { jobs in
            jobs[id].map { Snapshot(user: $0.user, started: $0.started, events: $0.events, finished: $0.finished) }
        }
    }

    /// The events of deploy `id` from index `from` on, each with its index: those kept, then
    /// the new ones as they come, up to and with `done`. Nil for an unknown id.
    func events(_ id: String, from: Int) -> AsyncStream<(Int, Event)>? {
        let (stream, continuation) = AsyncStream.makeStream(of: (Int, Event).self)
        let watcher = UUID()
        let known: Bool = jobs.withLock { jobs in
            guard var job = jobs[id] else { return false }
            for index in job.events.indices where index >= from { continuation.yield((index, job.events[index])) }
            if job.finished {
                continuation.finish()
            } else {
                job.watchers[watcher] = continuation
                jobs[id] = job
            }
            return true
        }
        guard known else { return nil }
        continuation.onTermination = { [weak self] _ in
            self?.jobs.withLock { jobs in _ = jobs[id]?.watchers.removeValue(forKey: watcher) }
        }
        return stream
    }

    private func append(_ event: Event, to id: String) {
        let ended: [AsyncStream<(Int, Event)>.Continuation] = jobs.withLock { jobs in
            // Taken out and put back, so that the events grow in place rather than as a copy.
            guard var job = jobs.removeValue(forKey: id) else { return [] }
            let index = job.events.count
            job.events.append(event)
            for watcher in job.watchers.values { watcher.yield((index, event)) }
            var ended: [AsyncStream<(Int, Event)>.Continuation] = []
            if event.kind == .done {
                job.finished = true
                ended = Array(job.watchers.values)
                job.watchers.removeAll()
            }
            jobs[id] = job
            return ended
        }
        // Outside the lock: a finished stream's termination handler takes it.
        for watcher in ended { watcher.finish() }
    }

    /// Drops finished deploys older than `keptFor`, and the oldest finished ones over `kept`.
    private func prune(_ jobs: inout [String: Job]) {
        let now = Date()
        jobs = jobs.filter { !$0.value.finished || now.timeIntervalSince($0.value.started) < Self.keptFor }
        let finished = jobs.filter(\.value.finished).sorted { $0.value.started < $1.value.started }
        for (id, _) in finished.prefix(max(0, jobs.count - Self.kept + 1)) { jobs.removeValue(forKey: id) }
    }
}
