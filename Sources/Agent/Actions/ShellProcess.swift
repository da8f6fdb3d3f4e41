import Glibc
import Posix

/// `/bin/sh -c COMMAND` (or, for a plain command line, the program itself: see
/// `DirectCommand`) in its own process group, stdin from /dev/null, stdout and stderr into
/// one pipe, with a deadline.
enum ShellProcess {
    struct Outcome {
        /// Exit status; 128 + signal when killed; 127 when it could not start.
        var status: Int32
        var timedOut: Bool
    }

    /// Signals reset to their default action in the child (the agent may ignore some).
    private static let defaultedSignals = [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2]

    /// Runs `command`, handing output chunks to `output` as they arrive. When the shell exits
    /// while a background child keeps the pipe open, reading stops (after draining) instead
    /// of waiting for that child. Past `timeoutMillis` the whole process group is killed.
    /// `started` gets the process group's id (the first process's pid) once it exists.
    static func run(
        shell: String, command: String, environment: [String], timeoutMillis: Int,
        started: (pid_t) -> Void = { _ in }, output: ([UInt8]) -> Void
    ) -> Outcome {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            output(Array("confsync: pipe: \(PosixError.text(errno))\n".utf8))
            return Outcome(status: 127, timedOut: false)
        }
        let reader = FileDescriptor(raw: ends[0], path: "pipe")
        _ = fcntl(reader.raw, F_SETFD, FD_CLOEXEC)
        var pid = pid_t()
        let spawned: Int32
        do {
            // The write end is closed here as soon as the child has its copy.
            let writer = FileDescriptor(raw: ends[1], path: "pipe")
            _ = fcntl(writer.raw, F_SETFD, FD_CLOEXEC)
            let searchPath = environment.last { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) } ?? ""
            if let direct = DirectCommand(command, searchPath: searchPath),
                spawn(direct.program, arguments: direct.arguments, environment: environment, stdout: writer.raw, pid: &pid)
                    == 0
            {
                spawned = 0
            } else {
                spawned = spawn(shell, arguments: [shell, "-c", command], environment: environment, stdout: writer.raw, pid: &pid)
            }
        }
        guard spawned == 0 else {
            output(Array("confsync: cannot start \(shell): \(PosixError.text(spawned))\n".utf8))
            return Outcome(status: 127, timedOut: false)
        }
        started(pid)
        let (exitStatus, timedOut) = readOutput(
            reader, of: pid, deadline: Clock.monotonicMillis() + timeoutMillis, to: output)
        if timedOut { kill(-pid, SIGKILL) }
        return Outcome(status: decode(exitStatus ?? waitForExit(pid)), timedOut: timedOut)
    }

    /// Hands what `reader` yields to `output` until end of file, the deadline, or the exit of
    /// `pid` (noticed after 100 ms without output; what is buffered then is still read).
    /// Returns the wait status when the exit was noticed, and whether the deadline passed.
    private static func readOutput(
        _ reader: FileDescriptor, of pid: pid_t, deadline: Int, to output: ([UInt8]) -> Void
    ) -> (exitStatus: Int32?, timedOut: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var poller = pollfd(fd: reader.raw, events: Int16(POLLIN), revents: 0)
        func readChunk() -> Int {
            let count = buffer.withUnsafeMutableBytes { read(reader.raw, $0.baseAddress, $0.count) }
            if count > 0 { output(Array(buffer[0..<count])) }
            return count
        }
        while true {
            let remaining = deadline - Clock.monotonicMillis()
            if remaining <= 0 { return (nil, true) }
            if poll(&poller, 1, Int32(min(remaining, 100))) > 0 {
                let count = readChunk()
                if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return (nil, false) }
                continue
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                while poll(&poller, 1, 0) > 0 && readChunk() > 0 {}
                return (status, false)
            }
        }
    }

    /// Blocks until `pid` exits; its wait status.
    private static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// posix_spawn of `program`; 0 or an errno value.
    private static func spawn(
        _ program: String, arguments: [String], environment: [String], stdout: Int32, pid: inout pid_t
    ) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stdout, 2)
        // Descriptors the agent inherited without close-on-exec (from whatever started it)
        // would otherwise reach the command, and keep pipes open that its starter waits on.
        _ = SpawnCloseFrom.function?(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultedSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = CStringArray(arguments)
        let variables = CStringArray(environment)
        return posix_spawn(&pid, program, &actions, &attributes, argv.pointers, variables.pointers)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run
    /// time: without it, inherited descriptors that lack close-on-exec reach the command.
    private enum SpawnCloseFrom {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        static let function: Function? = {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(symbol, to: Function.self)
        }()
    }

    /// A wait(2) status as a shell would report it.
    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
