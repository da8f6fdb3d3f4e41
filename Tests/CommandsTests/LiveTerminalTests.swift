import Testing

@testable import Commands

/// When a deploy redraws its per-node block: on a terminal that can move its cursor, or when
/// the service runs the command for a caller that has one.
@Suite struct LiveTerminalTests {
    @Test func aTerminalIsLiveUnlessItIsDumb() {
        #expect(Console.live(terminal: true, environment: ["TERM": "xterm-256color"]))
        #expect(Console.live(terminal: true, environment: [:]))
        #expect(!Console.live(terminal: true, environment: ["TERM": "dumb"]), "an editor's shell buffer gets plain lines")
        #expect(!Console.live(terminal: false, environment: ["TERM": "xterm"]), "a pipe is never live")
    }

    @Test func theServiceRunsLiveForACallerWithATerminal() {
        #expect(Console.live(terminal: false, environment: ["CONFSYNC_LIVE": "always"]))
        #expect(Console.live(terminal: false, environment: ["CONFSYNC_LIVE": "always", "TERM": "dumb"]),
                "the caller decided already")
        #expect(!Console.live(terminal: false, environment: ["CONFSYNC_LIVE": "never"]))
    }
}
