import Foundation

/// The service's operations, as requests name them (docs/service.md).
public enum ServiceOperation: String, Sendable, Codable, CaseIterable {
    case ping, status, log, schedule, commit, sync, deploy
    /// A command line of the CLI's (`arguments`), run by the service; its output streams back
    /// as frames (`ServiceFrame`). Who may run it depends on the command (`ForwardedCommand`).
    case run

    /// Whether the operation changes the repository or the nodes (the write group's).
    var changesAnything: Bool {
        switch self {
        case .ping, .status, .log, .schedule: false
        case .commit, .sync, .deploy, .run: true
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
    /// run: the command line after `confsync`, without --root and --repo (the service's own
    /// are used); color: whether the caller's terminal shows colour; live: whether the
    /// caller's standard output is a terminal (a deploy redraws its per-node block there);
    /// absent, as from a client older than the field: not one.
    public var arguments: [String]?
    public var color: Bool?
    public var live: Bool?
    /// run: the caller's working directory, against which the command resolves relative paths.
    public var directory: String?

    public init(
        op: ServiceOperation, message: String? = nil, author: String? = nil, path: String? = nil, limit: Int? = nil,
        arguments: [String]? = nil, color: Bool? = nil, live: Bool? = nil, directory: String? = nil
    ) {
        version = Self.version
        self.op = op
        self.message = message
        self.author = author
        self.path = path
        self.limit = limit
        self.arguments = arguments
        self.color = color
        self.live = live
        self.directory = directory
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

/// One line of a `run` answer: output as it comes (`out`, `err`), then the last frame with
/// `ok` and the command's exit status. A refused or failed run ends with the usual failure
/// line instead (`ok` false, `code`, `error`).
public struct ServiceFrame: Sendable, Codable, Equatable {
    public var out: String?
    public var err: String?
    public var ok: Bool?
    public var exit: Int32?
    public var code: ServiceError.Code?
    public var error: String?

    public init(
        out: String? = nil, err: String? = nil, ok: Bool? = nil, exit: Int32? = nil, code: ServiceError.Code? = nil,
        error: String? = nil
    ) {
        self.out = out
        self.err = err
        self.ok = ok
        self.exit = exit
        self.code = code
        self.error = error
    }

    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"ok":false}"#
    }
}
