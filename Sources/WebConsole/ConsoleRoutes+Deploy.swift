import Foundation
import GitStore
import HTTPTypes
import Hummingbird

/// Deploys from the console: the preview (`POST /deploy` with `dry=1`), the deploy itself
/// (`POST /deploy`: started, then the browser is sent to its page, so that reloading the
/// page never deploys twice), its page (`/deploy/ID`) and its server-sent events
/// (`/deploy/ID/events`: `node` with a node's row as its phase changes (connecting,
/// planning, sending) and as it finishes, then `done`), and the script that follows them.
extension ConsoleRoutes {
    func addDeploy(to router: Router<ConsoleContext>) {
        router.post("/deploy") { request, _ in
            let (fields, visitor) = try await form(request)
            guard fields["dry"] == "1" else {
                if let refusal = refusal(fields, visitor) { return refusal }
                guard let visitor else { return Self.redirect("/login") }
                // From a preview: exactly the commit it showed, even if HEAD moved since.
                let commit: ObjectID?
                do {
                    commit = try ObjectID.parsing(fields["commit"].flatMap { $0.isEmpty ? nil : $0 }, "the previewed commit")
                } catch {
                    return Self.html(Pages.message("\(error)", visitor: visitor), status: .badRequest)
                }
                return Self.redirect("/deploy/\(startDeploy(visitor, commit: commit?.hex))")
            }
            return try await change(fields, visitor) { _, visitor in
                let report = try await blocking { [actions] in try actions.deploy(user: visitor.user, dryRun: true) }
                return Pages.deploy(report, dryRun: true, visitor: visitor)
            }
        }
        router.get("/deploy/:id") { request, context in
            guard let visitor = visitor(request) else { return Self.redirect("/login") }
            let id = context.parameters.get("id") ?? ""
            guard let deploy = console.deploys.snapshot(id) else { return unknownDeploy(visitor) }
            return Self.html(Pages.runningDeploy(id, deploy, visitor: visitor))
        }
        router.get("/deploy/:id/events") { request, context in
            guard let visitor = visitor(request) else { return Response(status: .unauthorized) }
            let id = context.parameters.get("id") ?? ""
            // A reconnecting browser says which event it had last; a page, which it has.
            let lastSeen = HTTPField.Name("Last-Event-ID").flatMap { request.headers[$0] }.flatMap { Int($0) }
            let from = max(request.uri.queryParameters["from"].flatMap { Int($0) } ?? 0, lastSeen.map { $0 + 1 } ?? 0)
            guard let events = console.deploys.events(id, from: from) else { return unknownDeploy(visitor) }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    for await (index, event) in events {
                        try await writer.write(ByteBuffer(string: Self.serverSentEvent(index, event)))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get(RouterPath(LiveScript.path)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: LiveScript.source)))
        }
    }

    /// Starts a deploy of `commit` (else HEAD) as `visitor`: its id.
    private func startDeploy(_ visitor: Visitor, commit: String?) -> String {
        let actions = self.actions
        return console.deploys.start(user: visitor.user) { row in
            do {
                let report = try actions.deploy(user: visitor.user, dryRun: false, commit: commit) { event in
                    switch event {
                    case .connecting(let node), .planning(let node): row(node, Pages.deployPhaseRow(node, phase: event.phase), false)
                    case .sending(let outcome): row(outcome.node, Pages.deployRow(outcome, sending: true), false)
                    case .finished(let outcome): row(outcome.node, Pages.deployRow(outcome), true)
                    }
                }
                WebConsole.log(.info, "\(visitor.user) deployed \(report.commit.short) from the web console")
                return Pages.deploySummary(report, dryRun: false)
            } catch {
                WebConsole.log(.warning, "a deploy by \(visitor.user) from the web console failed: \(error)")
                return Pages.deployFailure(error)
            }
        }
    }

    private func unknownDeploy(_ visitor: Visitor) -> Response {
        Self.html(
            Pages.message("No such deploy here (the console keeps the last \(DeployJobs.kept), for an hour): see the audit.", visitor: visitor),
            status: .notFound)
    }

    /// One event of the stream: its index as the id (a reconnect resumes after it), its kind,
    /// and its markup, one `data:` line per line.
    static func serverSentEvent(_ index: Int, _ event: DeployJobs.Event) -> String {
        let data = event.html.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
        return "id: \(index)\nevent: \(event.kind.rawValue)\n" + data.joined(separator: "\n") + "\n\n"
    }
}
