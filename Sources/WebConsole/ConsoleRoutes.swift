import Foundation
import HTTPTypes
import Hummingbird
import Operations
import PAM
import Service

/// The console's routes: who is asking (session cookie), whether they may (groups, CSRF),
/// then the page. Pages come from `Pages`; the core's work from `ConsoleActions`.
struct ConsoleRoutes: Sendable {
    let console: WebConsole
    static let cookie = "confsync_session"

    var actions: ConsoleActions {
        ConsoleActions(
            repository: console.configuration.repository, root: console.configuration.root, warm: console.configuration.warm,
            memo: console.memo)
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/login") { _, _ in Self.html(Pages.login(message: nil)) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, _ in
            let (fields, visitor) = try await form(request)
            guard let visitor, fields["csrf"] == visitor.session.csrf else { return Self.redirect("/login") }
            console.sessions.close(request.cookies[Self.cookie]?.value)
            var response = Self.redirect("/login")
            response.setCookie(Cookie(name: Self.cookie, value: "", maxAge: 0, path: "/", secure: console.configuration.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("/") { request, _ in
            try await page(request) { visitor in
                let overview = try await blocking { [actions] in try actions.overview() }
                return Pages.overview(overview, visitor: visitor)
            }
        }
        router.get("/log") { request, _ in
            try await page(request) { visitor in
                let query = LogQuery(request.uri.queryParameters)
                let entries = try await blocking { [actions] in try actions.log(query) }
                return Pages.log(entries, query: query, visitor: visitor)
            }
        }
        router.get("/commit/:id") { request, context in
            try await page(request) { visitor in
                let id = context.parameters.get("id") ?? ""
                let shown = try await blocking { [actions] in try actions.show(id) }
                return Pages.commit(shown, visitor: visitor)
            }
        }
        router.get("/files") { request, _ in
            try await page(request) { visitor in
                let paths = try await blocking { [actions] in try actions.managedPaths() }
                return Pages.files(paths.map(\.managed), visitor: visitor)
            }
        }
        router.get("/audit") { request, _ in
            try await page(request) { visitor in
                let page = request.uri.queryParameters["page"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
                let request = Self.auditRequest(request.uri.queryParameters)
                let events = try await blocking { [actions] in try actions.audit(request) }
                return Pages.audit(events, request: request, page: page, visitor: visitor)
            }
        }
        router.get("/audit.json") { request, _ in
            guard visitor(request) != nil else { return Self.redirect("/login") }
            let query = Self.auditRequest(request.uri.queryParameters)
            let events = try await blocking { [actions] in try actions.audit(query) }
            let lines = try events.reversed().map { try $0.json() }.joined(separator: "\n") + "\n"
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/x-ndjson", .cacheControl: "no-store",
                    .contentDisposition: "attachment; filename=\"confsync-audit.jsonl\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: lines)))
        }
        router.get("/file") { request, _ in
            try await page(request) { visitor in
                let (path, revision) = Self.fileQuery(request)
                let content = try await blocking { [actions] in try actions.file(path, at: revision) }
                return Pages.file(path, revision: revision, content: content, visitor: visitor)
            }
        }
        router.get("/blame") { request, _ in
            try await page(request) { visitor in
                let (path, revision) = Self.fileQuery(request)
                let lines = try await blocking { [actions] in try actions.blame(path, at: revision) }
                return Pages.blame(path, revision: revision, lines: lines, visitor: visitor)
            }
        }
        router.get("/edit") { request, _ in
            try await page(request) { visitor in
                let path = request.uri.queryParameters["path"].map(String.init) ?? ""
                let file = try await blocking { [actions] in try actions.editable(path) }
                return Pages.edit(file, diagnostics: nil, visitor: visitor)
            }
        }
        router.post("/edit") { request, _ in
            try await change(request) { fields, visitor in
                let path = fields["path"] ?? ""
                let content = (fields["content"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                let (file, diagnostics) = try await blocking { [actions] in try actions.save(path, content: content) }
                WebConsole.log(.info, "\(visitor.user) saved \(path) in the web console")
                return Pages.edit(file, diagnostics: diagnostics, visitor: visitor)
            }
        }
        router.post("/commit") { request, _ in
            try await change(request) { fields, visitor in
                let message = (fields["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !message.isEmpty else { return Pages.message("A commit needs a message.", visitor: visitor) }
                let allowWeakened = fields["allow-weakened"] == "1"
                let outcome = try await blocking { [actions] in
                    try actions.commit(message: message, user: visitor.user, allowWeakened: allowWeakened)
                }
                WebConsole.log(.info, "\(visitor.user) committed in the web console: \(outcome.headline)")
                return Pages.commitOutcome(outcome, visitor: visitor)
            }
        }
        addDeploy(to: router)
        addDrift(to: router)
        for kind in ConsoleActions.Restore.allCases {
            router.post("/\(kind.rawValue)/:id") { request, context in
                try await change(request) { _, visitor in
                    let id = context.parameters.get("id") ?? ""
                    let outcome = try await blocking { [actions] in try actions.restore(kind, id, user: visitor.user) }
                    WebConsole.log(.info, "\(visitor.user) \(kind.pastTense) \(id.prefix(7)) in the web console: \(outcome.headline)")
                    return Pages.commitOutcome(outcome, visitor: visitor)
                }
            }
        }
    }

    /// A managed file and a commit from the query: `path`, `rev` (default HEAD).
    static func fileQuery(_ request: Request) -> (path: String, revision: String) {
        let parameters = request.uri.queryParameters
        return (parameters["path"].map(String.init) ?? "", parameters["rev"].map(String.init) ?? "HEAD")
    }

    /// The audit's filters from a query: `node`, `path`, `since` (YYYY-MM-DD, UTC).
    static func auditRequest(_ parameters: Parameters) -> AuditRequest {
        let text = { (name: String) -> String? in
            parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        var since: Int64?
        if let day = text("since") {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            since = formatter.date(from: day).map { Int64($0.timeIntervalSince1970) }
        }
        return AuditRequest(since: since, node: text("node"), path: text("path"))
    }

    // MARK: Who is asking

    /// A logged-in person and what they may do.
    struct Visitor: Sendable {
        var session: SessionStore.Session
        var caller: Caller
        var mayChange: Bool
        var user: String { session.user }
        var csrf: String { session.csrf }
    }

    /// The visitor of `request`, or nil when not logged in (or no longer in either group).
    func visitor(_ request: Request) -> Visitor? {
        guard let session = console.sessions.session(request.cookies[Self.cookie]?.value),
            let caller = Caller.named(session.user), console.configuration.access.mayRead(caller)
        else { return nil }
        return Visitor(session: session, caller: caller, mayChange: console.configuration.access.mayChange(caller))
    }

    /// A page for a logged-in reader; the login page otherwise. A failure of the core is a
    /// page with its message, never a crash.
    func page(_ request: Request, _ render: (Visitor) async throws -> String) async throws -> Response {
        guard let visitor = visitor(request) else { return Self.redirect("/login") }
        do {
            return Self.html(try await render(visitor))
        } catch {
            return Self.html(Pages.message("\(error)", visitor: visitor), status: .unprocessableContent)
        }
    }

    /// A change: logged in, the form's CSRF token, and the write group; else refused.
    func change(_ request: Request, _ render: ([String: String], Visitor) async throws -> String) async throws -> Response {
        let (fields, visitor) = try await form(request)
        return try await change(fields, visitor, render)
    }

    func change(
        _ fields: [String: String], _ visitor: Visitor?, _ render: ([String: String], Visitor) async throws -> String
    ) async throws -> Response {
        if let refusal = refusal(fields, visitor) { return refusal }
        guard let visitor else { return Self.redirect("/login") }
        do {
            return Self.html(try await render(fields, visitor))
        } catch {
            return Self.html(Pages.message("\(error)", visitor: visitor), status: .unprocessableContent)
        }
    }

    /// The answer to a change that may not be made (not logged in, no CSRF token, not in the
    /// write group), or nil when it may.
    func refusal(_ fields: [String: String], _ visitor: Visitor?) -> Response? {
        guard let visitor else { return Self.redirect("/login") }
        guard let token = fields["csrf"], token == visitor.csrf else {
            WebConsole.log(.warning, "refused a change by \(visitor.user) without a valid CSRF token")
            return Self.html(Pages.message("This form has expired; reload the page and try again.", visitor: visitor), status: .forbidden)
        }
        guard visitor.mayChange else {
            WebConsole.log(.warning, "refused a change by \(visitor.user): not in group \(console.configuration.access.writeGroup)")
            return Self.html(
                Pages.message(
                    "\(visitor.user) may read but not change: that needs group \(console.configuration.access.writeGroup).",
                    visitor: visitor), status: .forbidden)
        }
        return nil
    }

    func form(_ request: Request) async throws -> ([String: String], Visitor?) {
        let body = try await request.body.collect(upTo: 4 << 20)
        return (Form.parse(String(buffer: body)), visitor(request))
    }

    // MARK: Login

    func login(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 10)
        let fields = Form.parse(String(buffer: body))
        let user = fields["user"] ?? ""
        let password = fields["password"] ?? ""
        let address = context.peer
        if console.sessions.isThrottled(user: user, address: address) {
            WebConsole.log(.warning, "login of '\(user)' from \(address) held back: too many failed logins")
            return Self.html(Pages.login(message: "Too many failed logins; wait a few minutes."), status: .tooManyRequests)
        }
        let authenticator = PAMAuthenticator(service: console.configuration.pamService)
        let failure = try await blocking { authenticator.authenticate(user: user, password: password) }
        if let failure {
            console.sessions.recordFailure(user: user, address: address)
            WebConsole.log(.warning, "failed login of '\(user)' from \(address): \(failure)")
            return Self.html(Pages.login(message: "Login failed."), status: .unauthorized)
        }
        guard let caller = Caller.named(user), console.configuration.access.mayRead(caller) else {
            WebConsole.log(.warning, "login of '\(user)' from \(address) refused: in neither group")
            let groups = "\(console.configuration.access.readGroup) or \(console.configuration.access.writeGroup)"
            return Self.html(Pages.login(message: "\(user) may not use the console: that needs group \(groups)."), status: .forbidden)
        }
        console.sessions.clearFailures(user: user)
        let (token, _) = console.sessions.open(for: user)
        WebConsole.log(.notice, "\(user) logged in from \(address)")
        var response = Self.redirect("/")
        response.setCookie(
            Cookie(
                name: Self.cookie, value: token, maxAge: Int(console.sessions.absolute), path: "/",
                secure: console.configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Responses

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        // No inline script (only the console's own file), no frames, forms and event streams
        // only back here: what an escaping slip could inject has nothing to run with.
        let policies = [
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; "
                    + "frame-ancestors 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
        ]
        for (name, value) in policies {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
