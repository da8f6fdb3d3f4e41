import Foundation

/// Logged-in people, in memory (a restart of the service logs everyone out), and the
/// failed-login counts that slow down guessing.
final class SessionStore: @unchecked Sendable {
    struct Session: Sendable {
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

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    private var failures: [String: [Date]] = [:]

    init(idle: TimeInterval = 3600, absolute: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }

    /// A new session for `user`: its cookie token.
    func open(for user: String) -> (token: String, session: Session) {
        let now = Date()
        let session = Session(user: user, csrf: Self.randomToken(), lastSeen: now, created: now)
        let token = Self.randomToken()
        lock.lock()
        sessions = sessions.filter { !isExpired($0.value, at: now) }
        sessions[token] = session
        lock.unlock()
        return (token, session)
    }

    /// The live session of `token`, its idle time restarted; nil when unknown or expired.
    func session(_ token: String?) -> Session? {
        guard let token else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard var session = sessions[token] else { return nil }
        if isExpired(session, at: now) {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    func close(_ token: String?) {
        guard let token else { return }
        lock.lock()
        sessions[token] = nil
        lock.unlock()
    }

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
