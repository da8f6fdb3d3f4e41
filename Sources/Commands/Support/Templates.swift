import Foundation

/// Lays down a template file where nothing exists yet, with @NAME@ placeholders filled in.
enum Templates {
    enum Outcome { case written, kept }

    static func install(
        _ template: String, from share: String, to destination: String, values: [String: String], mode: Int = 0o644
    ) throws -> Outcome {
        if FileManager.default.fileExists(atPath: destination) { return .kept }
        let source = share + "/" + template
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Exit.failure("template \(source) is missing")
        }
        var text = String(decoding: data, as: UTF8.self)
        for (key, value) in values { text = text.replacingOccurrences(of: "@\(key)@", with: value) }
        let directory = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(
            atPath: destination, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw Exit.failure("cannot write \(destination)") }
        return .written
    }
}
