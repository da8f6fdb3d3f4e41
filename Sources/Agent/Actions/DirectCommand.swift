import Glibc

/// A command line simple enough to run without a shell: words of plain characters separated
/// by single spaces, the first naming an executable file. GNU make does the same for recipe
/// lines without shell syntax; for these words `/bin/sh -c` would only split on the spaces
/// and exec the program, so running it directly gives the same result, minus the shell's
/// start-up (about a millisecond of CPU per action, on every node of every deploy).
///
/// Anything else goes to the shell: quotes, `$`, redirections, `;`, globs, `VAR=value`
/// prefixes (`=` is not a plain character here), and first words that are not an executable
/// file in `PATH` (shell builtins such as `cd` or `exit`, and typos, which the shell reports).
struct DirectCommand: Equatable {
    /// The program's path, as found.
    var program: String
    /// argv, the first word included.
    var arguments: [String]

    /// The direct form of `line` under `searchPath` (a `PATH` value); nil when the shell must run it.
    init?(_ line: String, searchPath: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let first = words.first, words.allSatisfy({ !$0.isEmpty && Self.isPlain($0) }) else { return nil }
        guard let program = Self.find(first, in: searchPath) else { return nil }
        self.program = program
        arguments = words
    }

    private static func isPlain(_ word: String) -> Bool {
        word.utf8.allSatisfy(isPlain)
    }

    /// Letters, digits and `/._-+,:@%`: characters no shell gives a meaning to inside a word.
    static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "/._-+,:@%".utf8.contains(byte)
        }
    }

    /// `name` itself when it has a slash, else the first `PATH` entry holding it, as an
    /// executable regular file.
    private static func find(_ name: String, in searchPath: String) -> String? {
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) where directory.hasPrefix("/") {
            let candidate = String(directory) + (directory.hasSuffix("/") ? "" : "/") + name
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
