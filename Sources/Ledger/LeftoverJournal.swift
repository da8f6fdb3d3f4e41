import Foundation

/// A deploy journal found in the repository: the deploy still runs (its file is locked), or
/// its director died before the records reached the note.
struct LeftoverJournal {
    let path: String
    let records: [DeployRecord]
    let running: Bool

    /// Every journal in `repository`, oldest deploy first.
    static func all(repository: String) throws -> [LeftoverJournal] {
        let directory = DeployJournal.directory(repository: repository)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            throw LedgerError(.recording, "cannot list the deploy journals in \(directory): \(error)")
        }
        return try names.filter { $0.hasSuffix(DeployJournal.suffix) }.sorted().compactMap {
            try read(directory + "/" + $0)
        }
    }

    /// Removes the temporary files of journals whose deploy died while creating them
    /// (unlocked, and older than a minute: one being created now is left alone).
    static func removeAbandonedTemporaries(repository: String) {
        let directory = DeployJournal.directory(repository: repository)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let minuteAgo = Date().addingTimeInterval(-60)
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let path = directory + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            guard let modified, modified < minuteAgo else { continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
        }
    }

    /// The journal at `path`; nil if it went away meanwhile (its deploy finished).
    static func read(_ path: String) throws -> LeftoverJournal? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 && errno == ENOENT { return nil }
        guard fd >= 0 else { throw DeployJournal.error("cannot open the deploy journal \(path)") }
        defer { close(fd) }
        let running = flock(fd, LOCK_SH | LOCK_NB) != 0
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return LeftoverJournal(
            path: path, records: DeployRecord.parseLines(String(decoding: data, as: UTF8.self)), running: running)
    }

    /// The records as they stand: per node the most final one; a node still in flight in a
    /// deploy that no longer runs was interrupted.
    var settled: [DeployRecord] {
        DeployRecord.settled(records).map { record in
            guard record.status == .inFlight, !running else { return record }
            var interrupted = record
            interrupted.status = .interrupted
            interrupted.message = "the director stopped before \(record.node)'s result came back; "
                + "the next deploy finds where the node is"
            return interrupted
        }
    }
}
