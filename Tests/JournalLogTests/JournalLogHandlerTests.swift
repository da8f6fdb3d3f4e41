import Logging
import Synchronization
import Testing
@testable import JournalLog

/// One line per event, as the journal reads it under systemd and as a person reads it
/// elsewhere.
@Suite struct JournalLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func linesForTheJournalAndForATerminal() {
        let captured = Lines()
        let journal = Logger(label: "t") { _ in JournalLogHandler(program: "confsync serve", journal: true, write: captured.append) }
        let terminal = Logger(label: "t") { _ in JournalLogHandler(program: "confsync serve", journal: false, write: captured.append) }
        journal.warning("refused commit", metadata: ["uid": "1000", "op": "commit"])
        terminal.notice("stopped")
        terminal.debug("not shown: below the default level")
        #expect(captured.all == ["<4>refused commit op=commit uid=1000\n", "confsync serve: notice: stopped\n"])
    }

    /// The agent's lines as `AgentLog` wrote them before it logged through swift-log.
    @Test func theAgentsLinesKeepTheirFormat() {
        let terminal = JournalLogHandler(program: "confsync agent", journal: false) { _ in }
        let journal = JournalLogHandler(program: "confsync agent", journal: true) { _ in }
        #expect(terminal.line(.warning, "refused 10.0.0.9:4711: timeout") == "confsync agent: warning: refused 10.0.0.9:4711: timeout")
        #expect(journal.line(.warning, "refused 10.0.0.9:4711: timeout") == "<4>refused 10.0.0.9:4711: timeout")
        #expect(journal.line(.info, "x") == "<6>x")
        #expect(terminal.line(.error, "x") == "confsync agent: error: x")
        #expect(terminal.line(.notice, "x") == "confsync agent: notice: x")
    }

    @Test(arguments: [
        (Logger.Level.critical, 2), (.error, 3), (.warning, 4), (.notice, 5), (.info, 6), (.debug, 7), (.trace, 7),
    ])
    func prioritiesAreSyslogs(_ level: Logger.Level, _ priority: Int) {
        #expect(JournalLogHandler.priority(level) == priority)
    }
}
