import Diagnostics
import SquidConfig

/// Paths and loading for the differential corpus (found through #filePath).
enum Corpus {
    static let directory: String = {
        var path = #filePath
        while let last = path.last, last != "/" { path.removeLast() }
        return path + "Corpus"
    }()

    /// One line of expected.tsv: the real squid's verdict on a corpus file.
    struct Expectation: Sendable, CustomStringConvertible {
        let file: String
        let valid: Bool
        /// "-" (none), "N", or "PATH:N" for an included file.
        let firstErrorLine: String
        /// "strict: ..." when our checker is stricter on purpose.
        let note: String

        var description: String { file }
    }

    static let expectations: [Expectation] = {
        guard let text = FileSystemLookup().expand(directory + "/expected.tsv").first?.text else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            return Expectation(file: fields[0], valid: fields[1] == "valid", firstErrorLine: fields[2],
                               note: fields.count > 3 ? fields[3] : "")
        }
    }()

    /// Checks corpus file `name` as squid would from the corpus directory.
    static func check(_ name: String, strict: Bool) -> [Diagnostic] {
        let lookup = RelativeLookup(base: directory)
        let text = lookup.expand(name).first?.text ?? ""
        var options = SquidCheckOptions()
        options.strict = strict
        return SquidChecker.check(text, path: name, files: lookup, options: options)
    }

    /// The first error as expected.tsv writes it: "N", "PATH:N" in another file, or "-".
    static func firstErrorLine(_ diagnostics: [Diagnostic], file: String) -> String {
        guard let first = diagnostics.first(where: { $0.severity == .error }) else { return "-" }
        return first.location.path == file ? "\(first.location.line)" : "\(first.location.path):\(first.location.line)"
    }
}

/// Resolves relative paths against a base directory, as squid does from its working directory.
struct RelativeLookup: SquidFileLookup {
    let base: String
    private let disk = FileSystemLookup()

    func expand(_ pattern: String) -> [(path: String, text: String)] {
        if pattern.hasPrefix("/") { return disk.expand(pattern) }
        return disk.expand(base + "/" + pattern).map { (String($0.path.dropFirst(base.count + 1)), $0.text) }
    }

    func exists(_ path: String) -> Bool {
        disk.exists(path.hasPrefix("/") ? path : base + "/" + path)
    }
}
