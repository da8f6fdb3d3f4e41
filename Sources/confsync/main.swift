import Commands
import Foundation

// Whatever the parent left (ignored signals, a blocked mask: libdispatch blocks the signals
// the director service handles in the threads that receive them, and the commands it runs
// inherit that), every confsync process starts with the default dispositions and nothing
// blocked.
for number in [SIGTERM, SIGINT, SIGHUP] { signal(number, SIG_DFL) }
var unblocked = sigset_t()
sigemptyset(&unblocked)
pthread_sigmask(SIG_SETMASK, &unblocked, nil)

// With the director service running, the commands it can run go through it (same output,
// same exit status); otherwise, and for every other command, they run here.
if let status = ServiceForwarding.forward(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
    exit(status)
}
// libgit2 starts on first use, on the thread that needs it. (It used to start on a
// background queue to overlap start-up; that thread raced the process's exit and crashed
// about 1 run in 50 of a short command, exit 139 after a correct verdict.)
Confsync.main()
