import Foundation

/// Runs perl on the machine, for tests that compare the checker's reading with perl's own.
enum Perl {
    static let path = "/usr/bin/perl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `script` with `input` on stdin; returns stdout split into lines.
    static func run(_ script: String, input: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-e", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.map { $0 + "\n" }.joined().utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` strings of up to `maxLength` pieces drawn from `pieces`.
    mutating func strings(_ count: Int, from pieces: [String], maxLength: Int) -> [String] {
        (0..<count).map { _ in
            (0..<Int.random(in: 0...maxLength, using: &self)).map { _ in pieces.randomElement(using: &self) ?? "" }.joined()
        }
    }
}
