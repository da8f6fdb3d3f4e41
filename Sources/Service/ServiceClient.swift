import Foundation
import Posix

/// Requests to a running service: one answer line back, or for `run` a stream of frames.
public struct ServiceClient: Sendable {
    public let socketPath: String

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Sends `request`; the answer line.
    public func send(_ request: ServiceRequest) throws -> String {
        try send(line: Self.encode(request))
    }

    /// Sends one raw line (for scripts and tests of the protocol); the answer line.
    public func send(line: String) throws -> String {
        let answer = try ServiceError.translating {
            let connection = try UnixSocket.connect(to: socketPath)
            try connection.writeLine(line)
            return try connection.readLine()
        }
        guard let answer else {
            throw ServiceError(.failed, "the service at \(socketPath) closed the connection without an answer")
        }
        return answer
    }

    /// Opens a connection, or nil when nothing listens there (no socket, or one a stopped
    /// service left behind).
    public static func connectIfRunning(_ socketPath: String) -> ServiceClient.Connection? {
        guard let socket = try? UnixSocket.connect(to: socketPath) else { return nil }
        return Connection(socket: socket, socketPath: socketPath)
    }

    /// A connection for a `run` request: its frames come back one at a time.
    public struct Connection: Sendable {
        fileprivate let socket: UnixSocket
        public let socketPath: String

        /// Sends `request` and hands each frame to `frame` until the last one, which it
        /// returns.
        public func run(_ request: ServiceRequest, frame: (ServiceFrame) -> Void) throws -> ServiceFrame {
            try ServiceError.translating { try socket.writeLine(ServiceClient.encode(request)) }
            while let line = try ServiceError.translating({ try socket.readLine() }) {
                let decoded: ServiceFrame
                do {
                    decoded = try JSONDecoder().decode(ServiceFrame.self, from: Data(line.utf8))
                } catch {
                    throw ServiceError(.failed, "the service at \(socketPath) answered something else than frames: \(line.prefix(200))")
                }
                if decoded.ok != nil { return decoded }
                frame(decoded)
            }
            throw ServiceError(.failed, "the service at \(socketPath) closed the connection before the command ended")
        }
    }

    static func encode(_ request: ServiceRequest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(request), as: UTF8.self)
    }
}
