import Commands
import Foundation

ProcessStart.resetSignals()

// With the director service running, the commands it can run go through it (same output,
// same exit status); otherwise, and for every other command, they run here.
if let status = ServiceForwarding.forward(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
    exit(status)
}
// libgit2 starts on first use, on the thread that needs it. (It used to start on a
// background queue to overlap start-up; that thread raced the process's exit and crashed
// about 1 run in 50 of a short command, exit 139 after a correct verdict.)
Confsync.main()
