import Glibc
import Posix

/// Runs outbox commands the way csync2 runs actions: `/bin/sh -c` with `%%` replaced by the
/// changed live paths, output appended to the action's logfile (at most `logBytes` of it per
/// run: see `LogWindow`).
struct ActionRunner {
    /// Live root ("/" in production).
    var root: String
    var shell: String
    /// For commands without a timeout of their own.
    var timeoutMillis: Int
    var tailBytes: Int
    var logBytes: Int
    /// Told the process group of each command while it runs.
    var tracker: RunTracker

    /// What one command needs to know about its deploy.
    struct Deploy {
        var deployID: String
        var commit: String
        var afterRollback: Bool
    }

    /// Runs `command`. Never throws: a logfile or start problem shows up in the result.
    func run(_ command: OutboxCommand, for deploy: Deploy) -> ActionResult {
        let line = Self.substitute(command.command, paths: command.paths.map(livePath))
        var log: FileDescriptor?
        var tail = [UInt8]()
        func keep(_ chunk: [UInt8]) {
            tail += chunk
            if tail.count > 2 * tailBytes { tail.removeFirst(tail.count - tailBytes) }
        }
        if let logfile = command.logfile {
            do { log = try openLog(logfile) } catch {
                keep(Array("confsync: logfile: \(AgentError.from(error).map(String.init(describing:)) ?? "\(error)")\n".utf8))
            }
        }
        // The log is best effort: a full disk there must not fail the deploy.
        let rollbackNote = deploy.afterRollback ? " (after rollback)" : ""
        let header = "--- \(Clock.timestamp()) deploy \(deploy.deployID) commit \(deploy.commit)\(rollbackNote): "
        try? log?.write(Array((header + line + "\n").utf8))
        let timeoutMillis = command.timeoutMillis ?? self.timeoutMillis
        var window = LogWindow(limit: logBytes)
        let started = Clock.monotonicMillis()
        let tag = tracker.starting(deployID: deploy.deployID, index: command.index)
        let outcome = ShellProcess.run(
            shell: shell, command: line, environment: environment(deploy) + [tag], timeoutMillis: timeoutMillis,
            started: tracker.started
        ) { chunk in
            keep(chunk)
            let now = window.take(chunk)
            if !now.isEmpty { try? log?.write(Array(now)) }
        }
        tracker.finished()
        let duration = Clock.monotonicMillis() - started
        let rest = window.finish()
        if !rest.isEmpty { try? log?.write(rest) }
        let timeoutNote = outcome.timedOut ? ", killed after the \(timeoutMillis) ms timeout" : ""
        try? log?.write(Array("--- exit \(outcome.status)\(timeoutNote) (\(duration) ms)\n".utf8))
        return ActionResult(
            pattern: command.pattern, command: command.command, exitStatus: outcome.status,
            outputTail: String(decoding: tail.suffix(tailBytes), as: UTF8.self), durationMillis: duration,
            timedOut: outcome.timedOut, afterRollback: deploy.afterRollback)
    }

    /// `command` with each `%%` replaced by `paths`, space separated, shell-quoted when needed.
    static func substitute(_ command: String, paths: [String]) -> String {
        command.replacing("%%", with: paths.map(quote).joined(separator: " "))
    }

    /// `text` as one shell word: unchanged when it has only safe characters, else single-quoted.
    static func quote(_ text: String) -> String {
        // `=` is harmless here: a live path starts with `/`, so it never reads as an assignment.
        let safe = text.utf8.allSatisfy { $0 == UInt8(ascii: "=") || DirectCommand.isPlain($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }

    private func livePath(_ path: String) -> String {
        root == "/" ? path : root + path
    }

    /// The agent's environment without CONFSYNC_* variables, plus this deploy's.
    private func environment(_ deploy: Deploy) -> [String] {
        var variables = [String]()
        var index = 0
        while let entry = environ[index] {
            let variable = String(cString: entry)
            if !variable.hasPrefix("CONFSYNC_") { variables.append(variable) }
            index += 1
        }
        if !variables.contains(where: { $0.hasPrefix("PATH=") }) {
            variables.append("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        }
        variables += [
            "CONFSYNC_DEPLOY_ID=\(deploy.deployID)", "CONFSYNC_COMMIT=\(deploy.commit)", "CONFSYNC_ROOT=\(root)",
            "CONFSYNC_ROLLBACK=\(deploy.afterRollback ? "1" : "0")",
        ]
        return variables
    }

    /// Opens `logfile` (under the root, no symlinked parent) for appending, creating its directory.
    private func openLog(_ logfile: String) throws -> FileDescriptor {
        let location = ManagedPath(unchecked: logfile)
        var walker = DirectoryWalker(root: try Directory.open(root))
        var created = [String]()
        guard let directory = try walker.open(location.parent, creating: true, created: &created) else {
            throw AgentError(.io, "\(livePath(location.parentPath)) cannot be created")
        }
        return try directory.openForAppend(location.name, mode: 0o640)
    }
}
