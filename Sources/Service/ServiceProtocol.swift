import Foundation

/// The service's operations, as requests name them (docs/service.md).
public enum ServiceOperation: String, Sendable, Codable, CaseIterable {
    case ping, status, log, schedule, commit, sync, deploy

    /// Whether the operation changes the repository or the nodes (the write group's).
    var changesAnything: Bool {
        switch self {
        case .ping, .status, .log, .schedule: false
        case .commit, .sync, .deploy: true
        }
    }
}

/// One request: a JSON object on one line. Version 1.
public struct ServiceRequest: Sendable, Codable, Equatable {
    public static let version = 1

    public var version: Int
    public var op: ServiceOperation
    /// commit, sync: the commit message.
    public var message: String?
    /// commit, sync: `Name <email>`; default: the calling unix user.
    public var author: String?
    /// log: a managed path; log: at most this many commits.
    public var path: String?
    public var limit: Int?

    public init(op: ServiceOperation, message: String? = nil, author: String? = nil, path: String? = nil, limit: Int? = nil) {
        version = Self.version
        self.op = op
        self.message = message
        self.author = author
        self.path = path
        self.limit = limit
    }
}

/// The answer: `{"ok":true,"result":...}` or `{"ok":false,"code":"forbidden","error":"..."}`,
/// one line.
enum ServiceResponse {
    static func success(_ result: some Encodable) throws -> String {
        let body = String(decoding: try encoder.encode(result), as: UTF8.self)
        return "{\"ok\":true,\"result\":\(body)}"
    }

    static func failure(_ error: ServiceError) -> String {
        struct Failure: Encodable {
            var ok = false
            var code: ServiceError.Code
            var error: String
        }
        let data = (try? encoder.encode(Failure(code: error.code, error: error.message))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
