import Diagnostics

/// squid's unit tables (cache_cf.cc parseBytesUnits, parseTimeUnit): case-insensitive prefixes.
enum Units {
    private static let byteUnits: [(String, Double)] = [
        ("bytes", 1), ("kb", 1024), ("mb", 1_048_576), ("gb", 1_073_741_824),
    ]
    private static let timeUnits: [(String, Double)] = [
        ("nanosecond", 1e-9), ("microsecond", 1e-6), ("millisecond", 1e-3), ("second", 1),
        ("minute", 60), ("hour", 3600), ("day", 86400), ("week", 604800), ("fortnight", 1_209_600),
        ("month", 2_592_000), ("year", 31_557_600), ("decade", 315_576_000),
    ]

    static func bytes(_ unit: String) -> Double? { match(unit, byteUnits) }
    static func seconds(_ unit: String) -> Double? { match(unit, timeUnits) }
    static var timeUnitNames: [String] { timeUnits.map(\.0) }
    static var byteUnitNames: [String] { byteUnits.map(\.0) }

    /// strncasecmp(unit, name, strlen(name)) == 0 for the first name in `table`.
    private static func match(_ unit: String, _ table: [(String, Double)]) -> Double? {
        let bytes = unit.utf8
        for (name, value) in table where bytes.count >= name.utf8.count {
            if zip(bytes, name.utf8).allSatisfy({ ($0 | 0x20) == $1 }) { return value }
        }
        return nil
    }
}
