import Foundation

/// One request to a running service, one answer line back.
public struct ServiceClient: Sendable {
    public let socketPath: String

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    public func send(_ request: ServiceRequest) throws -> String {
        let connection = try UnixSocket.connect(to: socketPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try connection.writeLine(String(decoding: try encoder.encode(request), as: UTF8.self))
        guard let answer = try connection.readLine() else {
            throw ServiceError(.failed, "the service at \(socketPath) closed the connection without an answer")
        }
        return answer
    }
}
