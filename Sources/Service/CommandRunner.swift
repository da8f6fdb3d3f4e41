import Foundation
import Glibc

/// Runs a forwarded command line (`ForwardedCommand`) for a caller: the command line's binary
/// as a child process, with the service's rights, on the service's repository and root, and
/// streams its output back as it comes. The child is the CLI itself, so the output and the
/// exit status are the ones the command prints and returns in-process; it knows who asked
/// from `CONFSYNC_SERVICE_CALLER` (the author of its commits, the user of its deploys).
struct CommandRunner: Sendable {
    let executable: String

    /// Runs `arguments` (after `confsync`, with the service's --root and --repo) for
    /// `caller`, whose `terminal` the child's output is for; `send` gets each frame of output. Returns the exit status (128 + the signal
    /// for a child killed by one). A caller that hangs up does not stop the command: a deploy
    /// goes on to its end, and its outcome is in the audit.
    func run(
        _ arguments: [String], for caller: Caller, terminal: CallerTerminal, directory: String?,
        send: (ServiceFrame) -> Void
    ) throws -> Int32 {
        let process = Process()
        if let directory, directory.hasPrefix("/") { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // The service's environment, less what names a user or a terminal: who asked is the caller.
        var environment = ProcessInfo.processInfo.environment.filter {
            !["SUDO_USER", "USER", "LOGNAME", "JOURNAL_STREAM", "CONFSYNC_COLOR", "CONFSYNC_LIVE", "NO_COLOR"].contains($0.key)
        }
        environment["CONFSYNC_SERVICE_CALLER"] = caller.user
        // The child does the work itself rather than asking the service again.
        environment["CONFSYNC_NO_SERVICE"] = "1"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        if terminal.color { environment["CONFSYNC_COLOR"] = "always" }
        if terminal.live { environment["CONFSYNC_LIVE"] = "always" }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ServiceError(.failed, "cannot start \(executable): \(error)")
        }
        // Only the child writes to the pipes now; our copies of the write ends would keep them open.
        try? output.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        var streams = [
            OutputStream(fd: output.fileHandleForReading.fileDescriptor, frame: { ServiceFrame(out: $0) }),
            OutputStream(fd: errors.fileHandleForReading.fileDescriptor, frame: { ServiceFrame(err: $0) }),
        ]
        while streams.contains(where: { !$0.finished }) {
            var polled = streams.map { pollfd(fd: $0.finished ? -1 : $0.fd, events: Int16(POLLIN), revents: 0) }
            if poll(&polled, nfds_t(polled.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in streams.indices where polled[index].revents != 0 {
                for frame in streams[index].drain() { send(frame) }
            }
        }
        process.waitUntilExit()
        withExtendedLifetime((output, errors)) {}
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// One of a child's output pipes: read in blocks, passed on in whole lines (so a multi-byte
/// character is never split, and a progress line arrives whole), the rest at its end.
private struct OutputStream {
    let fd: Int32
    let frame: (String) -> ServiceFrame
    var pending: [UInt8] = []
    var finished = false

    mutating func drain() -> [ServiceFrame] {
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { return [] }
        if n <= 0 {
            finished = true
            defer { pending.removeAll() }
            return pending.isEmpty ? [] : [frame(String(decoding: pending, as: UTF8.self))]
        }
        pending.append(contentsOf: block[..<n])
        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else {
            // A very long line without its end yet: pass it on rather than hold it all.
            guard pending.count > 1 << 20 else { return [] }
            defer { pending.removeAll() }
            return [frame(String(decoding: pending, as: UTF8.self))]
        }
        let lines = String(decoding: pending[...lastNewline], as: UTF8.self)
        pending.removeSubrange(...lastNewline)
        return [frame(lines)]
    }
}
