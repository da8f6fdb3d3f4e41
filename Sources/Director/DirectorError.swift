/// An error from the director's repository layer, with what it was doing.
public struct DirectorError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable {
        case notARepository, alreadyInitialized, rootMissing, clusterFileMissing, hostNotInCluster
        case io, conflict, revisionNotFound, locked, drift, invalid
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
