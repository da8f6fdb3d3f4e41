import Foundation

/// Runs a blocking core call (repository, validation, a deploy's sockets) on a thread of its
/// own and awaits it, so that the server's event loops and Swift's cooperative pool never
/// block (docs/architecture.md).
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do {
                continuation.resume(returning: try body())
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}
