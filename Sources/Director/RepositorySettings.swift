import Foundation
import Posix

/// What `init` records about a confsync repository, in `<repo>/confsync/settings`
/// (`key = value` lines). Its presence is what makes a git repository a confsync repository.
public struct RepositorySettings: Equatable, Sendable {
    /// The cluster file's absolute live path on this host ("/etc/csync2.cfg").
    public var clusterFile: String
    /// This director's name as the cluster file spells it ("lvs-director1").
    public var host: String

    public init(clusterFile: String, host: String) {
        self.clusterFile = clusterFile
        self.host = host
    }

    static func path(in repository: String) -> String { repository + "/confsync/settings" }

    public static func load(repository: String) throws -> RepositorySettings {
        let file = path(in: repository)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DirectorError(
                .notARepository,
                "\(repository) is not a confsync repository (no \(file)); create one with 'confsync init'")
        }
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        guard let clusterFile = values["cluster-file"], let host = values["host"] else {
            throw DirectorError(.notARepository, "\(file): needs 'cluster-file = PATH' and 'host = NAME'")
        }
        return RepositorySettings(clusterFile: clusterFile, host: host)
    }

    public func save(repository: String) throws {
        let text = """
            # confsync repository settings (written by 'confsync init')
            cluster-file = \(clusterFile)
            host = \(host)

            """
        try DirectorError.translating { try WholeFile.write(Array(text.utf8), to: Self.path(in: repository), mode: 0o644) }
    }
}
