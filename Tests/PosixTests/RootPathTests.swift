import Posix
import Testing

/// The root prefix: trailing slashes of the root ignored, "/" and "" leave a path as it is.
struct RootPathTests {
    @Test(arguments: [
        ("/etc/a", "/", "/etc/a"),
        ("/etc/a", "", "/etc/a"),
        ("/etc/a", "/srv/n1", "/srv/n1/etc/a"),
        ("/etc/a", "/srv/n1/", "/srv/n1/etc/a"),
        ("/etc/a", "/srv/n1//", "/srv/n1/etc/a"),
        ("/etc/a", "//", "/etc/a"),
        ("/", "/srv/n1", "/srv/n1/"),
        ("/etc/confsync/host.crt", "/tmp/c/d1", "/tmp/c/d1/etc/confsync/host.crt"),
    ])
    func live(path: String, root: String, live: String) {
        #expect(RootPath.live(path, root: root) == live)
    }

    @Test(arguments: [
        ("/srv/n1/etc/a", "/srv/n1", "/etc/a"),
        ("/srv/n1/etc/a", "/srv/n1/", "/etc/a"),
        ("/etc/a", "/srv/n1", "/etc/a"),
        ("/srv/n10/etc/a", "/srv/n1", "/srv/n10/etc/a"),
        ("/etc/a", "/", "/etc/a"),
        ("/srv/n1", "/srv/n1", "/srv/n1"),
    ])
    func strip(live: String, root: String, path: String) {
        #expect(RootPath.strip(live, root: root) == path)
    }

    @Test func stripUndoesLive() {
        for root in ["/", "/srv/n1", "/srv/n1/"] {
            for path in ["/etc/a", "/etc/squid3/squid.conf"] {
                #expect(RootPath.strip(RootPath.live(path, root: root), root: root) == path)
            }
        }
    }
}
