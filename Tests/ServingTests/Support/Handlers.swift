import Serving
import Wire

/// Answers `refs` with the same refs and one more naming the peer and how many `refs` this
/// connection has sent (so a test sees per-connection state); nothing else.
struct EchoHandler: ConnectionHandler {
    func session(for peer: AuthenticatedPeer) -> any ConnectionSession {
        EchoSession(peer: peer.name)
    }
}

struct EchoSession: ConnectionSession {
    let peer: String
    var count = 0

    mutating func respond(to message: Message) -> Response? {
        guard case .refs(let refs) = message else { return nil }
        count += 1
        return .reply([.refs(Refs(refs: refs.refs + [Ref(name: "\(peer) #\(count)", id: "")]))])
    }
}

/// Refuses `driftRequest` as busy, fails `refsRequest` with a `Refusal`, answers `refs`
/// (which it should never see behind an `EchoHandler`) with nothing.
struct RefusingHandler: ConnectionHandler {
    func session(for peer: AuthenticatedPeer) -> any ConnectionSession {
        RefusingSession()
    }
}

struct RefusingSession: ConnectionSession {
    func respond(to message: Message) throws -> Response? {
        switch message {
        case .driftRequest: return .refuse(.busy, "another deploy is running")
        case .refsRequest: throw Refusal(.internal, "the repository is gone")
        case .refs: return .reply([])
        default: return nil
        }
    }
}
