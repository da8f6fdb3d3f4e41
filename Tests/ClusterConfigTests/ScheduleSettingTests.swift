import Diagnostics
import Testing
@testable import ClusterConfig

/// `sync every DURATION;` in the confsync block: how often the director service syncs.
@Suite struct ScheduleSettingTests {
    static func source(_ statement: String) -> String {
        """
        group caches { host lvs-director1 (lvs-cache1); include /etc/squid3; }
        confsync {
            \(statement)
        }
        """
    }

    @Test(arguments: [("90s", 90_000), ("15m", 900_000), ("1h", 3_600_000), ("1s", 1000)])
    func aDurationIsKept(text: String, millis: Int) {
        let (config, diagnostics) = parse(Self.source("sync every \(text);"))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.rendered())")
        #expect(config.syncEveryMillis == millis)
    }

    @Test func theDriftCheckHasItsOwnSetting() {
        let (config, diagnostics) = parse(Self.source("sync every 15m; drift-check every 1h;"))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.rendered())")
        #expect(config.syncEveryMillis == 900_000 && config.driftCheckEveryMillis == 3_600_000)
    }

    @Test func watchModeTakesAQuietPeriod() {
        let (config, diagnostics) = parse(Self.source("watch after 500ms;"))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.rendered())")
        #expect(config.watchAfterMillis == 500 && config.syncEveryMillis == nil)
    }

    @Test func theConsoleAddress() {
        let (config, diagnostics) = parse(Self.source("web 127.0.0.1:8080;"))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.rendered())")
        #expect(config.webAddress == "127.0.0.1:8080")
        #expect(parse(Self.source("web 8080;")).diagnostics.contains { $0.message.contains("expected 'web ADDRESS:PORT;'") })
    }

    @Test func noSettingMeansNoSchedule() {
        #expect(parse(Self.source("port 7300;")).config.syncEveryMillis == nil)
    }

    @Test(arguments: [
        ("sync every 500ms;", "needs a duration from 1s"),
        ("sync every soon;", "not 'soon'"),
        ("sync 15m;", "expected 'sync every DURATION;'"),
        ("sync every 15m; sync every 1h;", "set twice"),
        ("drift-check every 25h;", "'drift-check every' needs a duration from 1s to 24h"),
        ("watch after 10ms;", "'watch after' needs a duration from 100ms to 24h"),
        ("watch every 2s;", "expected 'watch after DURATION;'"),
    ])
    func aBadSettingIsAnErrorAtItsPlace(statement: String, message: String) {
        let diagnostics = parse(Self.source(statement)).diagnostics.filter { $0.severity == .error }
        #expect(diagnostics.contains { $0.message.contains(message) && $0.location.line == 3 }, "\(diagnostics.rendered())")
    }
}
