import Diagnostics
import SquidConfig
import Testing

/// In-memory files for includes and ACL files.
struct MemoryLookup: SquidFileLookup {
    var files: [String: String] = [:]

    func expand(_ pattern: String) -> [(path: String, text: String)] {
        if pattern.hasSuffix("*.conf") {
            let prefix = String(pattern.dropLast("*.conf".count))
            return files.keys.sorted().filter { $0.hasPrefix(prefix) && $0.hasSuffix(".conf") }.compactMap { path in
                files[path].map { (path, $0) }
            }
        }
        return files[pattern].map { [(pattern, $0)] } ?? []
    }

    func exists(_ path: String) -> Bool { files[path] != nil }
}

private func check(_ source: MarkedSource, files: MemoryLookup = MemoryLookup(), strict: Bool = true) -> [Diagnostic] {
    var options = SquidCheckOptions()
    options.strict = strict
    return SquidChecker.check(source.text, path: "squid.conf", files: files, options: options)
}

private func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }

/// Positions and messages of single problems, marked in the input.
@Suite struct CheckerPositionTests {
    struct Case: Sendable, CustomStringConvertible {
        let source: String
        let message: String
        var description: String { source }
    }

    static let cases: [Case] = [
        Case(source: "⟨1⟩http_prot 3128\n", message: "unrecognized directive 'http_prot'; did you mean 'http_port'?"),
        Case(source: "http_port 3128\ncache_mem 256 ⟨1⟩MiB\n", message: "unknown size unit 'MiB'"),
        Case(source: "cache_mem ⟨1⟩256MB\n", message: "'256MB' is not a number"),
        Case(source: "read_timeout 5 ⟨1⟩sec\n", message: "unknown time unit 'sec'"),
        Case(source: "via ⟨1⟩yes\n", message: "invalid value 'yes'"),
        Case(source: "acl lan src ⟨1⟩10.0.0.0/33\n", message: "unknown netmask '33'"),
        Case(source: "acl lan src ⟨1⟩10.0.0.300\n", message: "bad host/IP '10.0.0.300'"),
        Case(source: "acl a src 10.0.0.0/8\nacl a ⟨1⟩dst 10.0.0.1\n", message: "already exists with a different type"),
        Case(source: "acl lan ⟨1⟩srcip 10.0.0.0/8\n", message: "invalid ACL type 'srcip'"),
        Case(source: "acl p port ⟨1⟩80-abc\n", message: "invalid port value '80-abc'"),
        Case(source: "http_port 3128 ⟨1⟩transparant\n", message: "unknown option 'transparant'; did you mean 'transparent'?"),
        Case(source: "http_port 3128 ⟨1⟩defaultsite=a.example\n", message: "defaultsite option requires acceleration mode"),
        Case(source: "cache_dir ⟨1⟩coss /var/spool/squid 100 16 256\n", message: "unsupported cache type 'coss'"),
        Case(source: "cache_dir ufs /c 100 ⟨1⟩0 256\n", message: "invalid level 1 directories value '0'"),
        Case(source: "cache_dir ufs /c 100 16 256 ⟨1⟩maxsize=1\n", message: "unknown ufs option 'maxsize=1'; did you mean 'max-size'?"),
        Case(source: "cache_dir ufs /c 100 16 256 ⟨1⟩no-store=on\n", message: "'no-store=on': no-store= takes a number (1 or 0), not 'on'"),
        Case(source: "cache_dir ufs /c 100 16 256 ⟨1⟩IOEngine=Foo\n", message: "no such disk I/O module"),
        Case(source: "cache_dir rock /c 100 ⟨1⟩slot-size=abc\n", message: "slot-size must be a positive number"),
        Case(source: "http_port ⟨1⟩3128x\n", message: "http_port: '3128x' is not a port number"),
        Case(source: "connect_timeout 30 ⟨1⟩secs\n", message: "unknown time unit 'secs'; did you mean 'seconds'?"),
        Case(source: "http_access deny ⟨1⟩SSL_ports\nacl ssl_portz port 443\n", message: "ACL 'SSL_ports' is not defined"),
        Case(source: "refresh_pattern . 0 ⟨1⟩twenty 4320\n", message: "'twenty' is not a percentage"),
        Case(source: "cache_peer 10.0.0.1 parent ⟨1⟩proxy 0\n", message: "'proxy' is not a number"),
        Case(source: "auth_param ⟨1⟩basci program /bin/true\n", message: "unknown authentication scheme 'basci'; did you mean 'basic'?"),
        Case(source: "http_access ⟨1⟩allw all\n", message: "expecting 'allow' or 'deny', got 'allw'"),
        Case(source: "acl bad url_regex ⟨1⟩^(foo\n", message: "invalid regular expression '^(foo'"),
        Case(source: "⟨1⟩endif\n", message: "'endif' without 'if'"),
        Case(source: "⟨1⟩if 1 > 0\nendif\n", message: "Unable to evaluate expression '1 > 0'"),
        Case(source: "acl lan src 10.0.0.0/8 \\\n  ⟨1⟩10.0.0.999\n", message: "bad host/IP '10.0.0.999'"),
        Case(source: "⟨1⟩log_access allow all\n", message: "directive 'log_access' is obsolete"),
        Case(source: "acl d dstdomain www.example.com ⟨1⟩.example.com\n", message: "'www.example.com' is a subdomain of '.example.com'"),
        Case(source: "acl grp external ⟨1⟩nohelper x\n", message: "'nohelper' is not defined by an earlier external_acl_type"),
        // squid crashes on this one (xstrdup of NULL), so it cannot be in the differential corpus
        Case(source: "request_header_replace User-Agent⟨1⟩\n", message: "missing the replacement value"),
        Case(source: "logformat x %ts ⟨1⟩%zz\n", message: "unsupported %code"),
        Case(source: "deny_info ⟨1⟩302 all\n", message: "status 302 requires a URL"),
    ]

