import TestSupport

extension SplitMix64 {
    /// Overwrites, removes or inserts a byte at a random place.
    mutating func mutate(_ bytes: inout [UInt8]) {
        let byte = UInt8.random(in: 0...255, using: &self)
        switch (Int.random(in: 0..<3, using: &self), bytes.isEmpty) {
        case (0, false): bytes[Int.random(in: bytes.indices, using: &self)] = byte
        case (1, false): bytes.remove(at: Int.random(in: bytes.indices, using: &self))
        default: bytes.insert(byte, at: Int.random(in: 0...bytes.count, using: &self))
        }
    }
}
