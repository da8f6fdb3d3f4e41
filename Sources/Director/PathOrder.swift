import Foundation

/// Sorting paths the way `String`'s `<` sorts them, faster for the usual ASCII paths.
enum PathOrder {
    /// `paths` in `String` order. For ASCII paths that is byte order, compared with `memcmp`
    /// instead of `String`'s Unicode-aware comparison; other paths are sorted as strings.
    static func sorted(_ paths: some Collection<String>) -> [String] {
        guard paths.allSatisfy(isASCII) else { return paths.sorted() }
        return paths.sorted(by: precedesByBytes)
    }

    private static func isASCII(_ path: String) -> Bool {
        path.utf8.allSatisfy { $0 < 0x80 }
    }

    private static func precedesByBytes(_ a: String, _ b: String) -> Bool {
        let ordered = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in precedes(x, y) }
        }
        if case let ordered?? = ordered { return ordered }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(x.count, y.count)
        guard common > 0, let p = x.baseAddress, let q = y.baseAddress else { return x.count < y.count }
        let order = memcmp(p, q, common)
        return order != 0 ? order < 0 : x.count < y.count
    }
}
