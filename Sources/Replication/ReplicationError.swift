/// A replication failure with what it was about (which peer, which reference).
public struct ReplicationError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Hashable {
        /// The peer has no pinned certificate fingerprint in the cluster file.
        case notPinned
        /// The peer answered something the protocol does not allow there.
        case protocolError
        /// No cluster file, or an invalid one, in the commit replication reads its peers from.
        case noClusterFile
        /// No such peer director, or none at all.
        case noPeer
        /// The two mains diverged and the chosen resolution cannot proceed (conflicting files).
        case conflict
        /// The merged tree fails validation.
        case invalid
        /// A reference could not be read or moved.
        case reference
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
