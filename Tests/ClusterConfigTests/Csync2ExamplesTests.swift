import Diagnostics
import Testing
@testable import ClusterConfig

/// csync2's own documented examples parse, with csync2's meaning.
@Suite struct Csync2ExamplesTests {
    /// The example of csync2's README ("csync2.cfg syntax").
    static let readme = """
        group
        {
        \thost host1 host2 host3;
        \thost host4@host4-eth2;

        \tkey /etc/csync2.key_mygroup;

        \tinclude /etc/apache;
        \tinclude /home/bob;
        \texclude /home/bob/temp;
        \texclude *~ .*;

        \taction {
        \t\tpattern /etc/apache/httpd.conf;
        \t\tpattern /etc/apache/sites-available/*;
        \t\texec "/usr/sbin/apache2ctl graceful";
        \t\tlogfile "/var/log/csync2_action.log";
        \t\tdo-local;
        \t}
        }

        config /etc/csync2.cfg_anotherone;
        config /etc/csync2.cfg_foo /etc/csync2.cfg_bar;
        """

    /// The example csync2.cfg shipped with csync2 (there commented out), with a prefix.
    static let shippedExample = """
        # Csync2 Example Configuration File
        group mygroup
        {
        \thost host1 host2 (host3);
        \thost host4@host4-eth2;

        \tkey /etc/csync2.key_mygroup;

        \tinclude /etc/apache;
        \tinclude %homedir%/bob;
        \texclude %homedir%/bob/temp;
        \texclude *~ .*;

        \taction
        \t{
        \t\tpattern /etc/apache/httpd.conf;
        \t\tpattern /etc/apache/sites-available/*;
        \t\texec "/usr/sbin/apache2ctl graceful";
        \t\tlogfile "/var/log/csync2_action.log";
        \t\tdo-local;
        \t}

        \t# The backup-directory needs to be created first!
        \tbackup-directory /var/backups/csync2;
        \tbackup-generations 3;

        \tauto none;
        }

        prefix homedir
        {
        \ton host[12]: /export/users;
        \ton *:        /home;
        }
        """

    /// Top-level statements of csync2 2.x (and of its fork's `*-version` settings).
    static let settings = """
        nossl * *;
        nossl 192.168.1.* 192.168.2.*;
        ignore uid gid;
        ignore mod;
        ignore;
        tempdir /var/tmp/csync2;
        lock-timeout 30;
        database sqlite3:///var/lib/csync2/csync2.db3;
        protocol-version 2;
        ip-version 4;
        group g { host "a" b; include "/srv/with space"; compare /srv/x; }
        """

