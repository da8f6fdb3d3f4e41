import Foundation

/// Signals handled on a queue by dispatch sources, not in a signal handler.
///
/// On Linux, libdispatch takes a signal over when it arms its source, on its own thread, a
/// moment after `resume`: it installs a process-wide handler that passes the signal to the
/// source whichever thread gets it. `handle` returns only once that handler is in place for
/// every signal, so that from then on none goes by unhandled; before, a signal has its
/// default effect (the process dies of it, before it has started its work). The signals
/// used to be ignored until then, and one that came in that moment was lost: an agent or a
/// service went on after SIGTERM (AgentStopTests, ServiceStopTests).
enum SignalSources {
    /// Handles `numbers` with `handler` (on a global queue) as long as the sources live.
    static func handle(_ numbers: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) -> [DispatchSourceSignal] {
        let sources = numbers.map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
        let deadline = Date().addingTimeInterval(2)
        while numbers.contains(where: { !hasHandler($0) }) && Date() < deadline { usleep(200) }
        return sources
    }

    /// Whether `number`'s disposition is a handler, neither the default nor ignored.
    static func hasHandler(_ number: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(number, nil, &current) == 0 else { return false }
        let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        return handler != unsafeBitCast(SIG_DFL, to: Int.self) && handler != unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
