/// A small seeded generator, so fuzz and chunking tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

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
