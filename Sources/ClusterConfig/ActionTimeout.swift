/// How long an action's commands may run: `timeout N[ms|s|m|h];` inside an `action` block.
public enum ActionTimeout {
    /// The longest timeout accepted: one day.
    public static let maximumMillis = 86_400_000

    /// The text's duration in milliseconds: digits with an optional unit (`ms`, `s`, `m`,
    /// `h`; none means seconds), above zero and at most a day; nil otherwise.
    public static func milliseconds(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let units = ["": 1000, "s": 1000, "ms": 1, "m": 60_000, "h": 3_600_000]
        guard !digits.isEmpty, digits.count <= 9, let value = Int(digits),
            let scale = units[String(text.dropFirst(digits.count))]
        else { return nil }
        let millis = value * scale
        return millis > 0 && millis <= maximumMillis ? millis : nil
    }
}
