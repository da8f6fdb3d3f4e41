/// Why a peer sent `error` (a u16 on the wire). docs/protocol.md has the table.
///
/// 1xx: the conversation itself; 2xx: the node's state; 3xx: applying a deploy; 9xx: bugs.
public enum ErrorCode: UInt16, CaseIterable, Hashable, Sendable, WireCodable {
    /// The peer speaks another protocol version.
    case badVersion = 100
    /// The peer's proof is missing or wrong, or it is not allowed to do this.
    case notAuthenticated = 101
    /// A frame or payload did not decode.
    case badMessage = 102
    /// A valid message arrived where the conversation does not allow it.
    case unexpectedMessage = 103
    /// A frame exceeds the receiver's limit.
    case tooLarge = 104
    /// The node is applying another deploy.
    case busy = 200
    /// `apply.fromCommit` is not the node's commit: the director planned from stale state.
    case staleCommit = 201
    /// A path is outside the managed set, contains `..`, or has a symlinked parent.
    case pathRefused = 300
    /// A file's content is not what the director expected and the deploy is not forced.
    case drift = 301
    /// A blob's content does not hash to its id.
    case blobMismatch = 302
    /// `apply` names a blob that was neither sent nor present on the node.
    case missingBlob = 303
    /// Reading, writing, renaming or syncing a file failed.
    case ioError = 304
    /// An action could not be started.
    case actionFailed = 305
    /// A bug: the sender hit a state it should never reach.
    case `internal` = 900
}
