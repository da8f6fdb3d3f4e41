import Diagnostics
import Testing

/// `virtual=` lines and their blocks: layout, directives, resolution order, duplicates.
@Suite struct VirtualBlockTests {
    @Test func blankLineEndsTheBlock() {
        expectFindings("""
            ⟨1⟩virtual=10.0.0.1:80
            \treal=10.0.0.2:80 gate

            \t⟨2⟩service=http

            """, [.error(2, "the empty line 3 ended the block")])
    }

    @Test func blankLineHintLastsUntilTheNextGlobalDirective() {
        expectFindings("""
            virtual=10.0.0.1:80
            \treal=10.0.0.2:80 gate

            \t⟨1⟩service=http
            \t⟨2⟩scheduler=wlc
            checktimeout=5
            \t⟨3⟩protocol=tcp

            """, [.error(1, "ended the block"), .error(2, "ended the block"), .error(3, "belongs inside a virtual block")])
    }

    @Test func blankLineErrorPointsAtTheVirtualService() throws {
        let source = MarkedSource("⟨1⟩virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\n\tservice=http\n")
        let error = try #require(check(source.text).first)
        #expect(error.notes.map(\.location) == [source.location(1, path: "t.cf")])
    }

    @Test func lessThanFourColumnsEndsTheBlock() throws {
        let source = MarkedSource("⟨1⟩virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n   ⟨2⟩service=http\n")
        let diagnostics = check(source.text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == source.location(2, path: "t.cf"))
        #expect(diagnostics.first?.message.contains("indented by 3 columns") == true)
        #expect(diagnostics.first?.notes.first?.location == source.location(1, path: "t.cf"))
    }

