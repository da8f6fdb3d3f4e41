import Serving
import Wire

/// One peer director's connection to the `ReplicationService`: each message is answered on
/// its own (the service opens the repository afresh each time). A failure is sent to the
/// peer as `error internal` before the connection closes.
struct ReplicationSession: ConnectionSession {
    let service: ReplicationService
    /// The peer's name, as its hello gave it.
    let peer: String

    func respond(to message: Message) throws -> Response? {
        do {
            return try service.handle(message, from: peer).map(Response.reply)
        } catch {
            throw Refusal(.internal, "\(error)")
        }
    }
}
