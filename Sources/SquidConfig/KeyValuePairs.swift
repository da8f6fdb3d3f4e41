/// squid's ConfigParser::NextKvPair applied to a line's words: a key runs up to the next '='
/// (across spaces), its value is what follows the '=' or else the next word. Reading stops at
/// the first key without a value, which swallows the rest of the line.
enum KeyValuePairs {
    struct Pair {
        let key: String
        let value: String
        /// Index of the word where the key starts.
        let index: Int
    }

    static func parse(_ words: [String]) -> [Pair] {
        var pairs: [Pair] = []
        var index = 0
        while index < words.count {
            guard let end = words[index...].firstIndex(where: { $0.contains("=") }) else { break }
            let keyTail = words[end].prefix { $0 != "=" }
            let key = (words[index..<end] + [String(keyTail)]).joined(separator: " ")
            let afterEquals = String(words[end].dropFirst(keyTail.count + 1))
            if !afterEquals.isEmpty {
                pairs.append(Pair(key: key, value: afterEquals, index: index))
                index = end + 1
            } else if end + 1 < words.count {
                pairs.append(Pair(key: key, value: words[end + 1], index: index))
                index = end + 2
            } else {
                break
            }
        }
        return pairs
    }
}
