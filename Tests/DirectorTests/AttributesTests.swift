import Testing
@testable import Director

@Suite struct AttributesTests {
    @Test func roundTripsIncludingSpacesInPaths() {
        let attributes = [
            "etc/squid3/squid.conf": FileAttributes(mode: 0o640, owner: "root", group: "proxy"),
            "etc/odd name.cfg": FileAttributes(mode: 0o4755, owner: "nobody", group: "nogroup"),
        ]
        let bytes = AttributesFile.render(attributes)
        #expect(AttributesFile.parse(bytes) == attributes)
        #expect(String(decoding: bytes, as: UTF8.self).contains("0640\troot\tproxy\tetc/squid3/squid.conf\n"))
    }

    @Test func malformedLinesAreSkipped() {
        let text = "# header\n0644\troot\troot\tetc/a\nnot a line\n12x4\troot\troot\tetc/b\n"
        #expect(AttributesFile.parse(Array(text.utf8)).keys.sorted() == ["etc/a"])
    }

    @Test func summaryShowsOctalModeAndOwner() {
        #expect(FileAttributes(mode: 0o644, owner: "root", group: "proxy").summary == "0644 root:proxy")
    }
}