    @Test(arguments: cases)
    func reportsAtMarker(_ testCase: Case) throws {
        let source = MarkedSource(testCase.source)
        let found = errors(check(source))
        let first = try #require(found.first, "no error for \(testCase.source)")
        #expect(found.count == 1, "\(found.rendered())")
        #expect(first.location == source.location(1, path: "squid.conf"))
        #expect(first.message.contains(testCase.message), "\(first.message)")
    }
}

@Suite struct CheckerBehaviourTests {
    @Test func lateACLHasANoteAtItsDefinition() throws {
        let source = MarkedSource("http_access allow ⟨1⟩lan\nacl ⟨2⟩lan src 10.0.0.0/8\n")
        let found = errors(check(source))
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == source.location(1, path: "squid.conf"))
        #expect(error.message == "ACL 'lan' is used before it is defined")
        #expect(error.notes.map(\.location) == [source.location(2, path: "squid.conf")])
        #expect(error.notes.first?.message == "ACL 'lan' is defined here, after its first use")
    }

    @Test func negatedAndCaseInsensitiveACLNames() {
        let source = MarkedSource("acl Safe port 80\nhttp_access deny !safe\nhttp_access allow SAFE all\n")
        #expect(check(source).isEmpty)
    }

    @Test func everyProblemIsReported() {
        let source = MarkedSource(
            "⟨1⟩http_prot 3128\ncache_mem 1 ⟨2⟩TB\nhttp_access allow ⟨3⟩nobody\nvia ⟨4⟩yes\n")
        let found = errors(check(source))
        #expect(found.map(\.location) == (1...4).map { source.location($0, path: "squid.conf") })
    }

    @Test func unitsMatchByCaseInsensitivePrefix() {
        #expect(check(MarkedSource("cache_mem 256 MBx\nread_timeout 30 secondz\ncache_mem 1 gb\n")).isEmpty)
    }

    @Test func includesAreFollowedAndErrorsPointIntoTheIncludedFile() throws {
        var files = MemoryLookup()
        files.files["/etc/squid/conf.d/a.conf"] = "acl lan src 10.0.0.0/8\n"
        files.files["/etc/squid/conf.d/b.conf"] = "cache_mem 1 MiB\n"
        let source = MarkedSource("include ⟨1⟩/etc/squid/conf.d/*.conf\nhttp_access allow lan\n")
        let found = errors(check(source, files: files))
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.path == "/etc/squid/conf.d/b.conf")
        #expect(error.location.line == 1)
        #expect(error.notes.map(\.location) == [source.location(1, path: "squid.conf")])
    }

    @Test func missingIncludeIsAnError() {
        let source = MarkedSource("include ⟨1⟩/etc/squid/missing.conf\n")
        #expect(errors(check(source)).map(\.location) == [source.location(1, path: "squid.conf")])
    }

    @Test func includeDepthIsLimited() {
        var files = MemoryLookup()
        files.files["/loop.conf"] = "include /loop.conf\n"
        let found = errors(check(MarkedSource("include /loop.conf\n"), files: files))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("nested too deeply") == true)
    }

    @Test func conditionalsFollowProcessNumberZero() {
        let source = MarkedSource("if ${process_number} = 0\nhttp_port 3128\nelse\nno_such_directive\nendif\n")
        #expect(check(source).isEmpty)
        let open = MarkedSource("⟨1⟩if true\nhttp_port 3128\n")
        #expect(errors(check(open)).map(\.location) == [open.location(1, path: "squid.conf")])
    }

    @Test func aclValuesComeFromFiles() {
        var files = MemoryLookup()
        files.files["/etc/squid/lan.txt"] = "# networks\n10.0.0.0/8\n\n192.168.0.0/33\n"
        let found = errors(check(MarkedSource("acl lan src \"/etc/squid/lan.txt\"\nhttp_access allow lan\n"), files: files))
        #expect(found.map(\.location) == [SourceLocation(path: "/etc/squid/lan.txt", line: 4)])
    }

    @Test func quotedValuesModeReadsQuotesAndParameters() {
        var files = MemoryLookup()
        files.files["/etc/squid/names.txt"] = "a.example.com\nb.example.com\n"
        let source = MarkedSource("configuration_includes_quoted_values on\nvisible_hostname \"proxy one\"\n"
            + "acl d dstdomain parameters(\"/etc/squid/names.txt\")\nhttp_access deny d\n")
        #expect(check(source, files: files).isEmpty)
    }
}

