import Foundation

/// SIGTERM, SIGINT and SIGHUP stop the agent as before (it dies of the signal), but first
/// `beforeExit` runs: the agent kills the action it is running, whose process group would
/// otherwise outlive it and overlap the action's re-run at the next start.
///
/// The signals are ignored process-wide (so no thread dies of one unhandled) and handled by
/// dispatch sources; actions get their default disposition back at spawn.
final class StopSignals {
    private let sources: [DispatchSourceSignal]

    private init(sources: [DispatchSourceSignal]) {
        self.sources = sources
    }

    /// Installs the handlers; they stay until the returned value goes away.
    static func install(_ beforeExit: @escaping @Sendable () -> Void) -> StopSignals {
        let sources = [SIGTERM, SIGINT, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
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
        return StopSignals(sources: sources)
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
