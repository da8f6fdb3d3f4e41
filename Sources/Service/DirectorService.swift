import Deploy
import Director
import Foundation
import GitStore
import Operations
import Posix
import Validation

/// `confsync serve`: the director as a long-running service. It answers requests on a unix
/// socket, authorized by the caller's unix user (`Caller`, `ServiceAccess`), runs them one
/// at a time through the same operations as the command line, and syncs on the cluster
/// file's schedule (`sync every`). Each request opens the repository afresh, so the
/// repository and the nodes stay the only truth: a crash of the service loses nothing.
public final class DirectorService: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var repository: String
        public var root: String
        public var socketPath: String
        public var access: ServiceAccess
        /// The forwarded commands run in this process, on what the service keeps; the others
        /// (and all of them without it) run as a child.
        public var inProcess: (any InProcessCommands)?
        /// The command line's binary, which runs the other forwarded commands for callers:
        /// `confsync` beside the service's own binary (`confsync-director`).
        public var commandLine = Executable.sibling("confsync")

        public init(
            repository: String, root: String, socketPath: String, access: ServiceAccess = ServiceAccess(),
            inProcess: (any InProcessCommands)? = nil
        ) {
            self.repository = repository
            self.root = root
            self.socketPath = socketPath
            self.access = access
            self.inProcess = inProcess
        }
    }

    public let configuration: Configuration
    private let listener: UnixSocket
    /// One operation at a time: requests and the schedule queue here.
    let working = NSLock()
    /// The schedule's state, shared with `status` through the record file (`ServiceRecord`).
    let scheduleState = NSCondition()
    var record = ServiceRecord(pid: getpid())
    /// The last valid cluster file's schedule, kept while an invalid edit is in place.
    var settings = ScheduleSettings()
    /// Set by `reload()` (SIGHUP): the schedule re-reads the cluster file now.
    var reloadRequested = false
    /// Set by `stop()`: no new work starts.
    var stopping = false
    /// Forwarded commands running now (`stop()` waits for them).
    var runningCommands = 0
    /// The live cluster file (root + the repository's setting), whose changes the schedule
    /// looks for.
    let clusterFile: String
    /// What the service keeps between operations: live changes seen, the nodes' last known
    /// commit, node connections (`WarmState`).
    let warm: WarmState

    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        let directory = (configuration.socketPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let director = try DirectorRepository.open(repository: configuration.repository, root: configuration.root)
        clusterFile = RootPath.live(director.settings.clusterFile, root: configuration.root)
        warm = WarmState(root: configuration.root)
        // Anyone may connect; what a caller may do is decided from its credentials.
        listener = try ServiceError.translating { try UnixSocket.listen(at: configuration.socketPath, mode: 0o666) }
    }

    /// Accepts requests until the process ends; the schedule runs on a thread of its own.
    public func serve() {
        updateRecord { _ in }
        try? record.write(root: configuration.root)
        Thread { [self] in runSchedule() }.start()
        Thread { [self] in runWatch() }.start()
        Thread { [self] in runKeepAlive() }.start()
        ServiceLog.write(.notice, "serving \(configuration.repository) on \(configuration.socketPath)")
        while true {
            do {
                guard let connection = try ServiceError.translating({ try listener.accept() }) else { continue }
                Thread { [self] in handle(connection) }.start()
            } catch {
                ServiceLog.write(.error, "\(error)")
                usleep(100_000)
            }
        }
    }

    /// SIGTERM, SIGINT: no new work starts; the scheduled sync or request in flight ends
    /// (every node keeps one whole commit), commands run for callers get up to `grace` to
    /// end; then the socket and the record go and the process exits.
    public func stop(signal: Int32, grace: TimeInterval = 50) -> Never {
        ServiceLog.write(.notice, "signal \(signal): finishing the work in flight, then stopping")
        scheduleState.lock()
        stopping = true
        scheduleState.unlock()
        working.lock()
        let deadline = Date().addingTimeInterval(grace)
        scheduleState.lock()
        while runningCommands > 0 && Date() < deadline { _ = scheduleState.wait(until: deadline) }
        let abandoned = runningCommands
        scheduleState.unlock()
        unlink(configuration.socketPath)
        unlink(ServiceRecord.path(root: configuration.root))
        ServiceLog.write(
            .notice, abandoned == 0 ? "stopped" : "stopped; \(abandoned) command(s) run for callers were still running")
        exit(0)
    }

    // MARK: Requests

    private func handle(_ connection: UnixSocket) {
        let caller: Caller
        do {
            let peer = try ServiceError.translating { try connection.peer() }
            caller = Caller.identify(uid: peer.uid, gid: peer.gid, pid: peer.pid)
        } catch {
            ServiceLog.write(.warning, "a connection without credentials: \(error)")
            return
        }
        while let line = try? connection.readLine() {
            var hungUp = false
            respond(to: line, from: caller) { answer in
                guard !hungUp else { return }
                do { try connection.writeLine(answer) } catch { hungUp = true }
            }
            if hungUp { return }
        }
    }

    /// Answers one request line: one line, or for `run` the command's output frames and a
    /// last line. Never throws, never stops the service.
    func respond(to line: String, from caller: Caller, emit: (String) -> Void) {
        let request: ServiceRequest
        do {
            request = try JSONDecoder().decode(ServiceRequest.self, from: Data(line.utf8))
        } catch {
            ServiceLog.write(.warning, "bad request from uid \(caller.uid) (pid \(caller.pid)): \(error)")
            return emit(ServiceResponse.failure(ServiceError(.badRequest, "not a request of this service: \(error)")))
        }
        if request.op == .run && request.version == ServiceRequest.version {
            return runCommand(request, for: caller, emit: emit)
        }
        emit(respond(to: request, from: caller))
    }

    /// The response line for one request other than `run`.
    private func respond(to request: ServiceRequest, from caller: Caller) -> String {
        guard request.version == ServiceRequest.version else {
            return ServiceResponse.failure(
                ServiceError(.badRequest, "request version \(request.version); this service speaks \(ServiceRequest.version)"))
        }
        if let refusal = configuration.access.refusal(request.op, for: caller) {
            ServiceLog.write(.warning, "refused \(request.op.rawValue) for uid \(caller.uid) (pid \(caller.pid)): \(refusal)")
            return ServiceResponse.failure(ServiceError(.forbidden, refusal))
        }
        if isStopping { return ServiceResponse.failure(ServiceError(.failed, "the service is stopping")) }
        working.lock()
        defer { working.unlock() }
        do {
            let answer = try run(request, caller: caller)
            if request.op.changesAnything {
                ServiceLog.write(.info, "\(request.op.rawValue) for \(caller.user) (uid \(caller.uid)): done")
            }
            return answer
        } catch {
            ServiceLog.write(.warning, "\(request.op.rawValue) for \(caller.user) (uid \(caller.uid)) failed: \(error)")
            return ServiceResponse.failure(error as? ServiceError ?? ServiceError(.failed, "\(error)"))
        }
    }

    /// `run`: a CLI command line, checked against what the caller may do, run with the
    /// service's rights in this process (`InProcessCommands`), or when it does not parse by
    /// the command line's binary (`CommandRunner`), its output streamed back.
    private func runCommand(_ request: ServiceRequest, for caller: Caller, emit: (String) -> Void) {
        let arguments = request.arguments ?? []
        let command: ForwardedCommand
        switch ForwardedCommand.parse(arguments) {
        case .failure(let error):
            ServiceLog.write(.warning, "bad run request from uid \(caller.uid) (pid \(caller.pid)): \(error)")
            return emit(ServiceResponse.failure(error))
        case .success(let named): command = named
        }
        if let refusal = configuration.access.refusal(command, for: caller) {
            ServiceLog.write(.warning, "refused \(command.rawValue) for uid \(caller.uid) (pid \(caller.pid)): \(refusal)")
            return emit(ServiceResponse.failure(ServiceError(.forbidden, refusal)))
        }
        scheduleState.lock()
        let refused = stopping
        if !refused { runningCommands += 1 }
        scheduleState.unlock()
        if refused { return emit(ServiceResponse.failure(ServiceError(.failed, "the service is stopping"))) }
        defer {
            scheduleState.lock()
            runningCommands -= 1
            scheduleState.broadcast()
            scheduleState.unlock()
        }
        let withRoot = [arguments[0], "--root", configuration.root, "--repo", configuration.repository] + arguments.dropFirst()
        let before = warm.sessions.counts
        let status: Int32
        if let parsed = configuration.inProcess?.parse(withRoot) {
            status = runInProcess(
                parsed, changing: command.changesAnything, for: caller, terminal: request.terminal,
                directory: request.directory, emit: emit)
            // What it did to the nodes shows in `status` now, not at the schedule's next turn.
            recordWarmth()
        } else {
            // A command of the caller's may move the nodes (a deploy of another commit, say):
            // what the service knew of them is asked again.
            if command.changesAnything { warm.forgetNodes() }
            defer { if command.changesAnything { warm.forgetNodes() } }
            do {
                status = try CommandRunner(executable: configuration.commandLine).run(
                    withRoot, for: caller, terminal: request.terminal, directory: request.directory
                ) { emit($0.line) }
            } catch {
                ServiceLog.write(.error, "\(command.rawValue) for \(caller.user) (uid \(caller.uid)): \(error)")
                return emit(ServiceResponse.failure(error as? ServiceError ?? ServiceError(.failed, "\(error)")))
            }
        }
        let after = warm.sessions.counts
        let reused = after.reused - before.reused
        let opened = after.opened - before.opened
        if command.changesAnything || status != 0 || reused + opened > 0 {
            let nodes = reused + opened == 0 ? "" : "; nodes: \(reused) on kept connections, \(opened) new"
            ServiceLog.write(
                status == 0 ? .info : .notice, "\(command.rawValue) for \(caller.user) (uid \(caller.uid)): exit \(status)\(nodes)")
        }
        emit(ServiceFrame(ok: true, exit: status).line)
    }

    /// A command run in this process: one that changes anything one at a time with the
    /// schedule and the other requests (`working`), a read beside them. Its output frames
    /// go to `emit` as they come, from whichever thread prints them, one at a time.
    private func runInProcess(
        _ command: any InProcessCommand, changing: Bool, for caller: Caller, terminal: CallerTerminal,
        directory: String?, emit: (String) -> Void
    ) -> Int32 {
        if changing { working.lock() }
        defer { if changing { working.unlock() } }
        return withoutActuallyEscaping(emit) { emit in
            let frames = FrameSink(emit)
            return command.run(
                in: InProcessContext(
                    caller: caller.user, terminal: terminal, directory: directory.flatMap { $0.hasPrefix("/") ? $0 : nil },
                    warm: shared, send: { frames.send($0.line) }))
        }
    }

    private func run(_ request: ServiceRequest, caller: Caller) throws -> String {
        let director = try DirectorRepository.open(repository: configuration.repository, root: configuration.root)
        let operations = DirectorOperations(director)
        switch request.op {
        case .ping: return try ServiceResponse.success(["service": "confsync", "user": caller.user])
        case .status: return try ServiceResponse.success(try operations.status())
        case .log:
            return try ServiceResponse.success(try operations.log(LogRequest(path: request.path.flatMap(LogRequest.path(named:)), limit: request.limit)))
        case .schedule: return try ServiceResponse.success(currentRecord())
        case .commit:
            return try ServiceResponse.success(try commit(operations, request: request, caller: caller))
        case .deploy:
            return try ServiceResponse.success(try deploy(director, user: caller.user))
        case .run:
            throw ServiceError(.badRequest, "run is answered in frames")
        case .sync:
            if let settled = try nothingToDo(director) {
                return try ServiceResponse.success(
                    SyncResult(commit: CommitSummaryResult(outcome: .nothingToCommit, commit: nil, diagnostics: []),
                        deploy: DeploySummaryResult(settled)))
            }
            let committed = try commit(operations, request: request, caller: caller)
            let deployed = committed.outcome == .invalid ? nil : try deploy(director, user: caller.user)
            return try ServiceResponse.success(SyncResult(commit: committed, deploy: deployed))
        }
    }

    /// What the service knows when a sync has nothing to do (no live change since the last
    /// scan, every node at HEAD when last reached, recently): no scan, no node asked.
    func nothingToDo(_ director: DirectorRepository) throws -> WarmState.Settled? {
        guard let head = try director.head() else { return nil }
        return warm.nothingToDo(head: head.id.hex)
    }

    private func commit(_ operations: DirectorOperations, request: ServiceRequest, caller: Caller) throws -> CommitSummaryResult {
        guard let message = request.message, !message.isEmpty else {
            throw ServiceError(.badRequest, "\(request.op.rawValue) needs a message")
        }
        let author = try request.author.map { text in
            guard let signature = Signature.parse(text) else {
                throw ServiceError(.badRequest, "author must look like 'Name <email>', got '\(text)'")
            }
            return signature
        } ?? Signature.localUser(caller.user)
        return try commit(operations, CommitRequest(message: message, author: author))
    }

    /// Commits the live files, looking only at those that changed since the last scan when
    /// the watch can tell (`WarmState`); when they are valid, the service knows them
    /// committed as of the scan's start.
    func commit(_ operations: DirectorOperations, _ request: CommitRequest) throws -> CommitSummaryResult {
        Self.summary(try warm.commit(operations, request))
    }

    /// Deploys HEAD to every node, under the deploy lock, on the kept connections.
    func deploy(_ director: DirectorRepository, user: String) throws -> DeploySummaryResult {
        let before = warm.sessions.counts
        let report = try DirectorOperations(director).deploy(DeployOptions(user: user), warm: warm.sessions)
        warm.deployed(report)
        let after = warm.sessions.counts
        ServiceLog.write(
            .info,
            "deploy of \(report.commit.short) to \(report.outcomes.count) node(s): \(after.reused - before.reused) on kept "
                + "connections, \(after.opened - before.opened) new")
        return DeploySummaryResult(report)
    }

    /// The keepalive: sessions idle for a minute are asked for their state (the agent closes
    /// a connection after 120 s of silence); those of nodes no longer deployed to close.
    func runKeepAlive() {
        while true {
            sleep(15)
            warm.sessions.keepAlive(idleFor: 60, nodes: warm.lastTargets)
        }
    }

    static func summary(_ result: CommitResult) -> CommitSummaryResult {
        let diagnostics = result.diagnostics.map(\.description)
        switch result.outcome {
        case .committed(let commit, _): return CommitSummaryResult(outcome: .committed, commit: commit.id.hex, diagnostics: diagnostics)
        case .nothingToCommit:
            return CommitSummaryResult(
                outcome: .nothingToCommit, commit: result.committedWhileWaiting?.id.hex, diagnostics: diagnostics)
        case .invalid: return CommitSummaryResult(outcome: .invalid, commit: nil, diagnostics: diagnostics)
        }
    }
}
