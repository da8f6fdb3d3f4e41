import Foundation
import Posix
import Transport

/// Logged-in people, and the failed-login counts that slow down guessing. With a `file`,
/// the sessions outlive a restart of the service: they are kept there (mode 0600, written
/// whole and renamed into place: `WholeFile.write`) by the SHA-256 of their cookie token, never the token, so
/// that the file does not log anyone in. Under `/run` it goes with a reboot.
final class SessionStore: @unchecked Sendable {
    struct Session: Sendable, Codable {
        var user: String
        /// The token every change must carry (forms' hidden `csrf` field).
        var csrf: String
        var lastSeen: Date
        let created: Date
    }

    /// Idle and absolute lifetimes.
    let idle: TimeInterval
    let absolute: TimeInterval
    /// At most `maxFailures` failed logins per user and per address in `failureWindow`.
    let maxFailures = 5
    let failureWindow: TimeInterval = 600

    /// A session's idle time is written to the file at most this often (a restart may so
    /// end a session up to this much earlier than it would have, never later).
    static let lastSeenWrites: TimeInterval = 60

    private let lock = NSLock()
    /// By the hash of their token (`key`).
    private var sessions: [String: Session] = [:]
    private var written: Date = .distantPast
    private var failures: [String: [Date]] = [:]
    private let file: String?

    /// Sessions kept in `file` (read now) when one is given, else in memory only.
    init(idle: TimeInterval = 3600, absolute: TimeInterval = 12 * 3600, file: String? = nil) {
        self.idle = idle
        self.absolute = absolute
        self.file = file
        let now = Date()
        if let file, let data = FileManager.default.contents(atPath: file),
            let kept = try? JSONDecoder().decode([String: Session].self, from: data)
        {
            sessions = kept.filter { !isExpired($0.value, at: now) }
        }
    }

    /// A new session for `user`: its cookie token.
    func open(for user: String) -> (token: String, session: Session) {
        let now = Date()
        let session = Session(user: user, csrf: Self.randomToken(), lastSeen: now, created: now)
        let token = Self.randomToken()
        lock.lock()
        defer { lock.unlock() }
        sessions = sessions.filter { !isExpired($0.value, at: now) }
        if let key = Self.key(token) { sessions[key] = session }
        save(now)
        return (token, session)
    }

    /// The live session of `token`, its idle time restarted; nil when unknown or expired.
    func session(_ token: String?) -> Session? {
        guard let token, let key = Self.key(token) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard var session = sessions[key] else { return nil }
        if isExpired(session, at: now) {
            sessions[key] = nil
            save(now)
            return nil
        }
        session.lastSeen = now
        sessions[key] = session
        if now.timeIntervalSince(written) > Self.lastSeenWrites { save(now) }
        return session
    }

    func close(_ token: String?) {
        guard let token, let key = Self.key(token) else { return }
        lock.lock()
        defer { lock.unlock() }
        sessions[key] = nil
        save(Date())
    }

    /// What a session is kept by: the SHA-256 of its token; nil if OpenSSL could not hash
    /// (then no session matches).
    static func key(_ token: String) -> String? {
        let digest = Digest.hash(.sha256, Array(token.utf8))
        return digest.isEmpty ? nil : Digest.hex(digest)
    }

    /// Writes the sessions to the file (under the lock). A failure costs only the sessions'
    /// survival of a restart: the console goes on, and says so in the journal once.
    private func save(_ now: Date) {
        guard let file else { return }
        written = now
        do {
            try WholeFile.write(
                Array(try JSONEncoder().encode(sessions)), to: file, mode: 0o600, durable: false, creatingDirectories: false)
            saveFailed = false
        } catch {
            if !saveFailed { WebConsole.log(.warning, "sessions will not outlive a restart: \(error)") }
            saveFailed = true
        }
    }

    private var saveFailed = false

    private func isExpired(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) > idle || now.timeIntervalSince(session.created) > absolute
    }

    /// Whether logins for `user` from `address` are held back for now (too many failures).
    func isThrottled(user: String, address: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let since = Date().addingTimeInterval(-failureWindow)
        return ["user:" + user, "address:" + address].contains { key in
            (failures[key] ?? []).filter { $0 > since }.count >= maxFailures
        }
    }

    func recordFailure(user: String, address: String) {
        lock.lock()
        defer { lock.unlock() }
        let since = Date().addingTimeInterval(-failureWindow)
        for key in ["user:" + user, "address:" + address] {
            failures[key] = (failures[key] ?? []).filter { $0 > since } + [Date()]
        }
    }

    func clearFailures(user: String) {
        lock.lock()
        failures["user:" + user] = nil
        lock.unlock()
    }

    /// 32 random bytes as hex (the system's CSPRNG).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
