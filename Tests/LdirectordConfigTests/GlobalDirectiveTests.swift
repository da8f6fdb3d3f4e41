import Diagnostics
import Testing

/// Lines outside virtual blocks: read raw (no comment stripping), directive in column 1.
@Suite struct GlobalDirectiveTests {
    @Test(arguments: [
        "checktimeout=5", "checktimeout = 5 # seconds", "negotiatetimeout=30", "checkinterval=10",
        "failurecount=3", "autoreload=yes", "autoreload=no", "fork=no", "supervised=yes", "quiescent=yes",
        "readdquiescent=no", "cleanstop=yes", "callback=\"/usr/local/bin/changed\"", "callback=\"\"",
        "logfile=\"/var/log/ldirectord.log\"", "logfile=\"local0\"", "logfile=\"LOG_DAEMON\"",
        "execute=other.cf", "emailalert=admin@example.com", "emailalert=\"a@example.com\"", "emailalertfreq=60",
        "emailalertstatus=all", "emailalertstatus=starting, running", "emailalertstatus=,", "emailalertstatus=none",
        "emailalertfrom=lvs@example.com", "smtp=mail.example.com", "maintenancedir=/etc/ha.d/maint",
        "fallback=127.0.0.1:80", "fallback=127.0.0.1:https masq", "fallback=10.0.0.9", "fallback6=[::1]:80",
        "fallbackcommand=/usr/local/bin/sorry", "# a comment", "   # indented comment", "   ", "",
    ])
    func accepted(_ line: String) {
        expectFindings(line + "\n", [])
    }

    @Test(arguments: [
        ("checktimeout=⟨1⟩0", Finding.error(1, "checktimeout must be greater than 0")),
        ("checktimeout=⟨1⟩abc", .error(1, "checktimeout must be a number, not 'abc'")),
        ("⟨1⟩checktimeout=", .error(1, "must be a number")),
        ("negotiatetimeout=⟨1⟩00", .error(1, "greater than 0")),
        ("checkinterval=⟨1⟩0", .error(1, "checkinterval must be greater than 0")),
        ("failurecount=⟨1⟩three", .error(1, "failurecount must be a number")),
        ("autoreload=⟨1⟩Yes", .error(1, "case-sensitive")),
        ("autoreload=⟨1⟩yes # reload on change", .error(1, "does not strip a comment")),
        ("fork=⟨1⟩yes ", .error(1, "trailing white space")),
        ("fork=⟨1⟩yes\r", .error(1, "carriage return")),
        ("fork=⟨1⟩true", .error(1, "fork must be 'yes' or 'no', not 'true'")),
        ("supervised=⟨1⟩maybe", .error(1, "supervised must be 'yes' or 'no'")),
        ("⟨1⟩supervisedx", .error(1, "supervised must be 'yes' or 'no'")),
        ("⟨1⟩connecttimeout=5", .error(1, "use negotiatetimeout")),
        ("⟨1⟩timeout=5", .error(1, "use checktimeout and negotiatetimeout")),
        ("callback=⟨1⟩/usr/local/bin/changed", .error(1, "double quotes")),
        ("logfile=⟨1⟩/var/log/ldirectord.log", .error(1, "double quotes")),
        ("emailalert=⟨1⟩\"\"", .error(1, "missing e-mail address")),
        ("emailalertfreq=⟨1⟩hourly", .error(1, "emailalertfreq must be a number")),
        ("emailalertstatus=all, ⟨1⟩started", .error(1, "invalid emailalertstatus 'started'")),
        ("emailalertstatus=none, ⟨1⟩running", .error(1, "cannot be combined with 'none'")),
        ("emailalertstatus=⟨1⟩,all", .error(1, "invalid emailalertstatus ''")),
        ("emailalertstatus=⟨1⟩all ", .error(1, "invalid emailalertstatus 'all '")),
        ("⟨1⟩emailalertfrom=", .error(1, "missing value for emailalertfrom")),
        ("smtp=⟨1⟩<mail>", .error(1, "invalid SMTP server")),
        ("⟨1⟩chekinterval=5", .error(1, "did you mean 'checkinterval'")),
        ("⟨1⟩frobnicate=5", .error(1, "unknown directive 'frobnicate'")),
        ("  ⟨1⟩checktimeout=5", .error(1, "global directives start at the beginning of the line")),
        ("⟨1⟩checktimeout 5", .error(1, "expected 'checktimeout=value'")),
        ("⟨1⟩real=10.0.0.2:80 gate", .error(1, "belongs inside a virtual block")),
        ("fallback=127.0.0.1:⟨1⟩http", .error(1, "'http' has no udp entry")),
        ("fallback=127.0.0.1:⟨1⟩70000", .error(1, "out of range")),
        ("fallback=127.0.0.1:80 ⟨1⟩direct", .error(1, "forwarding method must be gate, masq or ipip")),
        ("fallback=⟨1⟩10.0.0.999", .error(1, "octet 999 is out of range")),
        ("fallback=⟨1⟩[::1]:80", .error(1, "is an IPv6 address, but this is a virtual= service")),
        ("fallback6=⟨1⟩127.0.0.1", .error(1, "is an IPv4 address, but this is a virtual6= service")),
    ])
    func rejected(_ marked: String, _ finding: Finding) {
        expectFindings(marked + "\n", [finding])
    }

