import Foundation
import Testing

@testable import Service

/// The caller's terminal is one value on both sides of the service, and two fields of a
/// version 1 request on the wire, spelled as before (`color`, `live`; absent: false).
@Suite struct CallerTerminalTests {
    @Test(arguments: [
        (CallerTerminal(color: true, live: false), #"{"arguments":["deploy"],"color":true,"directory":"\/srv","live":false,"op":"run","version":1}"#),
        (CallerTerminal(color: false, live: true), #"{"arguments":["deploy"],"color":false,"directory":"\/srv","live":true,"op":"run","version":1}"#),
    ])
    func aRunRequestSendsTheTerminalAsItsTwoFields(terminal: CallerTerminal, line: String) throws {
        let request = ServiceRequest(run: ["deploy"], terminal: terminal, directory: "/srv")
        #expect(try ServiceClient.encode(request) == line)
        let decoded = try JSONDecoder().decode(ServiceRequest.self, from: Data(line.utf8))
        #expect(decoded.terminal == terminal)
        #expect(decoded == request)
    }

    @Test func aRequestWithoutTheFieldsIsForAPlainTerminal() throws {
        let line = #"{"arguments":["status"],"op":"run","version":1}"#
        let decoded = try JSONDecoder().decode(ServiceRequest.self, from: Data(line.utf8))
        #expect(decoded.terminal == .plain)
        #expect(ServiceRequest(op: .run, arguments: ["status"], color: true).terminal == CallerTerminal(color: true, live: false))
    }
}
