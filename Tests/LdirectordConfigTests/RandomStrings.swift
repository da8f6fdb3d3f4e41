import TestSupport

extension SplitMix64 {
    /// `count` strings of up to `maxLength` pieces drawn from `pieces`.
    mutating func strings(_ count: Int, from pieces: [String], maxLength: Int) -> [String] {
        (0..<count).map { _ in
            (0..<Int.random(in: 0...maxLength, using: &self)).map { _ in pieces.randomElement(using: &self) ?? "" }.joined()
        }
    }
}
