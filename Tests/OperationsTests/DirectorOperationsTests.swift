import Director
import Foundation
import GitStore
import Operations
import TestSupport
import Testing

/// The operations return values and print nothing: status, log and commit on a scratch director.
@Suite struct DirectorOperationsTests {
    /// Removed with the suite's instance, after the test.
    let scratch: TemporaryDirectory
    var root: String { scratch.path }
    let operations: DirectorOperations
    static let author = Signature(name: "Ada Admin", email: "ada@example.org", time: 1_700_000_000)

    init() throws {
        scratch = try TemporaryDirectory(prefix: "operations")
        let root = scratch.path
        try FileManager.default.createDirectory(atPath: root + "/etc/app", withIntermediateDirectories: true)
        try Self.write(root + "/etc/csync2.cfg", "group g\n{\n\thost d1 (n1);\n\tinclude /etc/csync2.cfg;\n\tinclude /etc/app;\n}\n")
        try Self.write(root + "/etc/app/a.conf", "a = 1\n")
        let director = try DirectorRepository.initialize(
            repository: root + "/repo.git", root: root, settings: RepositorySettings(clusterFile: "/etc/csync2.cfg", host: "d1"))
        operations = DirectorOperations(director)
    }

    static func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func statusCommitAndLogAsValues() throws {
        var status = try operations.status()
        #expect(status.head == nil)
        #expect(status.changes.map(\.line) == ["A /etc/app/a.conf", "A /etc/csync2.cfg"])

        let result = try operations.commit(CommitRequest(message: "first\n\nwith a body", author: Self.author))
        guard case .committed(let commit, let changes) = result.outcome else {
            Issue.record("not committed: \(result.outcome)")
            return
        }
        #expect(changes.count == 2)
        status = try operations.status()
        #expect(status.isClean && status.head?.id == commit.id.hex && status.head?.summary == "first")

        try Self.write(root + "/etc/app/a.conf", "a = 2\n")
        _ = try operations.commit(CommitRequest(message: "second", author: Self.author))
        let log = try operations.log(LogRequest())
        #expect(log.map(\.commit.summary) == ["second", "first"])
        #expect(log.first?.changes.map(\.line) == ["M /etc/app/a.conf"])
        #expect(try operations.log(LogRequest(path: "/etc/csync2.cfg")).map(\.commit.summary) == ["first"])
        // A path without its leading "/" (the service's and the console's queries) is the same path.
        #expect(try operations.log(LogRequest(path: LogRequest.path(named: "etc/csync2.cfg"))).map(\.commit.summary) == ["first"])
        #expect(try operations.log(LogRequest(path: LogRequest.path(named: "etc/app/"))).map(\.commit.summary) == ["second", "first"])
        #expect(try operations.log(LogRequest(path: LogRequest.path(named: "/"))).count == 2)
        #expect(try operations.log(LogRequest(limit: 1, withChanges: false)).map(\.changes) == [[]])
    }

    /// A query's path (the service's, the console's) is a managed path however it is spelled;
    /// "/" and "" are the whole tree.
    @Test(arguments: [
        ("etc/app", "/etc/app"), ("/etc/app", "/etc/app"), ("/etc/app/", "/etc/app"), ("etc//app", "/etc/app"),
        ("/", nil), ("", nil),
    ] as [(String, String?)])
    func aLogQueryNamesAManagedPath(text: String, managed: String?) {
        #expect(LogRequest.path(named: text)?.managed == managed)
    }

    @Test func resultsEncodeForScripts() throws {
        let data = try JSONEncoder().encode(try operations.status())
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.compactMap { $0["path"] as? String } == ["/etc/app/a.conf", "/etc/csync2.cfg"])
        #expect(changes.first?["kind"] as? String == "A")
    }

    @Test func showDiffAndBlame() throws {
        _ = try operations.commit(CommitRequest(message: "first", author: Self.author))
        try Self.write(root + "/etc/app/a.conf", "a = 1\nb = 2\n")
        var diff = try operations.diff(DiffRequest())
        #expect(diff.changes.map(\.line) == ["M /etc/app/a.conf"] && diff.diff.contains("+b = 2"), "\(diff.diff)")
        _ = try operations.commit(CommitRequest(message: "second", author: Self.author))
        diff = try operations.diff(DiffRequest(from: "HEAD~1", to: "HEAD"))
        #expect(diff.diff.contains("+b = 2"))
        let shown = try operations.show("HEAD")
        #expect(shown.commit.summary == "second" && shown.diff.contains("+b = 2"))
        let blame = try operations.blame("/etc/app/a.conf")
        #expect(blame.map(\.text) == ["a = 1", "b = 2"])
        #expect(blame.map(\.shortCommit) == [try operations.show("HEAD~1").commit.shortID, shown.commit.shortID])

        // A live cluster file with errors: the diff against the live files says so.
        try Self.write(root + "/etc/csync2.cfg", "group g { host d1; include /etc/app; frobnicate; }\n")
        #expect(throws: OperationError.self) { try operations.diff(DiffRequest()) }
    }

    @Test func validateTheLiveFilesACommitOrNamedFiles() throws {
        try FileManager.default.createDirectory(atPath: root + "/etc/app/squid", withIntermediateDirectories: true)
        try Self.write(root + "/etc/app/squid/squid.conf", "http_port 3128x\n")
        var result = try operations.validate(ValidateRequest())
        #expect(!result.isValid && result.diagnostics.first?.location.line == 1)
        result = try operations.validate(ValidateRequest(paths: ["/etc/app/a.conf"]))
        #expect(result.isValid && result.checked == 0 && result.unchecked == ["/etc/app/a.conf"])
        result = try operations.validate(ValidateRequest(paths: ["/etc/app/a.conf"], checker: .squid))
        #expect(!result.isValid && result.checked == 1)
        try Self.write(root + "/etc/app/squid/squid.conf", "http_port 3128\n")
        _ = try operations.commit(CommitRequest(message: "valid", author: Self.author))
        result = try operations.validate(ValidateRequest(revision: "HEAD"))
        #expect(result.isValid && result.checked == 2, "\(result.diagnostics)")
    }
}
