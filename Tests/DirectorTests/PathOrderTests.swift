import Testing
@testable import Director

@Suite struct PathOrderTests {
    static let cases: [[String]] = [
        ["/etc/b", "/etc/a", "/etc/a/b", "/etc/a-b", "/etc/a.b", "/etc/A", "/etc", "/", "/etc/a0", "/etc/"],
        ["/srv/conf/d10/f01.conf", "/srv/conf/d01/f10.conf", "/srv/conf/d01/f01.conf", "/srv/conf/d01"],
        ["/etc/caf\u{E9}", "/etc/cafe\u{301}", "/etc/cafe", "/etc/caff", "/etc/Z"],
        [],
    ]

    @Test(arguments: cases)
    func sortsAsStringsSort(_ paths: [String]) {
        #expect(PathOrder.sorted(paths) == paths.sorted())
    }
}
