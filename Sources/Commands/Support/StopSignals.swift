import Foundation

/// SIGTERM, SIGINT and SIGHUP stop the agent as before (it dies of the signal), but first
/// `beforeExit` runs: the agent kills the action it is running, whose process group would
/// otherwise outlive it and overlap the action's re-run at the next start. Handled through
/// `SignalSources` (in place when `install` returns); actions get the default dispositions
/// back at spawn.
final class StopSignals {
    private let sources: [DispatchSourceSignal]

    private init(sources: [DispatchSourceSignal]) {
        self.sources = sources
    }

    /// Installs the handlers; they stay until the returned value goes away.
    static func install(_ beforeExit: @escaping @Sendable () -> Void) -> StopSignals {
        StopSignals(
            sources: SignalSources.handle([SIGTERM, SIGINT, SIGHUP]) { number in
                beforeExit()
                // Die of the signal, as without the handler (exit status 128 + signal).
                signal(number, SIG_DFL)
                var unblocked = sigset_t()
                sigemptyset(&unblocked)
                sigaddset(&unblocked, number)
                pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
                raise(number)
            })
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
