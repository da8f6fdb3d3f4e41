import ClusterConfig
import Deploy
import Director
import Foundation
import GitStore
import Operations
import Posix
import Validation

/// What the schedule runs, from the cluster file's `confsync { }` block.
struct ScheduleSettings: Equatable, Sendable {
    var syncEveryMillis: Int?
    var driftCheckEveryMillis: Int?
    /// The watch mode's quiet period, and the live paths it watches (the literal part of
    /// each include pattern of this director's groups, under the root).
    var watchAfterMillis: Int?
    var watchPaths: [String] = []
}

/// The schedule: `sync every` (commit the live files if they are valid, deploy) and
/// `drift-check every` (ask the nodes, report, never overwrite). One thread; it re-reads
/// the cluster file when the file changed (its stat, looked at every round), at least once
/// a minute (a file it includes may have changed), and at once on SIGHUP (`reload()`). An
/// invalid edit of the cluster file keeps the last good settings running and is reported
/// (journal, `status`).
extension DirectorService {
    func runSchedule() {
        var nextSync: Date?
        var nextDriftCheck: Date?
        var stamp: FileStamp?
        var lastRead = Date.distantPast
        var reloading = true
        var settings = ScheduleSettings()
        while true {
            let current = FileStamp(of: clusterFile)
            if reloading || current != stamp || Date().timeIntervalSince(lastRead) >= 60 {
                settings = readSettings()
                stamp = current
                lastRead = Date()
            }
            nextSync = Self.next(nextSync, every: settings.syncEveryMillis)
            nextDriftCheck = Self.next(nextDriftCheck, every: settings.driftCheckEveryMillis)
            recordWarmth()
            updateRecord {
                $0.syncEverySeconds = settings.syncEveryMillis.map { $0 / 1000 }
                $0.driftCheckEverySeconds = settings.driftCheckEveryMillis.map { $0 / 1000 }
                $0.watchAfterMillis = settings.watchAfterMillis
                $0.watch = settings.watchAfterMillis == nil ? nil : ($0.watch ?? ServiceRecord.Run())
                $0.sync = settings.syncEveryMillis == nil ? nil : ($0.sync ?? ServiceRecord.Run())
                $0.driftCheck = settings.driftCheckEveryMillis == nil ? nil : ($0.driftCheck ?? ServiceRecord.Run())
                $0.sync?.nextRun = nextSync.map { Int64($0.timeIntervalSince1970) }
                $0.driftCheck?.nextRun = nextDriftCheck.map { Int64($0.timeIntervalSince1970) }
            }
            if let due = nextSync, Date() >= due, !isStopping {
                scheduledSync()
                nextSync = settings.syncEveryMillis.map { Date().addingTimeInterval(Double($0) / 1000) }
                continue
            }
            if let due = nextDriftCheck, Date() >= due, !isStopping {
                scheduledDriftCheck()
                nextDriftCheck = settings.driftCheckEveryMillis.map { Date().addingTimeInterval(Double($0) / 1000) }
                continue
            }
            // Sleep until the next run is due, a second at most (an edit of the cluster file
            // is seen within it), or until SIGHUP.
            let wake = [nextSync, nextDriftCheck, Date().addingTimeInterval(1)].compactMap { $0 }.min() ?? Date()
            scheduleState.lock()
            while !reloadRequested && Date() < wake { _ = scheduleState.wait(until: wake) }
            reloading = reloadRequested
            reloadRequested = false
            scheduleState.unlock()
        }
    }

    /// What tells that a file changed without reading it: inode, size, modification and
    /// change times (nanoseconds); nil when it cannot be stat'ed.
    struct FileStamp: Equatable {
        var inode: UInt64, size: Int64, modified: timespec, changed: timespec