    @Test(arguments: ["\t", "    ", "  ", ""])
    func shortBlankLineEndsTheBlock(_ blank: String) {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\(blank)\n\t⟨1⟩service=http\n",
                       [.error(1, "ended the block")])
    }

    @Test(arguments: ["     ", "\t ", "\t\t", "        "])
    func longBlankLineIsRejected(_ blank: String) {
        let marked = "virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\(blank)\n\tservice=http\n"
        let diagnostics = check(marked)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.line == 3)
        #expect(diagnostics.first?.message.contains("a line of blanks only") == true)
    }

    @Test func commentsDoNotEndTheBlock() {
        expectFindings("virtual=10.0.0.1:80\n# column 1\n\treal=10.0.0.2:80 gate # web1\n  # two blanks\n\tservice=http # check\n", [])
    }

    @Test func hashInsideQuotesStartsAComment() {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\treceive=⟨1⟩\"#1 ok\"\n",
                       [.error(1, "receive must be written in double quotes")])
    }

    @Test func tabsCountAsFourColumnsAndColumnsStayTrue() {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\t\tchecktype=⟨1⟩bogus\n",
                       [.error(1, "checktype must be")])
    }

    @Test func virtualOnTheLastLineIsADuplicate() {
        expectFindings("checkinterval=5\n⟨1⟩virtual=10.0.0.1:80\n", [.error(1, "reads it twice")])
    }

    @Test func virtualFollowedByAnotherHasNoRealsButIsValid() {
        expectFindings("virtual=⟨1⟩10.0.0.1:80\nvirtual=10.0.0.1:81\n\treal=10.0.0.2:81 gate\n\tchecktype=connect\n",
                       [.warning(1, "has no real servers")])
    }

    @Test func duplicateVirtualServiceNotesTheFirst() throws {
        let source = MarkedSource("""
            virtual=⟨1⟩10.0.0.1:80
            \treal=10.0.0.2:80 gate
            virtual=⟨2⟩10.0.0.1:http
            \treal=10.0.0.3:80 gate

            """)
        let diagnostics = check(source.text)
        #expect(diagnostics.count == 1)
        let error = try #require(diagnostics.first)
        #expect(error.message == "duplicate virtual service tcp 10.0.0.1:80")
        #expect(error.location == source.location(2, path: "t.cf"))
        #expect(error.notes.map(\.location) == [source.location(1, path: "t.cf")])
    }

    @Test(arguments: [
        ("virtual=10.0.0.1:53\n", "virtual=10.0.0.1:53\n\tprotocol=tcp\n"),
        ("virtual=5\n", "virtual6=5\n"),
        ("virtual=10.0.0.1:80\n", "virtual=10.0.0.1:81\n"),
    ])
    func differentServices(_ first: String, _ second: String) {
        let reals = "\treal=10.0.0.2 gate\n\tchecktype=connect\n"
        let six = "\treal6=[::2] gate\n\tchecktype=connect\n"
        let text = first + reals + second + (second.hasPrefix("virtual6") ? six : reals)
        #expect(!check(text).hasErrors, "\(check(text).rendered())")
    }

    @Test func sameIPv6ServiceWrittenTwoWays() {
        let text = "virtual6=[2001:db8::1]:80\n\treal6=[2001:db8::2]:80 gate\nvirtual6=[2001:DB8:0:0::1]:80\n\treal6=[2001:db8::2]:80 gate\n"
        #expect(check(text).filter { $0.severity == .error }.map(\.message) == ["duplicate virtual service tcp [2001:db8::1]:80"])
    }

    @Test func leadingZeroPortIsADuplicateOnlyForIPVS() {
        let text = "virtual=10.0.0.1:0080\n\treal=10.0.0.2 gate\nvirtual=10.0.0.1:80\n\treal=10.0.0.2 gate\n"
        #expect(check(text, strict: true).hasErrors)
        #expect(!check(text, strict: false).hasErrors)
        #expect(check(text, strict: false).contains { $0.message.contains("ldirectord misses it") })
    }

    @Test(arguments: [
        ("virtual=⟨1⟩10.0.0.300:80", Finding.error(1, "octet 300 is out of range")),
        ("virtual=10.0.0.1:⟨1⟩65536", .error(1, "port 65536 of the virtual service is out of range")),
        ("virtual=10.0.0.1:⟨1⟩ntp", .error(1, "'ntp' has no tcp entry")),
        ("⟨1⟩virtual=[2001:db8::1]:80", .error(1, "an IPv6 address needs virtual6=")),
        ("virtual6=⟨1⟩2001:db8::1:80", .error(1, "go in brackets")),
        ("virtual6=[⟨1⟩2001::db8::1]:80", .error(1, "invalid IPv6 address '2001::db8::1'")),
        ("virtual=⟨1⟩www.example.com", .error(1, "invalid address for virtual service")),
        ("⟨1⟩virtual=", .error(1, "invalid address for virtual service ''")),
        ("virtual6=⟨1⟩10.0.0.1:80", .error(1, "is an IPv4 address, but this is a virtual6= service")),
    ])
    func rejectedVirtualAddress(_ header: String, _ finding: Finding) {
        let real = header.hasPrefix("virtual6") ? "\treal6=[2001:db8::2]:80 gate\n" : "\treal=10.0.0.2:80 gate\n"
        expectFindings(header + "\n" + real + "\tchecktype=connect\n", [finding])
    }

    @Test func virtualWithoutPortIsReadAsAFirewallMark() {
        expectFindings("virtual=⟨1⟩10.0.0.1\n\treal=10.0.0.2:80 gate\n\tchecktype=connect\n",
                       [.error(1, "as firewall mark 10")])
        expectFindings("virtual=⟨1⟩10.0.0.1\n\treal=10.0.0.2:80 gate\n\tchecktype=connect\n",
                       [.warning(1, "as firewall mark 10")], strict: false)
    }

    @Test func hostNamesAreAcceptedUnresolvedByDefault() {
        expectFindings("virtual=www.example.com:80\n\treal=web1.example.com:80 gate\n", [])
    }

    @Test func resolvingHostNamesRejectsUnknownNames() {
        // .invalid never resolves (RFC 6761); localhost comes from /etc/hosts
        expectFindings("virtual=⟨1⟩web.invalid:80\n\treal=localhost:80 gate\n",
                       [.error(1, "cannot resolve host name 'web.invalid'")], resolve: true)
    }

    @Test func resolvedNamesTakePartInDuplicates() {
        let text = "virtual=127.0.0.1:80\n\treal=10.0.0.2 gate\nvirtual=localhost:80\n\treal=10.0.0.2 gate\n"
        #expect(!check(text).hasErrors)
        #expect(check(text, resolve: true).contains { $0.message == "duplicate virtual service tcp 127.0.0.1:80" })
    }

    @Test(arguments: [
        "checktype=connect", "checktype=negotiate", "checktype=ping", "checktype=off", "checktype=on", "checktype=3",
        "service=http", "service=https", "service=simpletcp", "request=\"/x\"", "receive=\"ok\"", "login=\"u\"",
        "passwd=\"p\"", "database=\"d\"", "secret=\"s\"", "load=\"l\"", "checkcommand=/bin/check",
        "checkcommand=\"/bin/check x\"", "checktimeout=5", "negotiatetimeout=5", "failurecount=3",
        "checkport=8080", "scheduler=wlc", "persistent=300", "schedflags=sh-port", "netmask=255.255.255.0",
        "protocol=tcp", "protocol=udp", "ops=no", "httpmethod=HEAD", "httpmethod=get", "virtualhost=www.example.com",
        "virtualhost=\"www.example.com\"", "fallback=127.0.0.1:80", "fallback=10.0.0.9 masq", "fallbackcommand=/bin/sorry",
        "quiescent=yes", "cleanstop=no", "emailalert=a@example.com", "emailalertfreq=60", "emailalertstatus=all",
        "monitorfile=/var/log/web.monitor", "smtp=mail.example.com", "servicename=web", "comment=front web",
    ])
    func acceptedBlockLine(_ line: String) {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\t\(line)\n", [])
    }

    @Test(arguments: [
        ("checktype=⟨1⟩http", Finding.error(1, "checktype must be")),
        ("checktype=⟨1⟩Connect", .error(1, "check types are lower case")),
        ("checktimeout=⟨1⟩0", .error(1, "checktimeout must be greater than 0")),
        ("checkport=⟨1⟩0", .error(1, "checkport must be in the range 1-65535")),
        ("checkport=⟨1⟩70000", .error(1, "checkport must be in the range 1-65535")),
        ("scheduler=⟨1⟩WLC", .error(1, "scheduler must be a lower-case name")),
        ("persistent=⟨1⟩yes", .error(1, "persistent timeout must be a number")),
        ("netmask=⟨1⟩24", .error(1, "netmask must be a dotted quad")),
        ("netmask=⟨1⟩255.255.255.0 ", .error(1, "trailing blanks")),
        ("protocol=⟨1⟩sctp", .error(1, "ldirectord 4.12 has no sctp")),
        ("protocol=⟨1⟩fwm", .error(1, "protocol must be tcp or udp")),
        ("ops=⟨1⟩Yes", .error(1, "case-sensitive")),
        ("quiescent=⟨1⟩yes ", .error(1, "trailing white space")),
        ("service=⟨1⟩www", .error(1, "service must be one of")),
        ("httpmethod=⟨1⟩POST", .error(1, "httpmethod must be GET or HEAD")),
        ("request=⟨1⟩/index.html", .error(1, "request must be written in double quotes")),
        ("request=⟨1⟩\"\"", .error(1, "empty request string")),
        ("load=\"⟨1⟩ \"", .error(1, "invalid load string")),
        ("checkcommand=⟨1⟩\"\"", .error(1, "missing command for checkcommand")),
        ("⟨1⟩connecttimeout=5", .error(1, "use negotiatetimeout")),
        ("⟨1⟩real6=[::2]:80 gate", .error(1, "real6= cannot be used in a virtual= block; use real=")),
        ("⟨1⟩fallback6=[::1]:80", .error(1, "use fallback=")),
        ("fallback=127.0.0.1:80 ⟨1⟩route", .error(1, "forwarding method")),
        ("⟨1⟩autoreload=yes", .error(1, "'autoreload' is a global directive")),
        ("⟨1⟩sheduler=wlc", .error(1, "did you mean 'scheduler'")),
        ("checktype=⟨1⟩negotiat", .error(1, "not 'negotiat'; did you mean 'negotiate'?")),
        ("real=10.0.0.2:80 ⟨1⟩gat", .error(1, "not 'gat'; did you mean 'gate'?")),
        ("⟨1⟩real 10.0.0.3:80 gate", .error(1, "expected 'real=value'")),
        ("monitorfile=⟨1⟩/var/log/", .error(1, "names a directory")),
        ("emailalertstatus=⟨1⟩sometimes", .error(1, "invalid emailalertstatus")),
        ("emailalertfreq=⟨1⟩x", .error(1, "emailalertfreq must be a number")),
        ("smtp=⟨1⟩@mail", .error(1, "invalid SMTP server")),
        ("⟨1⟩!!!", .error(1, "'!!!' is no directive")),
    ])
    func rejectedBlockLine(_ marked: String, _ finding: Finding) {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\t\(marked)\n", [finding])
    }

    @Test(arguments: [
        ("scheduler=⟨1⟩Wrr", "reads 'rr' from 'Wrr'"),
        ("checktype=⟨1⟩connect5", "reads '5' from 'connect5'"),
        ("protocol=tcp⟨1⟩/udp", "ignores '/udp'"),
        ("netmask=⟨1⟩255.0.255.0", "is not a valid mask"),
        ("netmask=⟨1⟩255.255.255.300", "is not a valid mask"),
        ("checktimeout=⟨1⟩00", "checktimeout is 0"),
        ("request=\"/x\" ⟨1⟩junk", "ignores 'junk'"),
        ("fallback=⟨1⟩", "loopback"),
    ])
    func misreadBlockLine(_ marked: String, _ fragment: String) {
        let text = "virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\t\(marked)\n"
        expectFindings(text, [.error(1, fragment)])
        expectFindings(text, [.warning(1, fragment)], strict: false)
    }

    @Test func unknownSchedulerIsAWarning() {
        expectFindings("virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\tscheduler=⟨1⟩wlcx\n",
                       [.warning(1, "unknown IPVS scheduler 'wlcx'")])
    }

    @Test func netmaskOfVirtual6IsAPrefixLength() {
        let head = "virtual6=[2001:db8::1]:80\n\treal6=[2001:db8::2]:80 gate\n\tservice=http\n"
        expectFindings(head + "\tnetmask=64\n", [])
        expectFindings(head + "\tnetmask=⟨1⟩129\n", [.error(1, "prefix length from 1 to 128")])
        expectFindings(head + "\tnetmask=⟨1⟩ffff::\n", [.error(1, "prefix length from 1 to 128")])
    }

    @Test func firewallMarkProtocolIsFwm() {
        expectFindings("virtual=7\n\treal=10.0.0.2 gate\n\tchecktype=connect\n\tprotocol=fwm\n", [])
        expectFindings("virtual=7\n\treal=10.0.0.2 gate\n\tchecktype=connect\n\tprotocol=⟨1⟩udp\n",
                       [.error(1, "the protocol of a firewall-mark service must be fwm")])
    }

    @Test func fallbackInheritsTheVirtualPort() {
        expectFindings("virtual=10.0.0.1:http\n\treal=10.0.0.2:80 gate\n\tfallback=127.0.0.1\n", [])
        expectFindings("virtual=10.0.0.1:⟨2⟩http\n\treal=10.0.0.2:80 gate\n\tprotocol=udp\n\tfallback=⟨1⟩127.0.0.1\n",
                       [.error(1, "inherits the port 'http'"), .error(2, "'http' has no udp entry")])
    }

    /// ldirectord resolves after the block: a block line's error comes before the
    /// address errors of earlier lines.
    @Test func blockLinesAreCheckedBeforeAddresses() {
        expectFindings("""
            virtual=⟨3⟩10.0.0.300:80
            \treal=⟨4⟩10.0.0.256:80 gate
            \tfallback=⟨2⟩10.0.0.999
            \tchecktype=⟨1⟩bogus

            """, [.error(1, "checktype"), .error(2, "fallback server"), .error(3, "virtual service"), .error(4, "real server")])
    }

    @Test(arguments: [
        ("virtual=⟨1⟩10.0.0.1:8080\n\treal=10.0.0.2:8080 gate\n", "negotiate check with service 'none'"),
        ("virtual=⟨1⟩10.0.0.1:80\n\tservice=http\n", "has no real servers and no fallback"),
        ("virtual=⟨1⟩10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tchecktype=external\n", "without checkcommand= runs /bin/true"),
        ("virtual=10.0.0.1:⟨1⟩0\n\treal=10.0.0.2 gate\n\tservice=http\n", "port 0 (all ports) needs persistent="),
    ])
    func serviceWarnings(_ marked: String, _ fragment: String) {
        expectFindings(marked, [.warning(1, fragment)])
    }

    @Test func checkintervalInABlockNeedsFork() {
        let block = "virtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n\tservice=http\n\t⟨1⟩checkinterval=3\n"
        expectFindings(block, [.warning(1, "ignored unless fork=yes")])
        expectFindings(block + "fork=yes\n", [])     // fork= may come after the block
    }
}
