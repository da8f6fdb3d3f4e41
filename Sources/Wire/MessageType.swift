/// The type number of each message (the frame's type byte). docs/protocol.md has the table.
public enum MessageType: UInt8, CaseIterable, Hashable, Sendable {
    case hello = 1
    case proof = 2
    case stateRequest = 3
    case state = 4
    case blob = 5
    case apply = 6
    case fileResult = 7
    case drifted = 8
    case actionResult = 9
    case applyResult = 10
    case error = 11
    case bye = 12
    case driftRequest = 13
    case driftReport = 14
    // 15...31 unassigned. 32 and up: repository replication between directors.
    case refsRequest = 32
    case refs = 33
    case pack = 34
    case updateRefs = 35
    case updateRefsResult = 36
}
