import Diagnostics
import Foundation
import Testing
@testable import ClusterConfig

/// The seed cluster file (shared/fixtures/seed-csync2.cfg) loads into the expected model.
@Suite struct SeedTests {
    /// `<repo>/../shared/fixtures/seed-csync2.cfg` (CI), or the first ancestor of the repo
    /// holding `shared/fixtures` (a worktree below the shared folder's parent).
    static func seedPath() -> String? {
        var directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        while directory.path != "/" {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/fixtures/seed-csync2.cfg").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func loadSeed() throws -> (config: ClusterConfig, diagnostics: [Diagnostic], path: String) {
        let path = try #require(seedPath(), "shared/fixtures/seed-csync2.cfg not found beside the repository")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (config, diagnostics) = ClusterConfig.parse(text, path: path) { _ in nil }
        return (config, diagnostics, path)
    }

    @Test func groupsHostsAndPatterns() throws {
        let (config, _, path) = try Self.loadSeed()
        #expect(config.groups.map(\.name) == ["cacheconfig-dir1", "cacheconfig-dir2", "directorconfig"])
        let dir1 = config.groups[0]
        #expect(dir1.hosts == [
            Host(name: "lvs-director1"),
            Host(name: "lvs-cache1", receiveOnly: true),
            Host(name: "lvs-cache2", receiveOnly: true),
            Host(name: "lvs-cache3", receiveOnly: true),
        ])
        #expect(dir1.key == "/etc/csync2.key")
        #expect(dir1.includes.map(\.text) == ["/etc/squid3/squid.conf", "/etc/csync2.cfg"])
        #expect(dir1.excludes.isEmpty)
        #expect(dir1.auto == .left)
        #expect(dir1.location == SourceLocation(path: path, line: 6, column: 1))
        #expect(config.groups[1].hosts.map(\.name) == ["lvs-director2", "lvs-cache1", "lvs-cache2", "lvs-cache3"])
        let directors = config.groups[2]
        #expect(directors.hosts == [Host(name: "lvs-director1"), Host(name: "lvs-director2")])
        #expect(directors.includes.map(\.text) == ["/etc/squid3/squid.conf", "/etc/csync2.cfg", "/etc/ldirectord.cf"])
        #expect(directors.actions.isEmpty)
        #expect(directors.auto == .first)
        #expect(config.defaultPort == 7300)
        #expect(config.includedConfigFiles.isEmpty)
    }

    @Test func actionWithPatternExecAndLogfile() throws {
        let (config, _, path) = try Self.loadSeed()
        let action = try #require(config.groups[0].actions.first)
        #expect(config.groups[0].actions.count == 1)
        #expect(action.patterns.map(\.text) == ["/etc/squid3/squid.conf"])
        #expect(action.commands == ["/etc/init.d/squid3 reload"])
        #expect(action.logfile == "/var/log/csync2_action.log")
        #expect(!action.doLocal && !action.doLocalOnly)
        #expect(action.location == SourceLocation(path: path, line: 20, column: 2))
    }

    @Test func onlyOneBackupNote() throws {
        let (_, diagnostics, path) = try Self.loadSeed()
        #expect(diagnostics.count == 1)
        let note = try #require(diagnostics.first)
        #expect(note.severity == .note)
        #expect(note.message.contains("history replaces backups"))
        #expect(note.location == SourceLocation(path: path, line: 31, column: 2))
    }

    @Test func nodesOfDirector1() throws {
        let (config, _, _) = try Self.loadSeed()
        let nodes = config.nodes(forDirector: "lvs-director1")
        #expect(nodes.map(\.name) == ["lvs-cache1", "lvs-cache2", "lvs-cache3", "lvs-director2"])
        #expect(nodes.map(\.receiveOnly) == [true, true, true, false])
        #expect(nodes.map { $0.groups.map(\.name) } == [
            ["cacheconfig-dir1"], ["cacheconfig-dir1"], ["cacheconfig-dir1"], ["directorconfig"],
        ])
        #expect(nodes.allSatisfy { $0.port == 7300 && $0.address == $0.name && $0.settings.fingerprint == nil })

        let files = ["/etc/squid3/squid.conf", "/etc/csync2.cfg", "/etc/ldirectord.cf", "/etc/squid3/other.conf"]
        #expect(files.filter(nodes[0].manages) == ["/etc/squid3/squid.conf", "/etc/csync2.cfg"])
        #expect(files.filter(nodes[3].manages) == ["/etc/squid3/squid.conf", "/etc/csync2.cfg", "/etc/ldirectord.cf"])
        #expect(config.isManaged("/etc/ldirectord.cf", node: "lvs-director2", director: "lvs-director1"))
        #expect(!config.isManaged("/etc/ldirectord.cf", node: "lvs-cache1", director: "lvs-director1"))
    }

    @Test func receiveOnlyHostsDeployNothing() throws {
        let (config, _, _) = try Self.loadSeed()
        #expect(config.nodes(forDirector: "lvs-cache1").isEmpty)
        #expect(config.groups(containing: "LVS-Cache1").map(\.name) == ["cacheconfig-dir1", "cacheconfig-dir2"])
        #expect(config.isManaged("/etc/csync2.cfg", forHost: "lvs-cache1"))
        #expect(!config.isManaged("/etc/ldirectord.cf", forHost: "lvs-cache1"))
        #expect(config.nodes(forDirector: "lvs-director2").map(\.name) == ["lvs-cache1", "lvs-cache2", "lvs-cache3", "lvs-director1"])
    }

    @Test func actionsRunOnCachesOnlyForSquidConf() throws {
        let (config, _, _) = try Self.loadSeed()
        let changed = ["/etc/csync2.cfg", "/etc/squid3/squid.conf"]
        let onCache = config.actions(for: changed, node: "lvs-cache2", director: "lvs-director1")
        #expect(onCache.count == 1)
        #expect(onCache.first?.action.commands == ["/etc/init.d/squid3 reload"])
        #expect(onCache.first?.paths == ["/etc/squid3/squid.conf"])
        #expect(config.actions(for: ["/etc/csync2.cfg"], node: "lvs-cache2", director: "lvs-director1").isEmpty)
        #expect(config.actions(for: changed, node: "lvs-director2", director: "lvs-director1").isEmpty)
        #expect(config.localActions(for: changed, director: "lvs-director1").isEmpty)
    }

    @Test func walkRootsOfDirector1() throws {
        let (config, _, _) = try Self.loadSeed()
        #expect(config.walkRoots(forHost: "lvs-director1") == ["/etc/csync2.cfg", "/etc/ldirectord.cf", "/etc/squid3/squid.conf"])
        #expect(config.walkRoots(forHost: "lvs-cache1") == ["/etc/csync2.cfg", "/etc/squid3/squid.conf"])
        #expect(config.walkRoots(forHost: "nosuchhost").isEmpty)
    }
}