    @Test func readmeExample() {
        let (config, diagnostics) = parse(Self.readme, files: [
            "/etc/csync2.cfg_anotherone": "group another { host host1 host9; include /opt; }",
            "/etc/csync2.cfg_foo": "",
            "/etc/csync2.cfg_bar": "# nothing but a comment\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics.rendered())")
        #expect(config.groups.map(\.name) == ["group_1", "another"])
        #expect(config.includedConfigFiles == ["/etc/csync2.cfg_anotherone", "/etc/csync2.cfg_foo", "/etc/csync2.cfg_bar"])
        let group = config.groups[0]
        #expect(group.hosts.map(\.name) == ["host1", "host2", "host3", "host4"])
        #expect(group.host(named: "host4")?.address == "host4-eth2")
        #expect(group.key == "/etc/csync2.key_mygroup")
        let action = group.actions[0]
        #expect(action.patterns.map(\.text) == ["/etc/apache/httpd.conf", "/etc/apache/sites-available/*"])
        #expect(action.doLocal && !action.doLocalOnly)

        #expect(config.isManaged("/etc/apache/httpd.conf", forHost: "host1"))
        #expect(config.isManaged("/home/bob/notes.txt", forHost: "host1"))
        #expect(!config.isManaged("/home/bob/temp/scratch", forHost: "host1"))
        #expect(!config.isManaged("/home/bob/notes.txt~", forHost: "host1"))
        #expect(!config.isManaged("/home/bob/.profile", forHost: "host1"))
        #expect(!config.isManaged("/home/alice/notes.txt", forHost: "host1"))
        #expect(config.isManaged("/opt/x", forHost: "host1"))
        #expect(!config.isManaged("/opt/x", forHost: "host2"))

        let nodes = config.nodes(forDirector: "host1")
        #expect(nodes.map(\.name) == ["host2", "host3", "host4", "host9"])
        #expect(nodes[2].address == "host4-eth2")
        let actions = config.actions(
            for: ["/etc/apache/httpd.conf", "/etc/apache/sites-available/default", "/home/bob/x"],
            node: "host2", director: "host1")
        #expect(actions.map(\.paths) == [["/etc/apache/httpd.conf", "/etc/apache/sites-available/default"]])
        #expect(config.localActions(for: ["/etc/apache/httpd.conf"], director: "host1").count == 1)
    }

    @Test func shippedExampleWithPrefixes() {
        let (config, diagnostics) = parse(Self.shippedExample)
        #expect(diagnostics.map(\.severity) == [.note], "\(diagnostics.rendered())")
        #expect(config.prefixes["homedir"] == [
            PrefixRule(hostPattern: "host[12]", path: "/export/users"), PrefixRule(hostPattern: "*", path: "/home"),
        ])
        let group = config.groups[0]
        #expect(group.auto == AutoResolution.none)
        #expect(group.hosts.map(\.receiveOnly) == [false, false, true, false])
        #expect(group.includes.map(\.text) == ["/etc/apache", "%homedir%/bob"])

        // %homedir% is /export/users on host1 and host2, /home elsewhere.
        #expect(config.isManaged("/export/users/bob/a", forHost: "host1"))
        #expect(!config.isManaged("/export/users/bob/temp/a", forHost: "host2"))
        #expect(!config.isManaged("/export/users/bob/a", forHost: "host3"))
        #expect(config.isManaged("/home/bob/a", forHost: "host3"))
        #expect(!config.isManaged("/home/bob/a", forHost: "host1"))
        #expect(config.walkRoots(forHost: "host1") == ["/etc/apache", "/export/users/bob"])
        #expect(config.walkRoots(forHost: "host4") == ["/etc/apache", "/home/bob"])

        // host3 is parenthesised: it deploys nothing; seen from host1, host4 gets host1's paths.
        #expect(config.nodes(forDirector: "host3").isEmpty)
        #expect(config.isManaged("/export/users/bob/a", node: "host4", director: "host1"))
        #expect(config.nodePath("/export/users/bob/a", node: "host4", director: "host1") == "/home/bob/a")
        #expect(config.nodePath("/export/users/bob/a", node: "host2", director: "host1") == "/export/users/bob/a")
        #expect(config.nodePath("/etc/apache/httpd.conf", node: "host4", director: "host1") == "/etc/apache/httpd.conf")
    }

    @Test func topLevelSettings() {
        let (config, diagnostics) = parse(Self.settings)
        #expect(diagnostics.isEmpty, "\(diagnostics.rendered())")
        #expect(config.ignoredAttributes == [.uid, .gid, .mod])
        #expect(config.groups.first?.hosts.map(\.name) == ["a", "b"])
        #expect(config.groups.first?.includes.map(\.text) == ["/srv/with space"])
        #expect(config.groups.first?.compares.map(\.text) == ["/srv/x"])
        #expect(config.isManaged("/srv/with space/f", forHost: "a"))
        #expect(!config.isManaged("/srv/x/f", forHost: "a"))
    }

    @Test func allAutoMethodsOfCsync2() {
        for method in ["none", "first", "younger", "older", "bigger", "smaller", "left", "right"] {
            let (config, diagnostics) = parse("group g { host a; auto \(method); }")
            #expect(diagnostics.isEmpty)
            #expect(config.groups.first?.auto?.rawValue == method)
        }
    }
}
