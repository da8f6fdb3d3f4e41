import Foundation

/// A temporary directory removed when the test lets go of it.
final class Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gitstore-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The absolute path of `name` inside the directory.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}