/// Warnings about what `squid -k parse` accepts but a running squid trips over.
@Suite struct RuntimeWarningTests {
    @Test func sharedUFSCacheDirWithWorkers() {
        let source = MarkedSource("workers 2\ncache_dir ⟨1⟩ufs /var/spool/squid 100 16 256\n"
            + "cache_dir aufs /var/spool/squid/${process_number} 100 16 256\ncache_dir rock /r 100\n")
        let found = check(source)
        #expect(!found.hasErrors)
        #expect(found.filter { $0.severity == .warning }.map(\.location) == [source.location(1, path: "squid.conf")])
    }

    @Test func duplicateListeningPort() throws {
        let source = MarkedSource("http_port ⟨1⟩3128\nhttp_port 3129\nhttp_port ⟨2⟩3128 accel\n")
        let found = check(source)
        let warning = try #require(found.first { $0.severity == .warning })
        #expect(warning.location == source.location(2, path: "squid.conf"))
        #expect(warning.notes.map(\.location) == [source.location(1, path: "squid.conf")])
    }
}

/// What `strict` adds to squid's own rules (docs/validation.md lists each).
@Suite struct StrictModeTests {
    static let weakenedBySquid: [String] = [
        "acl blocked dstdomain \"/nonexistent/list\"\n",
        "http_access allw all\n",
        "cache_dir coss /var/spool/squid 100 16 256\n",
        "acl bad url_regex ^(foo\n",
        "refresh_pattern ^(ftp 1440 20% 10080\n",
        "refresh_pattern . 0 20% 4320 bogus-option\n",
        "cache_peer 10.0.0.2 parent 3128 0 no-qurey\n",
        "cache_peer 10.0.0.2 parnet 3128 0\n",
        "cache_peer_access nopeer allow all\n",
        "auth_param basic realmm x\n",
        "deny_info ERR_ACCESS_DENIED nosuchacl\n",
        "cache_peer 10.0.0.2 parent 80 0 no-query originserver name=web\ncache_peer_domain web www.example.com\n",
    ]

    @Test(arguments: weakenedBySquid)
    func errorOnlyWhenStrict(_ text: String) {
        #expect(check(MarkedSource(text), strict: true).hasErrors)
        let lenient = check(MarkedSource(text), strict: false)
        #expect(!lenient.hasErrors)
        #expect(lenient.contains { $0.severity == .warning })
    }

    @Test func hostnamesAreNotResolvedButMustBePlausible() {
        #expect(!check(MarkedSource("acl web dst www.example.com\nhttp_port proxy.example.net:3128\n")).hasErrors)
        #expect(check(MarkedSource("acl web dst www..example\n")).hasErrors)
        #expect(check(MarkedSource("tcp_outgoing_address 10.0.0.300\n")).hasErrors)
    }
}

/// `resolveHostnames` asks the lookup about each name squid would resolve while parsing.
@Suite struct HostnameResolutionTests {
    struct Resolver: SquidFileLookup {
        let known: Set<String>
        func expand(_ pattern: String) -> [(path: String, text: String)] { [] }
        func exists(_ path: String) -> Bool { false }
        func resolves(_ host: String) -> Bool { known.contains(host) }
    }

    @Test func unresolvableNamesAreErrorsOnlyWhenAsked() {
        let source = MarkedSource(
            "acl web dst ⟨1⟩www.example.com\ntcp_outgoing_address ⟨2⟩out.example.net\nacl ok dst good.example\n")
        let resolver = Resolver(known: ["good.example"])
        #expect(!SquidChecker.check(source.text, path: "squid.conf", files: resolver).hasErrors)
        var options = SquidCheckOptions()
        options.resolveHostnames = true
        let found = SquidChecker.check(source.text, path: "squid.conf", files: resolver, options: options)
            .filter { $0.severity == .error }
        #expect(found.map(\.location) == [source.location(1, path: "squid.conf"), source.location(2, path: "squid.conf")])
    }
}
