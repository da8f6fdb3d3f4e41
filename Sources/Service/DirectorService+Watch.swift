import Foundation

/// The watch mode (`watch after DURATION;`): after a change to a managed file and a quiet
/// period with no further change, validate, commit and deploy, as the schedule's sync does.
/// The directories of the managed files are watched with inotify; an overflow of the
/// kernel's queue counts as a change (the commit scans everything anyway).
extension DirectorService {
    func runWatch() {
        var inotify: Inotify?
        var watching: [String] = []
        var due: Date?
        while true {
            let settings = currentSettings()
            guard let quiet = settings.watchAfterMillis, !isStopping else {
                inotify = nil
                watching = []
                due = nil
                sleep(1)
                continue
            }
            if inotify == nil || watching != settings.watchPaths {
                do {
                    inotify = try Inotify()
                } catch {
                    ServiceLog.write(.error, "the watch mode cannot start: \(error)")
                    sleep(5)
                    continue
                }
                watching = settings.watchPaths
                for path in watching { Self.watch(path, with: inotify) }
                ServiceLog.write(.info, "watching \(watching.joined(separator: ", ")) (sync \(quiet) ms after the last change)")
                // What changed while nothing watched (before the start, or under other settings)
                // is looked at as a change of its own.
                due = Date().addingTimeInterval(Double(quiet) / 1000)
            }
            let timeout = due.map { max(0, Int32($0.timeIntervalSinceNow * 1000)) } ?? 1000
            let events = inotify?.wait(milliseconds: min(timeout, 1000)) ?? []
            for event in events where event.isDirectory && !event.overflow {
                inotify?.watch(event.path, recursive: true)
            }
            if events.contains(where: { $0.overflow || Self.isManaged($0.path, under: watching) }) {
                due = Date().addingTimeInterval(Double(quiet) / 1000)
            }
            if let deadline = due, Date() >= deadline {
                due = nil
                watchedSync()
            }
        }
    }

    /// A directory is watched with everything below it; a file through its directory.
    static func watch(_ path: String, with inotify: Inotify?) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            inotify?.watch(path, recursive: true)
        } else {
            inotify?.watch((path as NSString).deletingLastPathComponent, recursive: false)
        }
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