    @Test(arguments: [
        ("⟨1⟩supervised", Finding.warning(1, "bare 'supervised' is deprecated")),
        ("⟨1⟩checkcount=3", .warning(1, "checkcount is deprecated")),
        ("⟨1⟩execute=", .warning(1, "execute names no configuration file")),
    ])
    func warned(_ marked: String, _ finding: Finding) {
        expectFindings(marked + "\n", [finding])
    }

    /// Accepted by ldirectord, read otherwise than written: errors only when strict.
    @Test(arguments: [
        ("checktimeout=5⟨1⟩s", "ldirectord reads '5' from '5s' and ignores 's'"),
        ("checktimeout=⟨1⟩abc5", "ignores 'abc'"),
        ("checkinterval=⟨1⟩00", "checkinterval is 0"),
        ("logfile=\"⟨1⟩ldirectord.log\"", "neither an absolute path nor a syslog facility"),
        ("smtp=mail.example.com⟨1⟩:25", "ignores ':25'"),
        ("emailalertfreq=60⟨1⟩s", "ignores 's'"),
        ("fallback=⟨1⟩10.0.0.9 10.0.0.8 gate", "reads the fallback as '10.0.0.8 gate'"),
        ("fallback=⟨1⟩127.0.0.1:80 # sorry", "does not strip comments from global lines"),
        ("fallback=⟨1⟩", "uses the loopback address"),
        ("fallback=⟨1⟩10.1:80", "reads the address '10.1' as 10.0.0.1"),
        ("fallback=127.0.0.1:⟨1⟩zope", "unknown port name 'zope'"),
    ])
    func misread(_ marked: String, _ fragment: String) throws {
        let lines = MarkedSource(marked + "\n")
        let strict = check(lines.text, strict: true)
        let lenient = check(lines.text, strict: false)
        let first = try #require(strict.first)
        #expect(first.severity == .error)
        #expect(first.location == lines.location(1, path: "t.cf"))
        #expect(first.message.contains(fragment), "\(first)")
        #expect(lenient.first?.severity == .warning)
        #expect(first.isWeakening && first.message.hasSuffix("pass --allow-weakened, or allow it for good with 'allow-weakened PATH;' in the cluster file's 'confsync' block"))
        #expect(lenient.first?.isWeakening == true && lenient.first?.message.contains(fragment) == true)
    }

    @Test func byteOrderMarkBreaksTheFirstLine() {
        expectFindings("⟨1⟩\u{FEFF}checktimeout=5\n", [.error(1, "byte order mark")])
    }

    @Test func logfileOfASupervisedDaemonIsNotChecked() {
        expectFindings("supervised=yes\nlogfile=\"ldirectord.log\"\n", [])
    }

    @Test func commentAfterAGlobalFallbackIsTwoProblems() {
        // the comment words become "host method": ldirectord rejects the method
        expectFindings("fallback=⟨1⟩127.0.0.1:80 # sorry ⟨2⟩server\n", [
            .error(1, "does not strip comments"), .error(2, "forwarding method must be gate, masq or ipip, not 'server'"),
        ])
    }
}
