import Foundation
import Testing

@testable import Agent

@Suite("Agent configuration")
struct ConfigurationTests {
    func load(_ text: String) throws -> AgentConfiguration {
        let box = try Sandbox()
        let path = box.base + "/agent.conf"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try AgentConfiguration.defaults(root: "/", name: "n").loading(path)
    }

    @Test("action-timeout defaults to 300 s and takes a duration")
    func actionTimeout() throws {
        #expect(AgentConfiguration.defaults(root: "/", name: "n").actionTimeoutMillis == 300_000)
        #expect(try load("action-timeout = 45\n").actionTimeoutMillis == 45_000)
        #expect(try load("# slow node\naction-timeout = 10m\n").actionTimeoutMillis == 600_000)
        #expect(try load("action-timeout = 1500ms\n").actionTimeoutMillis == 1500)
    }

    @Test("a bad action-timeout names the file, line and column", arguments: ["0", "soon", "25h", "5 s", "-1"])
    func badActionTimeout(value: String) throws {
        let error = #expect(throws: AgentError.self) { try load("name = n\naction-timeout = \(value)\n") }
        let message = error?.message ?? ""
        #expect(message.hasSuffix("agent.conf:2:1: error: action-timeout needs a duration above 0 and at most 24h "
            + "(60, 60s, 500ms, 2m), got '\(value)'"), "\(message)")
    }

    @Test("the shipped agent.conf template parses, and its action-timeout line enabled takes effect")
    func template() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/agent.conf")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "@HOST@", with: "n")
        #expect(try load(text).actionTimeoutMillis == 300_000)
        let enabled = text.replacingOccurrences(of: "# action-timeout = 300s", with: "action-timeout = 90s")
        #expect(enabled != text)
        #expect(try load(enabled).actionTimeoutMillis == 90_000)
    }
}
