import Foundation

/// SIGTERM, SIGINT and SIGHUP stop the agent as before (it dies of the signal), but first
/// `beforeExit` runs: the agent kills the action it is running, whose process group would
/// otherwise outlive it and overlap the action's re-run at the next start.
///
/// The signals are handled by dispatch sources. On Linux, libdispatch takes a signal over
/// when it arms the source, on its own thread, a moment after `resume`: it installs a
/// process-wide handler that passes the signal to the source whichever thread gets it.
/// `install` returns only once that handler is in place, so that from then on no signal
/// goes by unhandled; before, a signal has its default effect (the agent dies of it, with
/// nothing running yet). The signals used to be ignored until then, and one that came in
/// that moment was lost: the agent went on after SIGTERM. Actions get the default
/// dispositions back at spawn.
final class StopSignals {
    private let sources: [DispatchSourceSignal]
    static let stopping = [SIGTERM, SIGINT, SIGHUP]

    private init(sources: [DispatchSourceSignal]) {
        self.sources = sources
    }

    /// Installs the handlers; they stay until the returned value goes away.
    static func install(_ beforeExit: @escaping @Sendable () -> Void) -> StopSignals {
        let sources = stopping.map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                beforeExit()
                // Die of the signal, as without the handler (exit status 128 + signal).
                signal(number, SIG_DFL)
                var unblocked = sigset_t()
                sigemptyset(&unblocked)
                sigaddset(&unblocked, number)
                pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
                raise(number)
            }
            source.resume()
            return source
        }
        waitUntilTakenOver(stopping, seconds: 2)
        return StopSignals(sources: sources)
    }

    /// Waits (at most `seconds`) until every signal of `numbers` has a handler: libdispatch's,
    /// once it armed the sources.
    private static func waitUntilTakenOver(_ numbers: [Int32], seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while numbers.contains(where: { !hasHandler($0) }) && Date() < deadline { usleep(200) }
    }

    /// Whether `number`'s disposition is a handler, neither the default nor ignored.
    static func hasHandler(_ number: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(number, nil, &current) == 0 else { return false }
        let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        return handler != unsafeBitCast(SIG_DFL, to: Int.self) && handler != unsafeBitCast(SIG_IGN, to: Int.self)
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
