import Hummingbird
import Posix

/// The drift pages: `/drift`, `/drift/NODE`, and the changes made from them (adopt a file,
/// overwrite a node's drift), each with the form's CSRF token and the write group.
extension ConsoleRoutes {
    func addDrift(to router: Router<ConsoleContext>) {
        router.get("/drift") { request, _ in
            try await page(request) { visitor in
                let result = try await blocking { [actions] in try actions.drift() }
                return Pages.drift(result, single: nil, visitor: visitor)
            }
        }
        router.get("/drift/:node") { request, context in
            try await page(request) { visitor in
                let node = context.parameters.get("node") ?? ""
                let result = try await blocking { [actions] in try actions.drift(nodes: [node]) }
                return Pages.drift(result, single: node, visitor: visitor)
            }
        }
        router.post("/drift/:node/adopt") { request, context in
            try await change(request) { fields, visitor in
                let node = context.parameters.get("node") ?? ""
                // The form's path as posted: the adopt refuses one the node did not report as drifted.
                let path = ManagedPath(unchecked: fields["path"] ?? "")
                let seen = fields["blob"].flatMap { $0.isEmpty ? nil : $0 }
                let adopted = try await blocking { [actions] in
                    try actions.adopt(node: node, path: path, seenBlobID: seen, user: visitor.user)
                }
                WebConsole.log(
                    .info, "\(visitor.user) adopted \(path) from \(node) in the web console: \(adopted.outcome.headline)")
                return Pages.adopted(adopted, node: node, visitor: visitor)
            }
        }
        router.post("/drift/:node/overwrite") { request, context in
            try await change(request) { fields, visitor in
                let node = context.parameters.get("node") ?? ""
                guard fields["confirm"] == "1" else {
                    let preview = try await blocking { [actions] in try actions.overwritePreview(node: node) }
                    return Pages.overwriteConfirmation(preview, visitor: visitor)
                }
                let report = try await blocking { [actions] in try actions.overwrite(node: node, user: visitor.user) }
                WebConsole.log(
                    .info, "\(visitor.user) overwrote the drift on \(node) from the web console (forced deploy of \(report.commit.short))")
                return Pages.overwritten(report, node: node, visitor: visitor)
            }
        }
    }
}
