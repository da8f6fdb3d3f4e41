import Foundation
import TestSupport
import Testing
@testable import Transport

/// Runs `body` on its own thread (blocking socket work stays off the test's executor);
/// `value()` waits for it.
final class Background<T: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var outcome: Result<T, any Error>?

    init(_ body: @escaping @Sendable () throws -> T) {
        Thread { [self] in
            outcome = Result { try body() }
            finished.signal()
        }.start()
    }

    /// The closure's result or error; fails if it has not finished within 30 seconds.
    func value() throws -> T {
        guard finished.wait(timeout: .now() + 30) == .success, let outcome else {
            throw TransportError(.timeout, "background work did not finish")
        }
        return try outcome.get()
    }
}

/// The error `body` throws, if it is a TransportError.
func transportError(_ body: () throws -> some Any) -> TransportError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? TransportError
    }
}

let loopback = Endpoint(host: "127.0.0.1", port: 0)

extension TLSListener {
    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: port) }
}

/// Runs `openssl ARGUMENTS` with `input` on its standard input; its errors are discarded.
@discardableResult
func openssl(_ arguments: [String], input: String = "") throws -> ProcessResult {
    try ProcessRunner.run("/usr/bin/env", ["openssl"] + arguments, input: Array(input.utf8), standardError: .discard)
}
