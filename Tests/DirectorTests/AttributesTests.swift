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

    @Test func onlyTheWantedPathsAreDecoded() {
        var attributes = [String: FileAttributes]()
        for index in 0..<500 {
            attributes["srv/d\(index % 7)/f\(index).conf"] = FileAttributes(
                mode: UInt32(0o600 + index % 8), owner: "u\(index)", group: "g")
        }
        let bytes = AttributesFile.render(attributes)
        let wanted: Set = ["srv/d3/f3.conf", "srv/d0/f497.conf", "srv/d1/f1.conf", "not/there", "srv/d3/f3.con"]
        let found = AttributesFile.parse(bytes, only: wanted)
        #expect(found == attributes.filter { wanted.contains($0.key) })
        #expect(found.count == 3)
        // Every line decoded the same way as by the full parse.
        #expect(AttributesFile.parse(bytes, only: Set(attributes.keys)) == AttributesFile.parse(bytes))
    }

    @Test func octalModesAreCheckedDigitByDigit() {
        let text = "0644\troot\troot\ta\n0648\troot\troot\tb\n\troot\troot\tc\n77777777777777\tr\tr\td\n"
        #expect(AttributesFile.parse(Array(text.utf8)).keys.sorted() == ["a"])
    }

    @Test func summaryShowsOctalModeAndOwner() {
        #expect(FileAttributes(mode: 0o644, owner: "root", group: "proxy").summary == "0644 root:proxy")
    }
}
