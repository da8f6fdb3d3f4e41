/// A duration in agent.conf or a flag: digits with an optional unit (`ms`, `s`, `m`, `h`;
/// none means seconds), as the cluster file's action `timeout` takes it.
enum DurationSetting {
    /// The longest accepted: one day.
    static let maximumMillis = 86_400_000

    /// `text` in milliseconds, above zero and at most a day; nil otherwise.
    static func milliseconds(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let units = ["": 1000, "s": 1000, "ms": 1, "m": 60_000, "h": 3_600_000]
        guard !digits.isEmpty, digits.count <= 9, let value = Int(digits),
            let scale = units[String(text.dropFirst(digits.count))]
        else { return nil }
        let millis = value * scale
        return millis > 0 && millis <= maximumMillis ? millis : nil
    }
}
