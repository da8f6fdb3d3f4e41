extension DeployRecord {
    /// How a node's part of a deploy ended, as recorded: a node's outcome, or one of the
    /// states a record has before or without one.
    public enum Status: String, Codable, Sendable {
        case upToDate = "up-to-date"
        case deployed
        case planned
        case refused
        case failed
        case rolledBack = "rolled-back"
        case unreachable
        case busy
        /// Sent to the node; its result has not come back yet (only in the journal of a
        /// deploy still running).
        case inFlight = "in-flight"
        /// Sent to the node, and the director stopped before its result came back.
        case interrupted
        /// A later deploy found the node at the commit: the node said which deploy put it
        /// there and when, and no record of that had reached the repository.
        case found

        /// How final a record with this status is, among the records of one deploy and node:
        /// an outcome beats a record found later, which beats an interrupted one.
        public var finality: Int {
            switch self {
            case .inFlight: 0
            case .interrupted: 1
            case .found: 2
            default: 3
            }
        }
    }
}
