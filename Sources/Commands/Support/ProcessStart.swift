import Glibc

/// How every confsync process starts.
public enum ProcessStart {
    /// Whatever the parent left (ignored signals, a blocked mask: libdispatch blocks the
    /// signals the director service handles in the threads that receive them, and the
    /// commands it runs inherit that), the default dispositions and nothing blocked.
    public static func resetSignals() {
        for number in [SIGTERM, SIGINT, SIGHUP] { signal(number, SIG_DFL) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, nil)
    }
}
