import ArgumentParser
import Foundation

/// `--json` for the commands that read: the operation's result as one JSON document on
/// standard output, keys sorted, for scripts.
struct JSONOption: ParsableArguments {
    @Flag(help: "Print the result as JSON (for scripts) instead of text.")
    var json = false

    func print(_ value: some Encodable, to output: Output = .terminal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        output.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
