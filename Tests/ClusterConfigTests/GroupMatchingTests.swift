import Diagnostics
import Testing
@testable import ClusterConfig

/// csync2's `match_pattern_list`: path and basename patterns vote separately, the last
/// matching pattern of each kind decides; a file is managed when both votes say include.
@Suite struct GroupMatchingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let patterns: String
        let managed: [String]
        let unmanaged: [String]
        var testDescription: String { patterns }
    }

    static let cases: [Case] = [
        Case(patterns: "include /etc; exclude /etc/shadow;",
             managed: ["/etc/passwd", "/etc/ssh/sshd_config"], unmanaged: ["/etc/shadow", "/var/x"]),
        Case(patterns: "exclude /etc/shadow; include /etc;",
             managed: ["/etc/passwd", "/etc/shadow"], unmanaged: ["/var/x"]),
        Case(patterns: "include /home/bob; exclude *~ .*;",
             managed: ["/home/bob/a"], unmanaged: ["/home/bob/a~", "/home/bob/.profile", "/home/alice/a"]),
        Case(patterns: "include /srv; exclude *.bak; include keep.bak;",
             managed: ["/srv/a", "/srv/keep.bak"], unmanaged: ["/srv/old.bak"]),
        Case(patterns: "include *.conf;",
             managed: [], unmanaged: ["/etc/a.conf"]),
        Case(patterns: "exclude /etc/shadow;",
             managed: [], unmanaged: ["/etc/passwd"]),
        Case(patterns: "include /etc/squid3/; include /etc/ldirectord.cf//;",
             managed: ["/etc/squid3/squid.conf", "/etc/ldirectord.cf"], unmanaged: ["/etc/squid"]),
        Case(patterns: "include /etc/squid3/*.conf; exclude /etc/squid3/test*;",
             managed: ["/etc/squid3/squid.conf"], unmanaged: ["/etc/squid3/test.conf", "/etc/squid3/errors"]),
        Case(patterns: "compare /etc;",
             managed: [], unmanaged: ["/etc/passwd"]),
        Case(patterns: "include /srv; exclude /srv/**/cache;",
             managed: ["/srv/a/b"], unmanaged: ["/srv/a/cache", "/srv/a/b/cache/x"]),
    ]

    @Test(arguments: cases)
    func managedFiles(_ c: Case) {
        let config = parse("group g { host a; \(c.patterns) }").config
        #expect(c.managed.filter { !config.isManaged($0, forHost: "a") } == [])
        #expect(c.unmanaged.filter { config.isManaged($0, forHost: "a") } == [])
        #expect(c.managed.filter { !config.groups[0].manages($0, asSeenBy: "A") } == [])
    }

    @Test func compareQuirkOfCsync2() {
        // `comp_list: incl_list TK_STRING`: all but the last pattern become includes.
        let source = MarkedSource("group g { host a; ⟨1⟩compare /a /b /c; }")
        let (config, diagnostics) = parse(source.text)
        #expect(config.groups[0].rules.map(\.kind) == [.include, .include, .compare])
        #expect(config.isManaged("/a/x", forHost: "a"))
        #expect(config.isManaged("/b/x", forHost: "a"))
        #expect(!config.isManaged("/c/x", forHost: "a"))
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.location) == [source.location(1, path: "cluster.cfg")])
    }

    @Test func hostsOutsideTheGroupManageNothing() {
        let config = parse("group g { host a; include /etc; }").config
        #expect(!config.isManaged("/etc/passwd", forHost: "b"))
        #expect(config.isManaged("/etc/passwd", forHost: "A"))
        #expect(!config.isManaged("/etc/passwd", node: "a", director: "a"))
    }

    @Test(
        "an action's timeout: seconds by default, or with a unit",
        arguments: [
            ("60", 60_000), ("60s", 60_000), ("500ms", 500), ("2m", 120_000), ("1h", 3_600_000), ("24h", 86_400_000),
        ])
    func actionTimeout(text: String, millis: Int) throws {
        let (config, diagnostics) = parse("group g { host d n; include /etc; action { pattern /etc; exec \"r\"; timeout \(text); } }")
        #expect(diagnostics.isEmpty, "\(diagnostics.rendered())")
        let group = try #require(config.groups.first)
        #expect(group.actions.map(\.timeoutMillis) == [millis])
    }

    @Test func mergedActionsKeepTheLongestTimeout() {
        let config = parse("""
            group one { host d n; include /etc/a; action { pattern /etc/a; exec "reload"; timeout 5; } }
            group two { host d n; include /etc/b; action { pattern /etc/b; exec "reload"; timeout 2m; } }
            group three { host d n; include /etc/c; action { pattern /etc/c; exec "reload"; } }
            group four { host d n; include /etc/e; action { pattern /etc/e; exec "other"; } }
            """).config
        let actions = config.actions(for: ["/etc/a", "/etc/b", "/etc/c", "/etc/e"], node: "n", director: "d")
        #expect(actions.map(\.action.commands) == [["reload"], ["other"]])
        #expect(actions.map(\.action.timeoutMillis) == [120_000, nil])
    }

    @Test func actionsOfSeveralGroupsWithTheSameCommandRunOnce() {
        let config = parse("""
            group one { host d n; include /etc/squid3;
              action { pattern /etc/squid3/squid.conf; exec "reload"; } }
            group two { host d n; include /etc/squid3/conf.d;
              action { pattern /etc/squid3/conf.d/*; exec "reload"; }
              action { exec "audit %%"; logfile /var/log/audit; } }
            group three { host d (n); include /etc/local; action { pattern /etc; do-local-only; exec "local"; } }
            """).config
        let changed = ["/etc/squid3/squid.conf", "/etc/squid3/conf.d/a.conf", "/etc/local/x"]
        let actions = config.actions(for: changed, node: "n", director: "d")
        #expect(actions.map(\.action.commands) == [["reload"], ["audit %%"]])
        #expect(actions.map(\.paths) == [["/etc/squid3/squid.conf", "/etc/squid3/conf.d/a.conf"], ["/etc/squid3/conf.d/a.conf"]])
        #expect(config.localActions(for: changed, director: "d").map(\.action.commands) == [["local"]])
        #expect(config.localActions(for: changed, director: "n").isEmpty)
    }

    @Test func walkRootsDropNestedAndBasenamePatterns() {
        let config = parse("""
            group g { host a; include /etc/squid3/*.conf /etc /srv/www/**/htdocs *.conf; exclude /etc/shadow; }
            group h { host b; include /opt; }
            """).config
        #expect(config.walkRoots(forHost: "a") == ["/etc", "/srv/www"])
        let everything = parse("group g { host a; include /etc /; }").config
        #expect(everything.walkRoots(forHost: "a") == ["/"])
    }

    @Test func prefixesPickTheFirstMatchingRuleAndLaterBlocksWin() {
        let source = MarkedSource("""
            prefix data { on web*: /srv/web; on *: /srv/data; }
            prefix ⟨1⟩data { on db1: /var/lib/db; }
            group g { host web1 db1 db2; include %data%/shared; }
            """)
        let (config, diagnostics) = parse(source.text)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.location) == [source.location(1, path: "cluster.cfg")])
        #expect(config.prefixPath("data", forHost: "web1") == "/srv/web")
        #expect(config.prefixPath("data", forHost: "db1") == "/var/lib/db")
        #expect(config.prefixPath("data", forHost: "db2") == "/srv/data")
        #expect(config.prefixPath("nosuch", forHost: "db2") == nil)
        #expect(config.isManaged("/var/lib/db/shared/x", forHost: "db1"))
        #expect(config.nodePath("/srv/web/shared/x", node: "db1", director: "web1") == "/var/lib/db/shared/x")
    }

    @Test func nodePlansRenameThePrefixDirectoriesBothWays() throws {
        let config = parse("""
            prefix data { on web*: /srv/web; on *: /srv/data; }
            prefix deep { on *: /srv/web/inner; }
            prefix root { on web1: /; on *: /export; }
            group g { host web1 (db1) (web2); include %data%/shared %deep%; }
            """).config
        let plans = Dictionary(uniqueKeysWithValues: config.nodes(forDirector: "web1").map { ($0.name, $0) })
        let db1 = try #require(plans["db1"])
        #expect(db1.toNode("/srv/web/shared/x") == "/srv/data/shared/x")
        #expect(db1.toNode("/srv/web") == "/srv/data")
        #expect(db1.toNode("/srv/webby/x") == "/export/srv/webby/x")
        // The longest directory wins: /srv/web/inner is its own prefix, the same on both.
        #expect(db1.toNode("/srv/web/inner/y") == "/srv/web/inner/y")
        #expect(db1.toNode("/etc/hosts") == "/export/etc/hosts")
        for path in ["/srv/web/shared/x", "/srv/web", "/srv/web/inner/y", "/etc/hosts"] {
            #expect(db1.toNode.inverse(db1.toNode(path)) == path)
        }
        #expect(!db1.toNode.isIdentity)
        let web2 = try #require(plans["web2"])
        #expect(web2.toNode("/srv/web/shared/x") == "/srv/web/shared/x")
        #expect(web2.toNode("/etc/hosts") == "/export/etc/hosts")
        let plain = parse("group g { host a (b); include /etc; }").config.nodes(forDirector: "a")
        #expect(plain.first?.toNode.isIdentity == true)
        #expect(plain.first?.toNode("/etc/hosts") == "/etc/hosts")
    }

    @Test func prefixPathWithoutRestAndTrailingSlashes() {
        let config = parse("prefix p { on *: /srv/p/; }\ngroup g { host a; include %p%; }").config
        #expect(config.prefixes["p"]?.first?.path == "/srv/p")
        #expect(config.isManaged("/srv/p/x", forHost: "a"))
        #expect(config.walkRoots(forHost: "a") == ["/srv/p"])
    }
}
