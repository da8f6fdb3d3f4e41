import Foundation
import Posix

/// The records of one running deploy, each made durable as it is known: JSON lines appended
/// to `<repo>/confsync/deploys/<deployID>.jsonl` and synced, before the node's reference moves.
/// The file is locked (flock) for as long as the deploy runs, so that a reader tells a
/// running deploy from one whose director died (`LeftoverJournal`). Once the records are in
/// the deploy note, the file is removed; one left behind is folded into the notes by the
/// next deploy (`DeployLedger.recoverInterrupted`).
public final class DeployJournal {
    static let suffix = ".jsonl"

    let path: String
    private let fd: Int32

    public static func directory(repository: String) -> String { repository + "/confsync/deploys" }

    /// Creates the journal of `deployID`, locked: written and locked under a temporary
    /// name, then renamed, so that no reader ever sees it unlocked.
    public init(repository: String, deployID: String) throws {
        let directory = Self.directory(repository: repository)
        path = directory + "/" + deployID + Self.suffix
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw Self.error("cannot create the deploy journal directory \(directory)")
        }
        let temp = directory + "/." + deployID + ".tmp"
        fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.error("cannot create the deploy journal \(temp)") }
        do {
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw Self.error("cannot lock the deploy journal \(temp)") }
            guard rename(temp, path) == 0 else { throw Self.error("cannot rename \(temp) to \(path)") }
            try Self.syncDirectory(directory)
        } catch {
            unlink(temp)
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// Appends `records`' lines (one write, one sync).
    public func append(_ records: [EncodedRecord]) throws {
        guard !records.isEmpty else { return }
        let text = records.map { $0.line + "\n" }.joined()
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Self.error("cannot append to the deploy journal \(path)") }
            written += n
        }
        guard fdatasync(fd) == 0 else { throw Self.error("cannot sync the deploy journal \(path)") }
    }

    /// Removes the journal, its records being in the note (the lock goes with the descriptor).
    public func remove() throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.error("cannot remove the deploy journal \(path)") }
    }

    static func syncDirectory(_ directory: String) throws {
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw error("cannot open \(directory)") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw error("cannot sync \(directory)") }
    }

    static func error(_ what: String) -> LedgerError {
        LedgerError(.recording, "\(what): \(PosixError.text(errno))")
    }
}
