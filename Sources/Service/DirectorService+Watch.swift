import Foundation
import Posix

/// The watch: inotify on the directories of the managed files (and the cluster file), always
/// on, so that the service knows which live files changed since its last scan
/// (`WarmState`). With the watch mode (`watch after DURATION;`), after a change and a quiet
/// period with no further change it validates, commits and deploys, as the schedule's sync
/// does. An overflow of the kernel's queue, or a watched directory that goes, counts as a
/// change and the directories are watched again.
extension DirectorService {
    func runWatch() {
        var inotify: Inotify?
        var watching: [String]?
        var complete = false
        var started = Date.distantPast
        var mode: Int?
        var due: Date?
        while true {
            let settings = currentSettings()
            let paths = settings.watchPaths.isEmpty ? [] : Array(Set(settings.watchPaths + [clusterFile])).sorted()
            // Nothing to watch yet (the cluster file not read, or invalid): nothing is known.
            guard !paths.isEmpty else {
                inotify = nil
                watching = nil
                warm.watchStarted(nil, covering: false, paths: [])
                usleep(100_000)
                continue
            }
            // (Re)start: new paths, a lost watch, or, while some directory could not be
            // watched (not there yet?), once a minute.
            if inotify == nil || watching != paths || (!complete && Date().timeIntervalSince(started) >= 60) {
                inotify = nil
                do {
                    inotify = try ServiceError.translating { try Inotify() }
                } catch {
                    ServiceLog.write(.error, "the watch cannot start: \(error)")
                    warm.watchStarted(nil, covering: false, paths: [])
                    sleep(5)
                    continue
                }
                watching = paths
                started = Date()
                complete = true
                for path in paths { complete = Self.watch(path, with: inotify) && complete }
                warm.watchStarted(inotify, covering: complete, paths: paths)
                // What changed while nothing watched is looked at as a change of its own.
                if let quiet = settings.watchAfterMillis { due = Date().addingTimeInterval(Double(quiet) / 1000) }
            }
            if settings.watchAfterMillis != mode {
                mode = settings.watchAfterMillis
                if let quiet = mode {
                    ServiceLog.write(.info, "watching \(paths.joined(separator: ", ")) (sync \(quiet) ms after the last change)")
                    due = Date().addingTimeInterval(Double(quiet) / 1000)
                } else {
                    due = nil
                }
            }
            let timeout = due.map { max(0, Int32($0.timeIntervalSinceNow * 1000)) } ?? 1000
            // The events are read and noted by `warm` (new directories watched there too),
            // which also reads them before every scan.
            if inotify?.waitReadable(milliseconds: min(timeout, 1000)) == true, warm.drain(), let quiet = mode {
                due = Date().addingTimeInterval(Double(quiet) / 1000)
            }
            if warm.takeLost() { watching = nil }
            if let deadline = due, Date() >= deadline, !isStopping {
                due = nil
                watchedSync()
            }
        }
    }

    /// A directory is watched with everything below it; a file through its directory. False
    /// when some directory could not be watched.
    static func watch(_ path: String, with inotify: Inotify?) -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return inotify?.watch(path, recursive: true) ?? false
        }
        return inotify?.watch((path as NSString).deletingLastPathComponent, recursive: false) ?? false
    }

    static func isManaged(_ path: String, under watched: [String]) -> Bool {
        watched.contains { path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// Commits the live files if they changed and are valid, and deploys what it committed.
    func watchedSync() {
        let (sentence, succeeded, started) = sync(message: "Watched change", deployWhenUnchanged: false)
        updateRecord {
            $0.watch?.lastRun = started
            $0.watch?.lastResult = sentence
            $0.watch?.lastSucceeded = succeeded
        }
    }
}
