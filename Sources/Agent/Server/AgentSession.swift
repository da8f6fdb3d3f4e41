import Serving
import Transport
import Wire

/// One director's connection to the agent: the blobs it sent since its last apply, and the
/// messages the agent answers (anything else is left to the other handlers).
struct AgentSession: ConnectionSession {
    let server: AgentServer
    private var blobs: [String: [UInt8]] = [:]

    init(server: AgentServer) {
        self.server = server
    }

    mutating func respond(to message: Message) throws -> Response? {
        switch message {
        case .stateRequest(let request):
            return try server.state(request)
        case .blob(let blob):
            guard Digest.gitBlobID(blob.content) == blob.id else {
                return .refuse(.blobMismatch, "content of blob \(blob.id) does not hash to its id")
            }
            blobs[blob.id] = blob.content
            return .reply([])
        case .apply(let apply):
            defer { blobs.removeAll() }
            return try server.apply(apply, blobs: blobs)
        case .driftRequest:
            return try server.drift()
        default:
            return nil
        }
    }
}
