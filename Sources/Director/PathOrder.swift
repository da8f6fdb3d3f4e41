import Foundation

/// Sorting paths the way `String`'s `<` sorts them, faster for the usual ASCII paths.
enum PathOrder {
    /// `paths` in `String` order. For ASCII paths that is byte order: the paths are copied into
    /// one buffer and compared with `memcmp`, instead of with `String`'s Unicode-aware
    /// comparison. Other paths are sorted as strings.
    static func sorted(_ paths: some Collection<String>) -> [String] {
        let paths = Array(paths)
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(paths.count)
        for path in paths {
            spans.append((bytes.count, path.utf8.count))
            bytes.append(contentsOf: path.utf8)
        }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return paths.sorted() }
        var order = Array(paths.indices)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            order.sort { i, j in
                let a = spans[i], b = spans[j]
                let common = min(a.count, b.count)
                let byBytes = common == 0 ? 0 : memcmp(base + a.start, base + b.start, common)
                return byBytes != 0 ? byBytes < 0 : a.count < b.count
            }
        }
        return order.map { paths[$0] }
    }
}