        init?(of path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        static func == (a: FileStamp, b: FileStamp) -> Bool {
            a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
                && a.modified.tv_nsec == b.modified.tv_nsec && a.changed.tv_sec == b.changed.tv_sec
                && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    /// What the service knows, for `status` (`WarmState.summary`). Not through
    /// `updateRecord`'s closure: with a closure setting these two fields, Swift 6.3.1's
    /// optimizer had not finished compiling this module in release mode after 15 minutes
    /// (2026-12-07; it compiles in seconds this way).
    @inline(never)
    func recordWarmth() {
        let warmth = warm.summary
        scheduleState.lock()
        let differs = record.watchCovers != warmth.covering || record.knownNodes != warmth.nodes
        record.watchCovers = warmth.covering
        record.knownNodes = warmth.nodes
        let changed = record
        scheduleState.unlock()
        if differs { write(changed) }
    }

    /// A run's time: the one already planned, else one period from now; nil when unscheduled.
    static func next(_ planned: Date?, every millis: Int?) -> Date? {
        guard let millis else { return nil }
        return planned ?? Date().addingTimeInterval(Double(millis) / 1000)
    }

    /// SIGHUP: re-read the cluster file now.
    public func reload() {
        ServiceLog.write(.notice, "SIGHUP: re-reading the cluster file")
        // Keys may have been replaced: new connections, the identity read again.
        warm.sessions.forget()
        scheduleState.lock()
        reloadRequested = true
        scheduleState.signal()
        scheduleState.unlock()
    }

    /// The schedule settings of the live cluster file; when it is invalid, the last good ones
    /// (and the error, once per distinct error, to the journal).
    func readSettings() -> ScheduleSettings {
        let read: Result<ScheduleSettings, ServiceError>
        do {
            let director = try DirectorRepository.open(repository: configuration.repository, root: configuration.root)
            let (cluster, diagnostics) = try director.liveCluster()
            if let error = diagnostics.first(where: { $0.severity == .error }) {
                read = .failure(ServiceError(.failed, error.headline))
            } else {
                let prefixes = cluster.groups(containing: director.settings.host).flatMap(\.includes).map(\.staticPrefix)
                read = .success(
                    ScheduleSettings(
                        syncEveryMillis: cluster.syncEveryMillis, driftCheckEveryMillis: cluster.driftCheckEveryMillis,
                        watchAfterMillis: cluster.watchAfterMillis,
                        watchPaths: Array(Set(prefixes.filter { $0.hasPrefix("/") }.map { RootPath.live($0, root: configuration.root) }))
                            .sorted()))
            }
        } catch {
            read = .failure(ServiceError(.failed, "\(error)"))
        }
        scheduleState.lock()
        defer { scheduleState.unlock() }
        switch read {
        case .success(let fresh):
            if record.clusterFileError != nil { ServiceLog.write(.notice, "the cluster file is valid again; its schedule applies") }
            if fresh != settings { ServiceLog.write(.info, "schedule: \(Self.describe(fresh))") }
            record.clusterFileError = nil
            settings = fresh
        case .failure(let failure):
            let error = failure.message
            if record.clusterFileError != error {
                ServiceLog.write(.error, "the cluster file is invalid; keeping the last good schedule (\(Self.describe(settings))): \(error)")
            }
            record.clusterFileError = error
        }
        return settings
    }

    static func describe(_ settings: ScheduleSettings) -> String {
        let sync = settings.syncEveryMillis.map { "sync every \($0 / 1000)s" } ?? "no scheduled sync"
        let drift = settings.driftCheckEveryMillis.map { "drift check every \($0 / 1000)s" } ?? "no drift check"
        let watch = settings.watchAfterMillis.map { "watch mode, \($0) ms quiet" } ?? "no watch mode"
        return sync + ", " + drift + ", " + watch
    }

    var isStopping: Bool {
        scheduleState.lock()
        defer { scheduleState.unlock() }
        return stopping
    }

    func currentRecord() -> ServiceRecord {
        scheduleState.lock()
        defer { scheduleState.unlock() }
        return record
    }

    /// Changes the record and writes it for `status`.
    func updateRecord(_ change: (inout ServiceRecord) -> Void) {
        scheduleState.lock()
        var changed = record
        change(&changed)
        let differs = changed != record
        record = changed
        scheduleState.unlock()
        if differs { write(changed) }
    }

    /// Writes `record` for `status`; a failure costs a status line, so it is only logged.
    private func write(_ record: ServiceRecord) {
        do {
            try record.write(root: configuration.root)
        } catch {
            ServiceLog.write(.warning, "cannot write \(ServiceRecord.path(root: configuration.root)): \(error)")
        }
    }

    func currentSettings() -> ScheduleSettings {
        scheduleState.lock()
        defer { scheduleState.unlock() }
        return settings
    }

    /// `sync every`: commits the live files if they are valid, then deploys. An invalid live
    /// change is not committed; the result says why until it is fixed.
    func scheduledSync() {
        let (sentence, succeeded, started) = sync(message: "Scheduled sync", deployWhenUnchanged: true)
        updateRecord {
            $0.sync?.lastRun = started
            $0.sync?.lastResult = sentence
            $0.sync?.lastSucceeded = succeeded
        }
    }

    /// Commits the live files (author `confsync schedule`) if they are valid and deploys
    /// (with nothing to commit only if `deployWhenUnchanged`, to catch up nodes). What it
    /// did in a sentence, whether every node is at the commit, and when it started.
    func sync(message: String, deployWhenUnchanged: Bool) -> (sentence: String, succeeded: Bool, started: Int64) {
        working.lock()
        defer { working.unlock() }
        let started = Int64(Date().timeIntervalSince1970)
        let what = message.lowercased()
        var sentence: String
        var succeeded = false
        do {
            let director = try DirectorRepository.open(repository: configuration.repository, root: configuration.root)
            let author = Signature.now(name: "confsync schedule", email: "confsync@\(ProcessInfo.processInfo.hostName)")
            if deployWhenUnchanged, let settled = try nothingToDo(director) {
                sentence = "nothing to commit; \(settled.nodes.count)/\(settled.nodes.count) node(s) at \(settled.head.prefix(7))"
                    + " when last reached (\(Self.clock(settled.checked))): nothing changed since"
                ServiceLog.write(.info, "\(what): \(sentence)")
                return (sentence, true, started)
            }
            let committed = try commit(DirectorOperations(director), CommitRequest(message: message, author: author))
            if committed.outcome == .invalid {
                sentence = "the live files are invalid and were not committed: " + committed.diagnostics.joined(separator: "; ")
                ServiceLog.write(.error, "\(what): \(sentence)")
            } else if committed.outcome != .committed && !deployWhenUnchanged {
                sentence = "nothing to commit"
                succeeded = true
                ServiceLog.write(.info, "\(what): \(sentence)")
            } else {
                let deployed = try deploy(director, user: "confsync schedule")
                let behind = deployed.nodes.filter { $0.status != "deployed" && $0.status != "up-to-date" }
                sentence =
                    (committed.outcome == .committed ? "committed \(committed.commit?.prefix(7) ?? ""); " : "nothing to commit; ")
                    + "\(deployed.nodes.count - behind.count)/\(deployed.nodes.count) node(s) at \(deployed.commit.prefix(7))"
                    + (behind.isEmpty ? "" : " (behind: \(behind.map(\.node).joined(separator: ", ")))")
                succeeded = behind.isEmpty
                ServiceLog.write(behind.isEmpty ? .info : .warning, "\(what): \(sentence)")
            }
        } catch {
            sentence = "failed: \(error)"
            ServiceLog.write(.error, "\(what) \(sentence)")
        }
        return (sentence, succeeded, started)
    }

    /// A time of day for the journal, e.g. 06:30:00 (UTC).
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) % 86_400
        return String(format: "%02d:%02d:%02d UTC", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// `drift-check every`: asks every node which managed files differ from the commit it
    /// has; reports (journal, `status`), never overwrites.
    func scheduledDriftCheck() {
        let started = Int64(Date().timeIntervalSince1970)
        var sentence: String
        var succeeded = false
        do {
            let director = try DirectorRepository.open(repository: configuration.repository, root: configuration.root)
            let statuses = try NodeInspector(director: director, nodes: []).inspect(drift: true, warm: warm.sessions)
            let unreachable = statuses.filter { !$0.reachable }.map(\.node)
            let drifted = statuses.compactMap { status -> String? in
                guard let drift = status.drift, !drift.isEmpty else { return nil }
                return "\(status.node): " + drift.map(\.path).joined(separator: ", ")
            }
            sentence = drifted.isEmpty ? "no drift on \(statuses.count - unreachable.count) node(s)" : "drift on " + drifted.joined(separator: "; ")
            if !unreachable.isEmpty { sentence += "; unreachable: " + unreachable.joined(separator: ", ") }
            succeeded = drifted.isEmpty && unreachable.isEmpty
            ServiceLog.write(succeeded ? .info : .warning, "drift check: \(sentence)")
        } catch {
            sentence = "failed: \(error)"
            ServiceLog.write(.error, "drift check \(sentence)")
        }
        updateRecord {
            $0.driftCheck?.lastRun = started
            $0.driftCheck?.lastResult = sentence
            $0.driftCheck?.lastSucceeded = succeeded
        }
    }
}
